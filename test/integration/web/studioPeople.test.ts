import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotFolder, signInPage } from '../../support/webSignIn.js';

const screenshots = path.join(screenshotFolder, 'studio');


/** A staff sheet as a bureau fills in the template: two good rows around one bad one. */
async function staffSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(['姓名', '邮箱', '角色', '单位代码', '职责', '手机号']);
  sheet.addRow(['王伟', 'wang.wei@haian.example', '经办人员', '320685102290', 'dibao_officer', '13812345678']);
  sheet.addRow(['', 'not-an-email', '经办人员', '320685102290', 'dibao_officer', '']);
  sheet.addRow(['李娜', 'li.na@haian.example', '管理员', '320685', '', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Checks the page with axe in normal and 长辈模式, saving a screenshot of each. */
async function checkAccessible(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const elder of [false, true]) {
    await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
    expect(await axeViolations(page), `${name}${elder ? ' (长辈模式)' : ''}`).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, `studio-${name}-${page.viewportSize()!.width}${elder ? '-elder' : ''}.png`), fullPage: true });
  }
  await page.evaluate(() => document.documentElement.classList.remove('elder'));
}

describe('the studio’s people pages in Chromium, through the real server', () => {
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

  it('takes the administrator from the header to the people page, accessible in both modes', async () => {
    page = await signInPage(browser, server, 'admin@demo.tongban');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('link', { name: '管理工作台' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio/people');
    await expect.poll(() => page.getByRole('cell', { name: 'village-a1@demo.tongban' }).count()).toBe(1);
    await checkAccessible(page, 'people');
  });

  it('gives a template whose columns the import reads', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载模板' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(download.suggestedFilename()).toBe('人员导入模板.xlsx');
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '邮箱', '角色', '单位代码', '职责', '手机号']);
  });

  it('imports people from a sheet with one bad row: nothing until the administrator chooses the valid rows', async () => {
    await page.locator('tb-sheet-import input[type=file]').setInputFiles({ name: '人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await staffSheet() });
    await expect.poll(() => page.getByText('共 3 行：2 行正确，1 行有误。').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '第 3 行：邮箱格式不正确。' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '第 3 行：请填写姓名。' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /导入全部/ }).count()).toBe(0);
    const su = await server.superuser();
    expect((await su.collection('users').getList(1, 1, { filter: 'email = "wang.wei@haian.example"' })).totalItems).toBe(0);
    await checkAccessible(page, 'people-import-check');

    await page.getByRole('button', { name: '只导入正确的 2 行' }).click();
    await expect.poll(() => page.getByText('已导入 2 行。').count()).toBe(1);
    await expect.poll(() => page.locator('tb-sheet-import code').count()).toBe(2);
    await expect.poll(() => page.getByRole('cell', { name: 'wang.wei@haian.example' }).count()).toBeGreaterThan(0);
    const wang = await su.collection('users').getFirstListItem('email = "wang.wei@haian.example"', { expand: 'org_unit' });
    expect(wang).toMatchObject({ name: '王伟', role: 'officer', duties: ['dibao_officer'] });
    expect(wang.expand?.org_unit).toMatchObject({ name: '曲塘镇杨庄村' });
    expect(await su.collection('users').getFirstListItem('email = "li.na@haian.example"')).toMatchObject({ role: 'admin' });
  });

  it('disables a person, who stays in the list as 已停用', async () => {
    await page.getByLabel('按姓名搜索').fill('王伟');
    await expect.poll(() => page.getByRole('button', { name: '停用 王伟' }).count()).toBe(1);
    await page.getByRole('button', { name: '停用 王伟' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '已停用' }).count()).toBe(1);
    const su = await server.superuser();
    expect((await su.collection('users').getFirstListItem('email = "wang.wei@haian.example"')).disabled).toBe(true);
  });

  it('adds a village under a township in the org tree', async () => {
    await page.getByRole('link', { name: '组织机构', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '新增下级：曲塘镇' }).count()).toBe(1);
    await checkAccessible(page, 'org');
    await page.getByRole('button', { name: '新增下级：曲塘镇' }).click();
    await page.getByLabel('区划代码').fill('320685102299');
    await page.getByLabel('名称', { exact: true }).fill('曲塘镇新建村');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('已新增 曲塘镇新建村。').count()).toBe(1);
    const su = await server.superuser();
    const village = await su.collection('org_units').getFirstListItem('code = "320685102299"', { expand: 'township' });
    expect(village).toMatchObject({ name: '曲塘镇新建村', level: 'village' });
    expect(village.expand?.township).toMatchObject({ name: '曲塘镇' });
  });

  it('shows the 近亲属 register and its import on a phone, accessible', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '近亲属备案' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '从表格导入近亲属备案' }).count()).toBe(1);
    await checkAccessible(page, 'relatives');
    await page.getByRole('link', { name: '人员' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '人员管理' }).count()).toBe(1);
    await checkAccessible(page, 'people');
  });
});
