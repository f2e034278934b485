import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { resolvePage } from '../../../web/src/app/router.js';
import { routes } from '../../../web/src/app/routes.js';
import { sessionOf } from '../../../web/src/session/session.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, pageWidths, screenshotFolder, signInPage } from '../../support/webSignIn.js';

/** The people the walk signs in as: every kind of user, and each level of officer (a department's too). */
const people = [
  { who: 'applicant', email: 'applicant-a1@demo.tongban', role: 'applicant' },
  { who: 'village', email: 'village-a1@demo.tongban', role: 'officer' },
  { who: 'township', email: 'township-a@demo.tongban', role: 'officer' },
  { who: 'county', email: 'county@demo.tongban', role: 'officer' },
  { who: 'department', email: 'dpf@demo.tongban', role: 'officer' },
  { who: 'admin', email: 'admin@demo.tongban', role: 'admin' },
] as const;

/** Every path of the route table (routes.ts), its parameters named as written (`/cases/:id`). */
const routePaths = [...new Set(routes.map((r) => r.path).filter((p): p is string => typeof p === 'string' && p !== ''))];

/** The route's address with its parameters filled in from `values`; a parameter the walk has no value for fails the test by name. */
function addressOf(routePath: string, values: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const address = routePath.replace(/:(\w+)/g, (_, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) throw new Error(`the walk of every page has no value for the route parameter :${name} of ${routePath}: add one`);
    const value = values[name];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : address;
}

/** A name for a screenshot file: the route's path without its slashes and parameters. */
const fileNameOf = (routePath: string) => routePath.replace(/^\//, '').replace(/\/:\w+/g, '').replace(/\//g, '-');

/** Shows the page in 长辈模式 or not, as the header's switch does (the choice is remembered; the sizes are CSS). */
async function setElder(page: Page, on: boolean): Promise<void> {
  await page.evaluate((elder) => {
    localStorage.setItem('tb-elder', elder ? '1' : '0');
    document.documentElement.classList.toggle('elder', elder);
  }, on);
}

/** Waits until the page has loaded what it shows: a heading, and no 正在加载… left. */
async function settledPage(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByText('正在加载…').count(), { timeout: 20_000 }).toBe(0);
}

/**
 * Opens `address` and checks it with axe at phone and desktop widths, normal and in 长辈模式, saving
 * a screenshot of each under .tmp/screenshots/pages; returns the violations found, by combination.
 */
async function checkPage(page: Page, address: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const folder = path.join(screenshotFolder, 'pages');
  mkdirSync(folder, { recursive: true });
  await page.goto(address);
  await settledPage(page);
  for (const width of pageWidths) {
    for (const elder of [false, true]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await setElder(page, elder);
      for (const v of await axeViolations(page)) found.push(`${name} at ${width} px${elder ? ' in 长辈模式' : ''}: ${v}`);
      await page.screenshot({ path: path.join(folder, `${name}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
    }
  }
  await setElder(page, false);
  return found;
}

describe('every page of the route table, for every kind of user, in Chromium: axe-core finds nothing at 390 and 1366 px, normal and in 长辈模式', () => {
  let server: TestServer;
  let browser: Browser;
  /** The routes some person's walk opened. */
  const walkedRoutes = new Set<string>(['/sign-in']);
  /** The designer's pages (/studio/processes/:key/:version…) open 低保's newest published version, read from the server. */
  const designerSample: Record<string, string> = {};
  /** A bulk start, for the page of one run (/studio/bulk/:run): the newest, or one started here when there is none. */
  let bulkRun: string | undefined;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ demoCases: true });
    browser = await launchChromium();
    const admin = await server.login('admin@demo.tongban');
    const { versions } = await admin.send<{ versions: { version: number; status: string; division: string }[] }>('/api/tongban/admin/workflows/dibao/versions', {});
    designerSample.key = 'dibao';
    designerSample.version = String(versions.find((v) => v.division === '' && v.status === 'published')!.version);
    const runs = await admin.send<{ items: { id: string }[]; startable: { key: string }[] }>('/api/tongban/bulk-starts?perPage=1', {});
    bulkRun = runs.items[0]?.id ?? (await admin.send<{ id: string }>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: runs.startable[0]!.key, commandId: crypto.randomUUID(), selector: {} } })).id;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('has no violations on the sign-in page, signed out', { timeout: 300_000 }, async () => {
    const page = await browser.newPage();
    const found = [...(await checkPage(page, `${server.url}/sign-in`, 'signed-out-sign-in'))];
    await page.close();
    expect(found).toEqual([]);
  });

  for (const person of people) {
    it(`has no violations on any page ${person.who === 'admin' ? 'an administrator' : person.who === 'applicant' ? 'an applicant' : `a ${person.who} officer`} may open`, { timeout: 900_000 }, async () => {
      // A case this person may see (the collection's rules decide), for the pages of one case.
      const client = await server.login(person.email);
      const visible = await client.collection('applications').getList(1, 1, { sort: '-created', skipTotal: true });
      const id = visible.items[0]?.id;
      const session = sessionOf({ id: 'u', role: person.role, collectionId: '', collectionName: 'users' });
      const page = await signInPage(browser, server, person.email, { width: 390, waitForHome: true });
      const found: string[] = [];
      const walked: string[] = [];
      for (const routePath of routePaths) {
        const address = addressOf(routePath, { id, run: bulkRun, ...designerSample });
        if (address === undefined) continue;
        // Only the pages this kind of user is shown; the others redirect (checked by the route table's own tests).
        if (resolvePage(address, { session }).path !== address) continue;
        walked.push(routePath);
        found.push(...(await checkPage(page, `${server.url}${address}`, `${person.who}-${fileNameOf(routePath)}`)));
      }
      found.push(...(await checkPage(page, `${server.url}/no/such/page`, `${person.who}-not-found`)));
      await page.close();
      for (const p of walked) walkedRoutes.add(p);
      expect(walked.length).toBeGreaterThan(1);
      expect(found).toEqual([]);
    });
  }

  it('walked every route of the table that shows a page (a route that only redirects leads to one of them)', () => {
    const kinds = ['applicant', 'officer', 'admin'] as const;
    const redirectsOnly = routePaths.filter((p) => kinds.every((kind) => {
      const address = p.replace(/:(\w+)/g, 'x');
      return resolvePage(address, { session: sessionOf({ id: 'u', role: kind, collectionId: '', collectionName: 'users' }) }).path !== address;
    }));
    expect(routePaths.filter((p) => !walkedRoutes.has(p) && !redirectsOnly.includes(p))).toEqual([]);
  });
});
