import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleListAnswer } from '../../../engine/index.js';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotAtBothWidths, signInPage } from '../../support/webSignIn.js';

describe('the studio’s calendar and schedules in Chromium, through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lists the years’ arrangements and every shipped schedule with its next start', async () => {
    page = await signInPage(browser, server, 'admin@demo.tongban', { width: 1366, waitForHome: true });
    await page.goto(`${server.url}/studio/calendar`);
    await expect.poll(() => page.getByRole('heading', { name: '周期计划', exact: true }).count(), { timeout: 20_000 }).toBe(1);
    const admin = await server.login('admin');
    const { schedules } = await admin.send<ScheduleListAnswer>('/api/tongban/admin/schedules', {});
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) await expect.poll(() => page.getByRole('cell', { name: s.name, exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('cell', { name: String(new Date().getFullYear()), exact: true }).count()).toBe(1);
  });

  it('adds a single-day change, audited as the administrator’s, and removes it', async () => {
    await page.getByLabel('日期', { exact: true }).fill('2027-10-09');
    await page.getByLabel('这一天上班（不勾选为放假）').check();
    await page.getByLabel('说明', { exact: true }).fill('国庆调休上班');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: '国庆调休上班' }).count()).toBe(1);
    const su = await server.superuser();
    const override = await su.collection('calendar_overrides').getFirstListItem('date = "2027-10-09"');
    expect(override).toMatchObject({ working: true, note: '国庆调休上班' });
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('target_id = {:id}', { id: override.id }) });
    expect(audit).toMatchObject([{ action: 'calendar.override.create', actor_role: 'admin' }]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '删除 2027-10-09' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '国庆调休上班' }).count()).toBe(0);
    expect((await su.collection('calendar_overrides').getList(1, 1, { filter: 'date = "2027-10-09"' })).totalItems).toBe(0);
  });

  it('is accessible in both modes at phone and desktop widths', async () => {
    for (const elder of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(page), `${width}${elder ? ' 长辈模式' : ''}`).toEqual([]);
      }
    }
    await screenshotAtBothWidths(page, 'studio', 'calendar');
  });
});
