import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import type { DesignerDraft } from '../../../engine/index.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotAtBothWidths, signInPage } from '../../support/webSignIn.js';

/**
 * 低保 is the process: its applicant section is where a new field of the application belongs, and
 * the applicant's own step writes it. Its version numbers are read from the server, never assumed.
 */
describe('the form designer in Chromium through the real server: the administrator adds a field to 低保’s draft, publishes it, and a new application shows the field and stores what the applicant enters', () => {
  let server: TestServer;
  let browser: Browser;
  let draft: DesignerDraft;
  let published = 0;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    draft = await (await server.login('admin')).send<DesignerDraft>('/api/tongban/admin/workflows/dibao/drafts', { method: 'POST', body: {} });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const adminPage = (width: number) => signInPage(browser, server, 'admin@demo.tongban', { width, waitForHome: true });
  const designer = async (page: Page) => {
    await page.goto(`${server.url}/studio/processes/dibao/${draft.version}/form`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `表单设计：${draft.name}（第 ${draft.version} 版草稿）` }).count(), { timeout: 20_000 }).toBe(1);
  };

  it('adds a text field to the applicant section from the palette, shows it in the preview and saves the draft; the page has no axe violations at 1366 and 390 px', { timeout: 180_000 }, async () => {
    const page = await adminPage(1366);
    await designer(page);
    await page.getByLabel('加入部分').selectOption('applicant');
    await page.getByRole('radio', { name: /^单行文本/ }).check();
    await page.getByLabel('字段标题', { exact: true }).fill('工作单位');
    await page.getByLabel(/^字段名（英文/).fill('employer');
    await page.getByRole('button', { name: '添加字段' }).click();
    await expect.poll(() => page.locator('tb-form-preview').getByLabel('工作单位').count()).toBe(1);
    // The live check: made required, the field is one the draft's sample lacks — told on the field — and fine again when not.
    const editor = page.locator('tb-field-editor');
    await editor.getByLabel('必填').check();
    await expect.poll(() => editor.locator('ul.problem').textContent(), { timeout: 20_000 }).toContain('工作单位');
    await editor.getByLabel('必填').uncheck();
    await expect.poll(() => page.getByText('没有发现问题。').count(), { timeout: 20_000 }).toBe(1);
    expect(await editor.locator('ul.problem').count()).toBe(0);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByText('草稿已保存，检查通过。').count(), { timeout: 20_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotAtBothWidths(page, 'studio', 'form-designer');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page)).toEqual([]);
    // 长辈模式, as the header's switch sets it.
    await page.evaluate(() => document.documentElement.classList.add('elder'));
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // Saved in the draft: the schema's field and the layout's control.
    const saved = await (await server.login('admin')).send<DesignerDraft>(`/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, {});
    const applicant = (saved.formSchema!.properties as Record<string, { properties: Record<string, unknown> }>).applicant!;
    expect(applicant.properties.employer).toEqual({ title: '工作单位', type: 'string', maxLength: 100 });
    expect(JSON.stringify(saved.uiSchema)).toContain('"scope":"/applicant/employer"');
    expect(saved.problems).toEqual([]);
  });

  it('publishes the draft from the process designer (the link beside the form)', { timeout: 120_000 }, async () => {
    const page = await adminPage(1366);
    await designer(page);
    await page.getByRole('link', { name: /返回流程设计/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/studio/processes/dibao/${draft.version}`);
    await page.getByRole('button', { name: '发布…' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => page.getByRole('heading', { name: `已发布第 ${draft.version} 版` }).count(), { timeout: 30_000 }).toBe(1);
    published = draft.version;
    // The published version's form opens read-only, with the new field in its preview.
    await page.goto(`${server.url}/studio/processes/dibao/${published}/form`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `表单：${draft.name}（第 ${published} 版，已发布）` }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('tb-form-preview').getByLabel('工作单位').count()).toBe(1);
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.documentElement.classList.add('elder'));
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the field on a new 低保 application, and the applicant’s answer is stored with the case of the new version', { timeout: 180_000 }, async () => {
    expect(published).toBeGreaterThan(0);
    const page = await signInPage(browser, server, 'applicant-a1@demo.tongban', { width: 390, waitForHome: true });
    await page.getByRole('link', { name: '申请办理事项' }).click();
    await page.getByRole('button', { name: '开始申请：最低生活保障审核确认' }).click();
    await expect.poll(() => page.url()).toMatch(/\/apply\/\w+$/);
    const caseId = page.url().split('/').at(-1)!;
    await expect.poll(() => page.getByLabel('工作单位').count(), { timeout: 20_000 }).toBe(1);
    await page.getByLabel('工作单位').fill('曲塘镇中心小学');
    await page.getByLabel('姓名').fill('王秀英');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByLabel('公民身份号码').fill('320621195503120023');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '请填写“共同生活家庭成员”部分。' }).click();
    await page.getByRole('button', { name: /添加家庭成员/ }).click();
    await page.getByLabel('第1行 姓名').fill('王秀英');
    await page.getByLabel('第1行 公民身份号码').fill('320621195503120023');
    await page.getByLabel('第1行 与申请人关系').selectOption('本人');
    await page.getByRole('button', { name: '请填写“家庭月收入”部分。' }).click();
    await page.getByLabel('工资性收入').fill('600');
    await page.getByLabel('存款及有价证券（元）').fill('3000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已收到您的申请' }).count(), { timeout: 20_000 }).toBe(1);
    // The receipt lists what was filed, the new field with it (drawn once the case is read back).
    await expect.poll(() => page.getByText('曲塘镇中心小学').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();

    const stored = await (await server.superuser()).collection('applications').getOne(caseId);
    expect(stored.workflow_version).toBe(published);
    expect((stored.data as { applicant: { employer?: string } }).applicant.employer).toBe('曲塘镇中心小学');
  });
});
