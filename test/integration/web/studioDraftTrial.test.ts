import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerDraft } from '../../../engine/index.js';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotAtBothWidths, signInPage, smallTargets } from '../../support/webSignIn.js';

/** Checks the page in both modes at phone and desktop widths: axe finds nothing, and 长辈模式's targets are large. */
async function accessibleEverywhere(page: Page, name: string): Promise<void> {
  for (const elder of [false, true]) {
    await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `${name} ${width}${elder ? ' 长辈模式' : ''}`).toEqual([]);
      if (elder) expect(await smallTargets(page, 60), `${name} ${width} 长辈模式`).toEqual([]);
    }
  }
  await page.evaluate(() => document.documentElement.classList.remove('elder'));
  await screenshotAtBothWidths(page, 'studio', name);
}

describe('an administrator tries a draft before publishing it: simulates it and edits its documents, in Chromium through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let draft: DesignerDraft;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    const admin = await server.login('admin');
    draft = await admin.send<DesignerDraft>('/api/tongban/admin/workflows/dibao/drafts', { method: 'POST', body: {} });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('walks 低保 along its accept path by choosing each move, and sees the 公示 step with its dates and a rendered 受理通知书', async () => {
    const page = await signInPage(browser, server, 'admin@demo.tongban', { width: 1366, waitForHome: true });
    await page.goto(`${server.url}/studio/processes/dibao/${draft.version}/simulate`);
    await expect.poll(() => page.getByRole('heading', { name: '立案', exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel(/立案日期/).fill('2026-03-02');
    await expect.poll(() => page.getByText('2026/03/02 09:00').count()).toBeGreaterThan(0);
    for (const [label, step] of [['提交申请', 1], ['受理', 2], ['提交调查结果', 3], ['核对完成', 4], ['初审通过，进入公示', 5]] as const) {
      await page.getByRole('group', { name: '下一步操作' }).getByRole('button', { name: new RegExp(`^${label}`) }).click();
      await expect.poll(() => page.getByRole('heading', { name: `第 ${step} 步 ${label}`, exact: true }).count(), { timeout: 20_000 }).toBe(1);
    }
    const notice = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '第 5 步 初审通过，进入公示' }) });
    await expect.poll(() => notice.getByText('村（居）公示', { exact: true }).count()).toBe(1);
    await expect.poll(() => notice.getByText(/村（居）公示 至 2026-03-09 周一 24:00（还有 5 个工作日）/).count()).toBe(1);
    await expect.poll(() => notice.getByText(/自 2026-03-02 起暂停计算/).count()).toBe(1);

    // Who gets the 入户调查 after 受理: 曲塘镇杨庄村's officer; and the 受理通知书 on A4.
    const accepted = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '第 2 步 受理' }) });
    await expect.poll(() => accepted.getByRole('cell', { name: '曲塘镇杨庄村' }).count()).toBe(1);
    await expect.poll(() => accepted.getByRole('cell', { name: '杨庄村 村委会' }).count()).toBe(1);
    await expect.poll(() => accepted.getByRole('cell', { name: /2026-03-11 周三 24:00（还有 7 个工作日）/ }).count()).toBe(1);
    await accepted.getByText('查看文书：受理通知书').click();
    const letter = page.frameLocator('iframe[title="受理通知书"]').locator('body');
    await expect.poll(() => letter.textContent(), { timeout: 20_000 }).toContain('最低生活保障申请受理通知书');
    expect(await letter.textContent()).toContain('王秀英');
    await accessibleEverywhere(page, 'draft-simulation');
    await page.close();
  });

  it('sees a refused move with its reason, as the command line says it', async () => {
    const page = await signInPage(browser, server, 'admin@demo.tongban', { width: 390, waitForHome: true });
    await page.goto(`${server.url}/studio/processes/dibao/${draft.version}/simulate`);
    await expect.poll(() => page.getByRole('heading', { name: '立案', exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel(/按命令行写法输入操作/).fill('submit confirm');
    await page.getByRole('button', { name: '添加并运行' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('第 2 步不能执行：当前步骤“乡镇受理”不能进行“confirm”操作。');
    await page.getByRole('button', { name: '撤销最后一步' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('says a published version is no draft, with the way to the designer', async () => {
    const page = await signInPage(browser, server, 'admin@demo.tongban', { width: 390, waitForHome: true });
    for (const tab of ['simulate', 'documents']) {
      await page.goto(`${server.url}/studio/processes/dibao/${draft.basedOn}/${tab}`);
      await expect.poll(() => page.getByRole('status').filter({ hasText: `第 ${draft.basedOn} 版不是可修改的草稿` }).count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByRole('link', { name: '打开此版本的流程设计' }).getAttribute('href')).toBe(`/studio/processes/dibao/${draft.basedOn}`);
      await accessibleEverywhere(page, `published-${tab}`);
    }
    await page.close();
  });

  it('edits the 受理通知书, sees the A4 preview change, breaks it with a helper outside the whitelist and sees the problem, fixes it and saves it into the draft', async () => {
    const page = await signInPage(browser, server, 'admin@demo.tongban', { width: 1366, waitForHome: true });
    await page.goto(`${server.url}/studio/processes/dibao/${draft.version}/documents`);
    await page.getByRole('button', { name: '受理通知书（accepted）' }).click({ timeout: 30_000 });
    const editor = page.getByLabel(/模板源码/);
    const preview = page.frameLocator('iframe[title="受理通知书（accepted） 的 A4 预览"]').locator('body');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('王秀英');
    const original = await editor.inputValue();
    expect(original).toBe(draft.templates.documents.accepted);

    const edited = original.replace('材料齐全', '材料齐全（经审查）');
    await editor.fill(edited);
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('材料齐全（经审查）');

    await editor.fill(edited.replace('{{applicant.name}}', '{{lookup applicant "name"}}'));
    await expect.poll(() => page.getByRole('status').filter({ hasText: '模板有 1 个问题' }).textContent(), { timeout: 20_000 }).toContain('使用了白名单以外的助手“lookup”');
    await expect.poll(() => page.locator('iframe').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await editor.fill(edited);
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('材料齐全（经审查）');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存到草稿。' }).count(), { timeout: 20_000 }).toBe(1);
    const admin = await server.login('admin');
    const saved = await admin.send<DesignerDraft>(`/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, {});
    expect(saved.templates.documents.accepted).toBe(edited);
    expect(saved.templates.documents.notice).toBe(draft.templates.documents.notice);
    await accessibleEverywhere(page, 'draft-documents');
    await page.close();
  });
});
