/**
 * Helpers for the forms/elements browser tests: mount a `<tb-form>` over a schema, find a field's
 * element by its JSON pointer, type into it with the real keyboard and leave it with Tab.
 */
import { sendKeys } from '@web/test-runner-commands';
import '../../../forms/elements/index.js';
import type { TbForm } from '../../../forms/elements/index.js';
import type { FieldPermissions, FormSchema, UiSchema } from '../../../forms/core/index.js';
import { assert, settled } from './assert.js';

/** What a test form is drawn from. */
export interface MountOptions {
  schema: FormSchema;
  ui?: UiSchema;
  data?: Record<string, unknown>;
  permissions?: FieldPermissions;
  params?: Record<string, number | string | boolean>;
  language?: 'zh-CN' | 'en';
  print?: boolean;
  elder?: boolean;
  /** Where to put the form (default: a fresh `document.body`). */
  parent?: HTMLElement;
}

/** A `<tb-form>` in the page, drawn and settled. */
export async function mountForm(options: MountOptions): Promise<TbForm> {
  if (!options.parent) document.body.innerHTML = '';
  const form = document.createElement('tb-form');
  form.schema = options.schema;
  if (options.ui) form.ui = options.ui;
  form.data = options.data ?? {};
  if (options.permissions) form.permissions = options.permissions;
  if (options.params) form.params = options.params;
  if (options.language) form.language = options.language;
  if (options.print) form.print = true;
  if (options.elder) form.elder = true;
  (options.parent ?? document.body).append(form);
  await settled(form);
  await settleFields(form);
  return form;
}

/** Waits for the form and every field element in it to finish rendering. */
export async function settleFields(form: TbForm): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await settled(form);
    await Promise.all([...form.shadowRoot!.querySelectorAll('[data-pointer]')].map((el) => settled(el)));
  }
}

/** The field element of `pointer` (settled). */
export async function fieldOf(form: TbForm, pointer: string): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  await settleFields(form);
  const host = form.shadowRoot!.querySelector<HTMLElement>(`[data-pointer="${pointer}"]`);
  assert(host, `a field element for ${pointer}`);
  await settled(host);
  return host as HTMLElement & { updateComplete: Promise<unknown> };
}

/** The field element of `pointer`, or null when it is not in the DOM. */
export function maybeFieldOf(form: TbForm, pointer: string): HTMLElement | null {
  return form.shadowRoot!.querySelector<HTMLElement>(`[data-pointer="${pointer}"]`);
}

/** One element in a field's shadow root. */
export function part<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const el = host.shadowRoot!.querySelector<T>(selector);
  assert(el, `${selector} in <${host.tagName.toLowerCase()}>`);
  return el;
}

/** The field's own input (`#input`). */
export function inputOf<T extends HTMLElement = HTMLInputElement>(host: Element): T {
  return part<T>(host, '#input');
}

/** Focuses `el`, types `text` with the keyboard, and waits for the field to draw. */
export async function typeInto(host: Element, el: HTMLElement, text: string): Promise<void> {
  el.focus();
  assert(host.shadowRoot!.activeElement === el, 'the input has focus before typing');
  await sendKeys({ type: text });
  await settled(host);
}

/** Leaves the focused field with Tab (so it is marked visited) and waits for `host` to draw. */
export async function tabAway(host: Element): Promise<void> {
  await sendKeys({ press: 'Tab' });
  await settled(host);
}

/** Clears an input with the keyboard (select all, delete). */
export async function clearInput(host: Element, el: HTMLElement): Promise<void> {
  el.focus();
  await sendKeys({ press: 'Control+a' });
  await sendKeys({ press: 'Backspace' });
  await settled(host);
}

/** Chooses an option of a native select by its visible text (the select fires `change` as on a pick). */
export async function choose(host: Element, select: HTMLSelectElement, label: string): Promise<void> {
  const index = [...select.options].findIndex((o) => o.textContent?.trim() === label);
  assert(index >= 0, `option ${label} in ${[...select.options].map((o) => o.textContent).join(',')}`);
  select.focus();
  select.selectedIndex = index;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settled(host);
}

/**
 * Checks that an input is marked invalid and that its `aria-describedby` names elements of the same
 * shadow root, one of them the shown error with `message`.
 */
export function assertInvalidWith(host: Element, input: Element, message: string): void {
  const root = host.shadowRoot!;
  assert(input.getAttribute('aria-invalid') === 'true', `aria-invalid="true" on the input of <${host.tagName.toLowerCase()}>, got ${input.getAttribute('aria-invalid')}`);
  const ids = (input.getAttribute('aria-describedby') ?? input.closest('[aria-describedby]')?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  assert(ids.length > 0, 'aria-describedby on the input');
  const described = ids.map((id) => root.getElementById(id));
  assert(described.every(Boolean), `every aria-describedby id (${ids.join(' ')}) is in the same shadow root`);
  const texts = described.map((d) => d!.textContent!.trim());
  assert(texts.includes(message), `the described error says ${message}; got ${JSON.stringify(texts)}`);
}

/** Checks that an input is not marked invalid and that no error text is shown. */
export function assertValid(host: Element, input: Element): void {
  assert(input.getAttribute('aria-invalid') === 'false', `aria-invalid="false", got ${input.getAttribute('aria-invalid')}`);
  const errors = [...host.shadowRoot!.querySelectorAll('.error')].map((e) => e.textContent!.trim()).filter(Boolean);
  assert(errors.length === 0, `no error shown, got ${JSON.stringify(errors)}`);
}

/** The text of an element with runs of white space collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Records the `tb-change` events of a form. */
export function recordChanges(form: TbForm): { value: Record<string, unknown>; valid: boolean }[] {
  const out: { value: Record<string, unknown>; valid: boolean }[] = [];
  form.addEventListener('tb-change', (e) => out.push((e as CustomEvent<{ value: Record<string, unknown>; valid: boolean }>).detail));
  return out;
}

/** Every element in `root` and in the shadow roots below it that matches `selector`. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepQueryAll(el.shadowRoot, selector));
  return out;
}

/** The element that has focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Polls `check` on animation frames until it is true (bounded); for truly asynchronous loads. */
export async function until(check: () => boolean, what: string, frames = 200): Promise<void> {
  for (let i = 0; i < frames; i++) {
    if (check()) return;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
  throw new Error(`timed out waiting for ${what}`);
}
