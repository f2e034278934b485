import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { idCardCheckChar } from '../../../forms/core/index.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotFolder, signInPage, smallTargets } from '../../support/webSignIn.js';

const screenshots = path.join(screenshotFolder, 'studio');
const idNumber = (birth: string, seq: string) => `320685${birth}${seq}${idCardCheckChar(`320685${birth}${seq}`)}`;

/** A recipients sheet as a bureau's older system exports it: two good rows around one bad one. */
async function recipientsSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('救助对象');
  sheet.addRow(['姓名', '身份证号', '出生日期', '性别', '户号或户主', '村（社区）代码或名称', '救助项目', '享受起始日期']);
  sheet.addRow(['周桂英', idNumber('19450611', '002'), '1945-06-11', '女', 'QT-0031', '320685102290', '低保', '2024-07-01']);
  sheet.addRow(['吴建华', idNumber('19520920', '003'), '', '男', 'QT-0032', '不存在村', '低保', '2024-07-01']);
  sheet.addRow(['郑秀兰', idNumber('19500105', '004'), '', '', '', '曲塘镇双楼村', '低保', '2023-01-01']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Checks the page with axe at phone and desktop widths, normal and in 长辈模式 (targets ≥ 60 px there), saving screenshots. */
async function checkAccessible(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    for (const elder of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
      expect(await axeViolations(page), `${name} at ${width} px${elder ? ' (长辈模式)' : ''}`).toEqual([]);
      if (elder) expect(await smallTargets(page, 60), `${name} at ${width} px (长辈模式)`).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `studio-${name}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
    }
  }
  await page.evaluate(() => document.documentElement.classList.remove('elder'));
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('the studio’s register import and bulk starts in Chromium, through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await buildWeb();
    // One subject a chunk, one chunk a request: the run stops after its first row, so its progress shows and it is continued from the page.
    server = await startPocketBase({ env: { TONGBAN_BULK_CHUNK: '1', TONGBAN_BULK_CHUNKS_PER_REQUEST: '1' } });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('imports recipients from a sheet with one bad row: the row’s error shown, nothing written until the administrator chooses the valid rows', { timeout: 300_000 }, async () => {
    page = await signInPage(browser, server, 'admin@demo.tongban');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('link', { name: '管理工作台' }).click();
    await page.getByRole('link', { name: '对象导入' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio/subjects/import');
    await page.locator('tb-sheet-import input[type=file]').setInputFiles({ name: '救助对象.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await recipientsSheet() });
    await expect.poll(() => page.getByText('共 3 行：2 行正确，1 行有误。').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '第 3 行：没有代码或名称为“不存在村”的村（社区）。' }).count()).toBe(1);
    const su = await server.superuser();
    expect((await su.collection('subjects').getList(1, 1, { filter: 'kind = "person"' })).totalItems).toBe(0);
    await checkAccessible(page, 'subjects-import-check');

    await page.getByRole('button', { name: '只导入正确的 2 行' }).click();
    await expect.poll(() => page.getByText('已导入 2 行。').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '新增' }).count()).toBe(2);
    expect(await page.getByRole('cell', { name: '周*英' }).count()).toBe(1);
    const people = await su.collection('subjects').getFullList({ filter: 'kind = "person"', sort: 'created' });
    expect(people.map((p) => [p.name, (p.facts as { dibao?: { status: string } }).dibao?.status]).sort()).toEqual([['周*英', '在保'], ['郑*兰', '在保']]);
    await checkAccessible(page, 'subjects-import-done');

    await page.getByRole('link', { name: '社会组织' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio/organisations/import');
    await expect.poll(() => page.getByRole('heading', { name: '从表格导入社会组织' }).count()).toBe(1);
    await checkAccessible(page, 'organisations-import');
  });

  it('starts a bulk run of a shipped process for the township’s 低保 households, counted first, and watches it finish with each row’s case', { timeout: 300_000 }, async () => {
    await page.getByRole('link', { name: '批量发起' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio/bulk');
    await expect.poll(() => page.locator('tb-studio-bulk select#workflow option').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await checkAccessible(page, 'bulk');
    await page.locator('tb-studio-bulk select#workflow').selectOption('dibao-review');
    await page.getByLabel('范围（县、乡镇）').selectOption({ label: '曲塘镇' });
    await page.getByLabel(/只选对象事实/).fill('dibao.status');
    await page.getByLabel(/事实的值/).fill('在保');
    await page.getByRole('button', { name: '先统计对象数' }).click();
    // The count the server gives for the same choice.
    const admin = await server.login('admin');
    const township = (await admin.collection('org_units').getFirstListItem('code = "320685102"')).id;
    const { count } = await admin.send<{ count: number }>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: crypto.randomUUID(), selector: { unit: township, fact: { path: 'dibao.status', equals: '在保' } }, dryRun: true } });
    expect(count).toBeGreaterThan(1);
    await expect.poll(() => page.getByText(`符合条件的对象：${count} 个。`).count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole('button', { name: `为 ${count} 个对象发起` }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/studio\/bulk\/[a-z0-9]{15}$/);
    // The first request started one row and stopped: the page shows the progress and offers to continue.
    await expect.poll(() => page.getByText(`进度：已处理 1 / ${count}`, { exact: false }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('tb-studio-bulk-run [role=status][aria-live=polite]').textContent(), { timeout: 20_000 }).toContain(`已处理 1 / ${count}`);
    await checkAccessible(page, 'bulk-run-running');
    while (await page.getByRole('button', { name: '从中断处继续' }).count() > 0) {
      await page.getByRole('button', { name: '从中断处继续' }).click();
      await page.waitForTimeout(300);
    }
    await expect.poll(() => page.getByText(`进度：已处理 ${count} / ${count}（100%）`).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('tb-studio-bulk-run [role=status][aria-live=polite]').textContent(), { timeout: 20_000 }).toMatch(/^批量发起已完成：已发起 \d+ 件，失败 \d+ 个。$/);
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    const rows = await admin.send<{ items: { case: { id: string; caseNo: string } | null; error: string | null }[] }>(`/api/tongban/bulk-starts/${runId}/rows`, {});
    expect(rows.items).toHaveLength(count);
    for (const row of rows.items) {
      if (row.case) expect(await page.getByRole('link', { name: row.case.caseNo }).count()).toBe(1);
      else expect(await page.getByText(row.error!).count()).toBeGreaterThan(0);
    }
    await checkAccessible(page, 'bulk-run-done');
    const first = rows.items.find((r) => r.case !== null);
    if (first) {
      await page.getByRole('link', { name: first.case!.caseNo }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${first.case!.id}`);
    }
    // The list shows the run, done, with its counts.
    await page.goto(`${server.url}/studio/bulk`);
    await expect.poll(() => page.getByRole('link', { name: /最低生活保障复核/ }).count(), { timeout: 20_000 }).toBe(1);
    // (Only this run's row: a shipped schedule may have started a bulk run of its own at the first sweep.)
    expect(await page.getByRole('row').filter({ has: page.getByRole('link', { name: /最低生活保障复核/ }) }).getByRole('cell', { name: '已完成' }).count()).toBe(1);
  });
});
