import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotFolder, signInPage } from '../../support/webSignIn.js';

/** Screenshots for review, in a folder git ignores. */
const screenshots = screenshotFolder;

/** A village officer files (代办) and submits an application for a resident without an account; it reaches the township's 受理. */
async function fileFor(village: PocketBase, name: string): Promise<CaseSummary> {
  const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name, idNumber: freshIdNumber() } }, { proxy: true });
  return (await command(village, opened.case, 'submit')).case;
}

/** The number the page shows beside a queue's name. */
const countOf = (page: Page, tab: string) => page.locator(`.count[data-tab="${tab}"]`).textContent();

describe('an officer’s work queues in Chromium, through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  const filed: CaseSummary[] = [];
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    const village = await server.login('village-a1');
    for (const name of ['赵桂兰', '钱玉珍', '孙德明']) filed.push(await fileFor(village, name));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows a township officer their 待办 with its count, narrows it by a filter and finds a case by its number', async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await expect.poll(() => countOf(page, 'tasks')).toBe('3');
    await expect.poll(() => page.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：钱\*珍/ }).count()).toBe(1);
    // A step no task is at: nothing; then the search by case number finds exactly that case.
    await page.getByLabel('环节').fill('investigation');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.getByText('没有符合条件的案件。').count()).toBe(1);
    await page.getByLabel('环节').fill('');
    const su = await server.superuser();
    const caseNo = (await su.collection('applications').getOne(filed[2]!.id)).case_no as string;
    await page.getByLabel('案件编号或姓名').fill(caseNo);
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.locator('li.row').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: /孙\*明/ }).count()).toBe(1);
    await expect.poll(() => countOf(page, 'tasks')).toBe('1');
    // The village officer sees what they filed under 我发起.
    const villagePage = await signInPage(browser, server, 'village-a1@demo.tongban');
    await villagePage.getByRole('link', { name: /我发起/ }).click();
    await expect.poll(() => new URL(villagePage.url()).pathname).toBe('/work/started');
    await expect.poll(() => countOf(villagePage, 'started')).toBe('3');
    await villagePage.close();
    await page.close();
  });

  it('shows a case moving into the queue without a reload', async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    await expect.poll(() => countOf(page, 'tasks')).toBe('3');
    await fileFor(await server.login('village-a1'), '周凤英');
    await expect.poll(() => page.getByRole('link', { name: /周\*英/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => countOf(page, 'tasks')).toBe('4');
    await page.close();
  });

  // Batch approval with one failing row is part of the 低保 journey (dibaoJourney.test.ts).

  it('has no axe violations at 1366 and 390 px, normal and in 长辈模式, on 待办, 已办 and 我发起', { timeout: 300_000 }, async () => {
    mkdirSync(screenshots, { recursive: true });
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    // Signed in (the code accepted) before going to each queue by its address.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/work/tasks');
    for (const tab of ['tasks', 'done', 'started']) {
      for (const width of [1366, 390]) {
        for (const elder of [false, true]) {
          await page.setViewportSize({ width, height: 900 });
          await page.evaluate((on) => localStorage.setItem('tb-elder', on ? '1' : '0'), elder);
          await page.goto(`${server.url}/work/${tab}`);
          await expect.poll(() => page.locator(`.count[data-tab="${tab}"]`).textContent({ timeout: 5_000 }).catch(() => ''), { timeout: 30_000 }).toMatch(/^\d+$/);
          expect((await axeViolations(page)).join('\n'), `${tab} at ${width} px${elder ? ' in 长辈模式' : ''}`).toBe('');
          await page.screenshot({ path: path.join(screenshots, `queue-${tab}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
        }
      }
    }
    await page.close();
  });
});
