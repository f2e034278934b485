import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardAnswer } from '../../../engine/index.js';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotFolder, signInPage } from '../../support/webSignIn.js';

const screenshots = path.join(screenshotFolder, 'studio');


describe('the studio’s dashboard in Chromium, through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await buildWeb();
    // Nothing runs behind the test: the shipped schedules open their periods here, once, before the
    // page loads (the minute cron opened them between the page's figures and the server's).
    server = await startPocketBase({ env: { TONGBAN_NO_BACKGROUND: '1' } });
    await server.sweep();
    browser = await launchChromium();
    const a1 = await server.login('applicant-a1');
    const opened = (await openCase(a1, demoHousehold)).case;
    await command(a1, opened, 'submit');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows this year’s figures as the server computes them, with a chart per figure', async () => {
    page = await signInPage(browser, server, 'admin@demo.tongban');
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await page.goto(`${server.url}/studio/dashboard`);
    // Cases, timeliness and step times have figures from the demo's cases; amounts and coverage may have none.
    await expect.poll(() => page.locator('tb-studio-dashboard .chart canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const admin = await server.login('admin');
    const figures = await admin.send<DashboardAnswer>('/api/tongban/admin/dashboard', {});
    const started = figures.processes.reduce((n, p) => n + p.started, 0);
    expect(started).toBeGreaterThan(0);
    await expect.poll(() => page.locator('tb-studio-dashboard .totals li').first().textContent()).toBe(`受理${started}`);
    await page.getByText('数据表').first().click();
    await expect.poll(() => page.getByRole('cell', { name: '最低生活保障审核确认' }).count()).toBeGreaterThan(0);
  });

  it('downloads a chart as an image', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载图片：各事项案件数' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^各事项案件数（\d{4}-01-01至\d{4}-\d{2}-\d{2}）\.png$/);
    expect(statSync(await download.path()).size).toBeGreaterThan(1000);
  });

  it('narrows to a township, and is accessible in both modes at desktop and phone widths', async () => {
    await page.getByLabel('区划').selectOption({ label: '孙庄街道' });
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByText(/^孙庄街道，\d{4}-01-01 至/).count()).toBe(1);
    const admin = await server.login('admin');
    const township = await admin.collection('org_units').getFirstListItem('name = "孙庄街道"');
    const figures = await admin.send<DashboardAnswer>(`/api/tongban/admin/dashboard?division=${township.id}`, {});
    await expect.poll(() => page.locator('tb-studio-dashboard .totals li').first().textContent()).toBe(`受理${figures.processes.reduce((n, p) => n + p.started, 0)}`);
    mkdirSync(screenshots, { recursive: true });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const elder of [false, true]) {
        await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
        expect(await axeViolations(page), `${width}${elder ? ' 长辈模式' : ''}`).toEqual([]);
        await page.screenshot({ path: path.join(screenshots, `studio-dashboard-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
      }
    }
  });
});
