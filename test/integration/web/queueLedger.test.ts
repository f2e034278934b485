import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, signInPage } from '../../support/webSignIn.js';

describe('an officer exports a queue as a 台账 (Excel), in Chromium through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    const village = await server.login('village-a1');
    for (const name of ['赵桂兰', '钱玉珍']) {
      const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name, idNumber: freshIdNumber() } }, { proxy: true });
      await command(village, opened.case, 'submit');
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('gives every row of the 待办 queue with its region and masked names, and no ID number', async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban', { width: 1366, waitForHome: true });
    await expect.poll(() => page.getByRole('button', { name: '导出台账（Excel）' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出台账（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^待办台账（\d{4}-\d{2}-\d{2}）\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['案件编号', '事项', '申请人（已遮盖）', '县（市、区）', '乡镇（街道）', '村（社区）', '当前环节', '状态', '办理期限', '是否逾期', '时间']);
    const township = await server.login('township-a');
    const open = await township.collection('tasks').getFullList({ filter: 'status = "open"', expand: 'application' });
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => (sheet.getRow(i + 3).values as unknown[]).slice(1).map(String));
    expect(rows.map((r) => r[0]).sort()).toEqual(open.map((t) => t.expand?.application?.case_no as string).sort());
    const ours = rows.filter((r) => r[2] === '赵*兰' || r[2] === '钱*珍');
    expect(ours).toHaveLength(2);
    for (const row of ours) expect(row.slice(3, 6)).toEqual(['海安市', '曲塘镇', '曲塘镇杨庄村']);
    const text = rows.flat().join(' ');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await expect.poll(() => page.getByText(`已导出 ${rows.length} 行。`).count()).toBe(1);
  });
});
