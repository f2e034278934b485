import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { command, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { demoPassword } from '../../../server/demo/demoCounty.js';
import { launchChromium } from '../../support/webSignIn.js';

const root = path.resolve(import.meta.dirname, '../../..');
const screenshots = path.join(root, '.tmp/screenshots/applicant');

/** Saves the page at phone (390 px) and desktop (1366 px) widths, and returns to the phone width. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
  }
}

/** The axe-core violations of the page as it stands (shadow roots included). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** Buttons and links of the page (in shadow roots too) smaller than `min` px in either direction. */
async function smallTargets(page: Page, min: number): Promise<string[]> {
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

describe('the applicant’s journey in Chromium: service list, apply with drafts, receipt, 补正, withdraw, notices, rating', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** An applicant signed in on a phone-sized page of a fresh browser context (another device); axe may be injected despite the app's CSP. */
  const signIn = async (email: string) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await page.goto(`${server.url}/`);
    await page.getByLabel('账号（邮箱）').fill(email);
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '我的申请' }).count()).toBe(1);
    return page;
  };
  let caseId = '';

  it('shows the service list with its 一次性告知, starts a 低保 application and saves a draft that another device finds', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await page.getByRole('link', { name: '申请办理事项' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '办理事项' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: '最低生活保障审核确认' }).count()).toBe(1);
    // Each service has its own 一次性告知; the 低保 one is read here.
    const dibao = page.getByRole('article', { name: '最低生活保障审核确认' });
    for (const question of ['谁可以申请', '申请条件', '所需材料', '法定办理时限', '咨询方式']) expect(await dibao.getByText(question, { exact: true }).count()).toBe(1);
    expect(await dibao.getByText(/居民身份证、户口簿/).count()).toBe(1);
    expect(await dibao.getByText(/30 个工作日/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'services');

    await page.getByRole('button', { name: '开始申请：最低生活保障审核确认' }).click();
    await expect.poll(() => page.url()).toMatch(/\/apply\/\w+$/);
    caseId = page.url().split('/').at(-1)!;
    await page.getByLabel('姓名').fill('王秀英');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByRole('button', { name: '暂存' }).click();
    await expect.poll(() => page.getByText(/草稿已保存/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'apply-draft');
    await page.close();

    // Another device: a fresh browser context finds the draft under 我的申请 and the name in it.
    const other = await signIn('applicant-a1@demo.tongban');
    await other.getByRole('link', { name: /继续填写：提出申请/ }).click();
    await expect.poll(() => other.url()).toContain(`/apply/${caseId}`);
    await expect.poll(() => other.getByLabel('姓名').inputValue()).toBe('王秀英');
    await other.close();
  });

  it('submits the completed application and shows the receipt at once: case number, what was filed, what happens next by when', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await page.goto(`${server.url}/apply/${caseId}`);
    await expect.poll(() => page.getByLabel('姓名').inputValue()).toBe('王秀英');
    await page.getByLabel('公民身份号码').fill('320621195503120023');
    await page.getByRole('button', { name: '提交申请' }).click();
    // The form's summary leads to each missing part, step by step.
    await page.getByRole('button', { name: '请填写“共同生活家庭成员”部分。' }).click();
    await page.getByRole('button', { name: /添加家庭成员/ }).click();
    await page.getByLabel('第1行 姓名').fill('王秀英');
    await page.getByLabel('第1行 公民身份号码').fill('320621195503120023');
    await page.getByLabel('第1行 与申请人关系').selectOption('本人');
    await page.getByRole('button', { name: '请填写“家庭月收入”部分。' }).click();
    await page.getByLabel('工资性收入').fill('600');
    await page.getByLabel('存款及有价证券（元）').fill('3000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已收到您的申请' }).count()).toBe(1);
    await screenshot(page, 'receipt');
    expect(await page.getByText(/^DIBAO-\d{4}-\d{6}$/).count()).toBe(1);
    expect(await page.getByText('乡镇受理', { exact: true }).count()).toBe(1);
    const a1 = await server.login('applicant-a1');
    const due = (await a1.send<{ case: { tasks: { dueAt: string }[] } }>(`/api/tongban/cases/${caseId}`, {})).case.tasks[0]!.dueAt;
    const dueDay = new Date(due).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    expect(dueDay).toMatch(/^2026\/3\/\d+$/);
    await expect.poll(() => page.getByText(`工作人员将在以下日期前办理：${dueDay}`).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '申请内容' }).count()).toBe(1);
    expect(await page.getByText('13912345678').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'receipt');
    await page.close();
  });

  it('answers a 补正: the notice says so, the page lists what was asked, and only the changed field goes back', async () => {
    const township = await server.login('township-a');
    const at = await township.send<{ case: CaseSummary }>(`/api/tongban/cases/${caseId}`, {});
    await command(township, at.case, 'requestCorrection', { returnTo: 'apply', comment: '联系电话无法接通，请更正；并补交户口簿复印件。', data: { acceptance: { complete: false, missingMaterials: ['户口簿复印件'] } } });
    const admin = await server.login('admin');
    await admin.send('/api/tongban/admin/outbox/send', { method: 'POST' });

    const page = await signIn('applicant-a1@demo.tongban');
    const commands: unknown[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/commands')) commands.push(r.postDataJSON()); });
    await expect.poll(() => page.getByRole('link', { name: /消息 1 条未读/ }).count()).toBe(1);
    await page.getByRole('link', { name: /消息/ }).click();
    await expect.poll(() => page.getByText(/需要补正/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'notices');
    await expect.poll(() => page.getByRole('link', { name: /^消息$/ }).count()).toBe(1);
    await page.getByRole('link', { name: '查看申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '需要补正' }).count()).toBe(1);
    expect(await page.getByText(/联系电话无法接通/).count()).toBe(1);
    expect(await page.getByText('户口簿复印件').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'correction');
    await page.getByLabel('联系电话').fill('13912340000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已收到您的申请' }).count()).toBe(1);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ action: 'submit', data: { applicant: { phone: '13912340000' } } });
    expect(Object.keys((commands[0] as { data: Record<string, unknown> }).data)).toEqual(['applicant']);
    expect(Object.keys((commands[0] as { data: { applicant: object } }).data.applicant)).toEqual(['phone']);
    await page.close();
  });

  it('withdraws another application after a confirmation that keeps the page usable and can be left with Escape', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await page.goto(`${server.url}/services`);
    await page.getByRole('button', { name: '开始申请：最低生活保障审核确认' }).click();
    await expect.poll(() => page.url()).toMatch(/\/apply\/\w+$/);
    await page.getByRole('button', { name: '撤回申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '确定撤回这份申请吗？' }).count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('heading', { name: '确定撤回这份申请吗？' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.querySelector('main > *')?.shadowRoot?.activeElement?.textContent ?? document.querySelector('tb-app')?.shadowRoot?.querySelector('main > *')?.shadowRoot?.activeElement?.textContent)).toBe('撤回申请');
    await page.getByRole('button', { name: '撤回申请' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'withdraw-confirm');
    await page.getByRole('button', { name: '确认撤回' }).click();
    await expect.poll(() => page.getByText('申请已撤回。').count()).toBe(1);
    await screenshot(page, 'withdrawn');
    expect(await page.getByRole('heading', { name: '办理已结束' }).count()).toBe(1);
    await page.close();
  });

  it('lets the applicant rate the case once it has ended, with a reason required on a bad rating, in 长辈模式', async () => {
    const township = await server.login('township-a');
    const villageA1 = await server.login('village-a1');
    const county = await server.login('county');
    let c = (await township.send<{ case: CaseSummary }>(`/api/tongban/cases/${caseId}`, {})).case;
    c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(villageA1, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(township, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
    await server.setClock(new Date('2026-03-12T10:00:00+08:00'));
    expect(await server.sweep()).toBe(1);
    c = (await county.send<{ case: CaseSummary }>(`/api/tongban/cases/${caseId}`, {})).case;
    c = (await command(county, c, 'confirm', { data: { countyReview: { opinion: '同意' } } })).case;
    expect(c.status).toBe('done');

    const page = await signIn('applicant-a1@demo.tongban');
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.goto(`${server.url}/apply/${caseId}`);
    await expect.poll(() => page.getByRole('heading', { name: '服务评价' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '办理已结束' }).count()).toBe(1);
    await page.getByRole('radio', { name: '不满意', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await screenshot(page, 'rating-elder');
    await expect.poll(() => page.getByText('不满意时请写明理由。').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 60)).toEqual([]);
    await screenshot(page, 'rating-elder');
    await page.getByLabel('理由（必填）').fill('跑了两次才办好');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('感谢您的评价。').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByText('您的评价：不满意（跑了两次才办好）').count()).toBe(1);
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await page.close();
  });
});
