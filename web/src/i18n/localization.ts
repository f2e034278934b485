/**
 * The app's languages with @lit/localize (runtime mode): zh-CN is the source — the Chinese text
 * written in the code with `msg('…', { id })` — and English the one translation, in
 * `locales/en.ts` by message id. The choice is remembered on this device.
 */
import { configureLocalization } from '@lit/localize';
import * as en from './locales/en.js';

/** The languages the app speaks, zh-CN first. */
export type AppLocale = 'zh-CN' | 'en';

const storageKey = 'tb-lang';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'zh-CN',
  targetLocales: ['en'],
  loadLocale: () => Promise.resolve(en),
});

/** The language the app speaks now. */
export function currentLocale(): AppLocale {
  return getLocale() === 'en' ? 'en' : 'zh-CN';
}

/** Switches the app's language (and the page's `lang`), remembering the choice. */
export async function switchLocale(locale: AppLocale): Promise<void> {
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
  await setLocale(locale);
}

/** Restores the language chosen on this device before (default zh-CN). */
export function restoreLocale(): Promise<void> {
  const saved = localStorage.getItem(storageKey);
  return switchLocale(saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN');
}
