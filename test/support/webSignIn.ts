/**
 * The web tests' small helpers for Chromium: starting it, signing in as a person does (the
 * password, and for staff the code mailed to them — test servers keep mail, see
 * {@link TestServer.lastOtp}), axe-core on the page as it stands, and screenshots for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoPassword } from '../../server/demo/demoCounty.js';
import type { TestServer } from './pocketbase.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Screenshots for review, in a folder git ignores (`.tmp/`). */
export const screenshotFolder = path.join(root, '.tmp/screenshots');

/** The phone and desktop widths every page is checked at. */
export const pageWidths = [390, 1366] as const;

/** The flags Chromium runs with in the tests (no network of its own, no sandbox as root). */
const chromiumArgs = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts the system Chromium (`CHROMIUM_PATH` overrides its place), headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

/** Options of {@link signInPage}. */
export interface SignInOptions {
  /** The page's width (default 360 px, a small phone). */
  width?: number;
  /** Wait until the sign-in is through and the user's home page shows (default false: return once the code is entered). */
  waitForHome?: boolean;
}

/** Opens the app on a fresh phone-sized page (its own browser context) and signs in as `email`; staff type their mailed code. */
export async function signInPage(browser: Browser, server: TestServer, email: string, options: SignInOptions = {}): Promise<Page> {
  const width = options.width ?? 360;
  const page = await browser.newPage({ viewport: { width, height: width < 500 ? 844 : 900 } });
  await page.goto(`${server.url}/`);
  await page.getByLabel('账号（邮箱）').fill(email);
  await page.getByLabel('密码').fill(demoPassword);
  // Staff get a code by mail for this sign-in: read the code of this very request (by its id), never
  // the last one mailed to the address, which may be an earlier sign-in's while this mail is on its way.
  const otpRequest = email.startsWith('applicant-') ? undefined : page.waitForResponse((r) => r.url().includes('/request-otp') && r.ok(), { timeout: 30_000 });
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (otpRequest) {
    const { otpId } = (await (await otpRequest).json()) as { otpId: string };
    await expect.poll(() => page.getByRole('heading', { name: '输入验证码' }).count()).toBe(1);
    await page.getByLabel('邮箱验证码').fill(await server.otpOf(otpId));
    await page.getByRole('button', { name: '确认登录' }).click();
  }
  if (options.waitForHome) {
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).not.toBe('/sign-in');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  }
  return page;
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * The axe-core violations of the page as it stands (open shadow roots included), as `rule: targets`.
 * Evaluated through the debugging protocol: the app's Content-Security-Policy admits no inline script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** Saves the page (full length) at the phone and desktop widths as `<name>-<width>.png` under `folder`, and returns to the phone width. */
export async function screenshotAtBothWidths(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(screenshotFolder, folder);
  mkdirSync(dir, { recursive: true });
  for (const width of [...pageWidths].reverse()) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
}

/** Buttons and links of the page (in shadow roots too) smaller than `min` px in either direction. */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const out: string[] = [];
    const walk = (node: Document | ShadowRoot) => {
      for (const el of node.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches('button, input[type=radio] + *, a.big, header a')) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.height < least || r.width < least)) out.push(`${el.tagName} “${el.textContent?.trim().slice(0, 20)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    };
    walk(document);
    return out;
  }, min);
}

/**
 * Signs in as `email` (on their home page first) and opens a case's page by its address, waiting
 * for its progress timeline; a page that does not come is saved as a screenshot before failing.
 */
export async function openCasePage(browser: Browser, server: TestServer, email: string, caseId: string, options: SignInOptions = {}): Promise<Page> {
  const page = await signInPage(browser, server, email, { ...options, waitForHome: true });
  await page.goto(`${server.url}/cases/${caseId}`);
  try {
    await expect.poll(() => page.getByRole('heading', { name: '办理进度' }).count(), { timeout: 20_000 }).toBe(1);
  } catch (e) {
    mkdirSync(screenshotFolder, { recursive: true });
    await page.screenshot({ path: path.join(screenshotFolder, `case-failed-${email}.png`), fullPage: true });
    throw e;
  }
  return page;
}
