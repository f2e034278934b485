import type { Browser, Page } from 'playwright-core';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, openCasePage, screenshotAtBothWidths, signInPage, smallTargets } from '../../support/webSignIn.js';

/** Screenshots of this journey go to .tmp/screenshots/journey. */
const shoot = (page: Page, name: string) => screenshotAtBothWidths(page, 'journey', name);

/** A village officer files (代办) and submits an application for a resident without an account; it reaches the township's 受理. */
async function fileFor(village: PocketBase, name: string): Promise<CaseSummary> {
  const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name, idNumber: freshIdNumber() } }, { proxy: true });
  return (await command(village, opened.case, 'submit')).case;
}

describe('the 低保 journey in Chromium through the real server: applicant-a1 applies from the service list, each officer acts on the case page, 公示 passes on the simulated clock, the applicant reads the 确认通知书 and rates', () => {
  let server: TestServer;
  let browser: Browser;
  let caseId = '';
  /** Another resident's case at 受理, filed by the village, that someone accepts just before the batch. */
  let other: CaseSummary;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ simulatedClock: true });
    // A Monday: the working days below are counted from here.
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    browser = await launchChromium();
    other = await fileFor(await server.login('village-a1'), '钱玉珍');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** A person signed in on a phone-sized page of a fresh browser context (another device), on their home page. */
  const signIn = (email: string) => signInPage(browser, server, email, { width: 390, waitForHome: true });
  /** Someone signed in, on the journey's case page (opened by its address). */
  const caseAs = (email: string) => openCasePage(browser, server, email, caseId, { width: 390 });
  /** Sends the notices due now (the outbox cron does this every minute on a real server). */
  const sendNotices = async () => (await server.login('admin')).send('/api/tongban/admin/outbox/send', { method: 'POST' });
  /** The timeline's text, spaces folded. */
  const timelineText = async (page: Page) => (await page.locator('tb-case-timeline ol.track').textContent())!.replace(/\s+/g, ' ');

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
    await shoot(page, 'services');

    await page.getByRole('button', { name: '开始申请：最低生活保障审核确认' }).click();
    await expect.poll(() => page.url()).toMatch(/\/apply\/\w+$/);
    caseId = page.url().split('/').at(-1)!;
    await page.getByLabel('姓名').fill('王秀英');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByRole('button', { name: '暂存' }).click();
    await expect.poll(() => page.getByText(/草稿已保存/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'apply-draft');
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
    expect(await page.getByText(/^DIBAO-\d{4}-\d{6}$/).count()).toBe(1);
    expect(await page.getByText('乡镇受理', { exact: true }).count()).toBe(1);
    // 受理 within 3 working days of Monday 2 March: by the end of Thursday 5 March.
    await expect.poll(() => page.getByText('工作人员将在以下日期前办理：2026/3/5').count()).toBe(1);
    expect(await page.getByRole('heading', { name: '申请内容' }).count()).toBe(1);
    expect(await page.getByText('13912345678').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'receipt');
    await page.close();
  });

  it('lets the township ask for a 补正 on the case page, and the applicant’s notices count rises without a reload', async () => {
    const applicant = await signIn('applicant-a1@demo.tongban');
    expect(await applicant.getByRole('link', { name: /条未读/ }).count()).toBe(0);

    const township = await signIn('township-a@demo.tongban');
    await township.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：王\*英/ }).click();
    await expect.poll(() => township.getByRole('heading', { name: '办理进度' }).count(), { timeout: 20_000 }).toBe(1);
    await township.getByLabel('办理意见 / 理由').fill('联系电话无法接通，请更正；并补交户口簿复印件。');
    await township.getByRole('button', { name: '一次性告知补正' }).click();
    await expect.poll(() => township.getByText('操作成功。').count()).toBe(1);
    await expect.poll(() => timelineText(township)).toContain('一次性告知补正');
    expect(await timelineText(township)).toContain('提出申请：暂停计时');
    await township.close();

    await sendNotices();
    await expect.poll(() => applicant.getByRole('link', { name: /消息 1 条未读/ }).count(), { timeout: 15_000 }).toBe(1);
    await applicant.close();
  });

  it('answers the 补正: the notice says so, the page lists what was asked, and only the changed field goes back', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    const commands: unknown[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/commands')) commands.push(r.postDataJSON()); });
    await page.getByRole('link', { name: /消息/ }).click();
    await expect.poll(() => page.getByText(/需要补正/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'notices');
    await expect.poll(() => page.getByRole('link', { name: /^消息$/ }).count()).toBe(1);
    await page.getByRole('link', { name: '查看申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '需要补正' }).count()).toBe(1);
    expect(await page.getByText(/联系电话无法接通/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'correction');
    await page.getByLabel('联系电话').fill('13912340000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已收到您的申请' }).count()).toBe(1);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ action: 'submit', data: { applicant: { phone: '13912340000' } } });
    expect(Object.keys((commands[0] as { data: Record<string, unknown> }).data)).toEqual(['applicant']);
    expect(Object.keys((commands[0] as { data: { applicant: object } }).data.applicant)).toEqual(['phone']);
    await page.close();
  });

  it('lets the township accept the corrected application in a batch with one opinion, reporting the row someone else accepted first as failed', async () => {
    const page = await signIn('township-a@demo.tongban');
    await expect.poll(() => page.getByRole('checkbox', { name: /王\*英/ }).count()).toBe(1);
    await page.getByRole('checkbox', { name: /王\*英/ }).check();
    await page.getByRole('checkbox', { name: /钱\*珍/ }).check();
    // Someone accepts 钱玉珍's case first (here through the API).
    const su = await server.superuser();
    const first = await su.collection('applications').getOne(other.id);
    await command(await server.login('township-a'), { id: first.id, version: first.version as number }, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
    await page.getByLabel('统一意见').fill('材料齐全，予以受理');
    await page.getByRole('button', { name: /通过所选/ }).click();
    const results = page.getByRole('status').filter({ hasText: /已通过|未通过/ });
    await expect.poll(() => results.getByText(/已通过：.*王\*英/).count(), { timeout: 20_000 }).toBe(1);
    expect(await results.getByText(/未通过：.*钱\*珍 — 此案件现在处于“入户调查”环节/).count()).toBe(1);
    expect((await su.collection('applications').getOne(caseId)).step).toBe('investigation');
    await shoot(page, 'batch-results');
    await page.close();
  });

  it('tells the village officer who meets a conflict that someone acted first, refreshes the page, and lets them submit the investigation', async () => {
    const page = await caseAs('village-a1@demo.tongban');
    await expect.poll(() => page.getByRole('button', { name: '暂存' }).count(), { timeout: 20_000 }).toBe(1);
    // Another session of the village saves the investigation first.
    const other = await server.login('village-a1');
    const view = await other.send<{ case: CaseSummary }>(`/api/tongban/cases/${caseId}`, {});
    await command(other, view.case, 'save', { comment: '已入户调查', data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } });

    await page.getByLabel('办理意见 / 理由').fill('我的意见');
    await page.getByRole('button', { name: '暂存' }).click();
    await expect.poll(() => page.getByText(/已有其他人办理了此案件或案件已更新。页面已刷新为最新状态/).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.locator('tb-case-timeline').getByText('意见：已入户调查').count()).toBe(1);
    expect(await page.getByLabel('办理意见 / 理由').inputValue()).toBe('');
    await shoot(page, 'conflict');
    // The refreshed page holds the saved findings; the officer submits them.
    await page.getByRole('button', { name: '提交调查结果' }).click();
    await expect.poll(() => page.getByText('操作成功。').count()).toBe(1);
    await expect.poll(() => timelineText(page)).toContain('提交调查结果');
    await page.close();
  });

  it('lets the county verify and the township pass the case to 公示 on their case pages', async () => {
    const county = await caseAs('county@demo.tongban');
    await county.getByRole('group', { name: '核对结论' }).getByRole('radio', { name: '一致', exact: true }).check();
    await county.getByRole('button', { name: '核对完成' }).click();
    await expect.poll(() => county.getByText('操作成功。').count()).toBe(1);
    await county.close();

    const township = await caseAs('township-a@demo.tongban');
    await township.getByLabel('初审意见').fill('符合条件');
    await township.getByLabel('拟保障金额（元/月）').fill('1200');
    await township.getByRole('button', { name: '初审通过，进入公示' }).click();
    await expect.poll(() => township.getByText('操作成功。').count()).toBe(1);
    await expect.poll(() => timelineText(township)).toContain('村（居）公示：暂停计时');
    await township.close();
    expect((await (await server.superuser()).collection('applications').getOne(caseId)).step).toBe('publicNotice');
  });

  it('lets 公示 pass on the simulated clock, the county confirm, and the applicant hear of it live and read the 确认通知书', async () => {
    await server.setClock(new Date('2026-03-12T10:00:00+08:00'));
    expect(await server.sweep()).toBe(1);

    const applicant = await signIn('applicant-a1@demo.tongban');
    await applicant.getByRole('link', { name: /消息/ }).click();
    await expect.poll(() => applicant.getByText(/需要补正/).count()).toBe(1);

    const county = await caseAs('county@demo.tongban');
    expect(await timelineText(county)).toContain('村（居）公示期满');
    await county.getByRole('group', { name: '审核结论' }).getByRole('radio', { name: '确认', exact: true }).check();
    await county.getByLabel('审核意见').fill('同意');
    await county.getByRole('button', { name: '确认给予低保' }).click();
    await expect.poll(() => county.getByText('操作成功。').count()).toBe(1);
    await county.close();

    // The notice joins the open list without a reload.
    await sendNotices();
    await expect.poll(() => applicant.getByText(/最低生活保障申请已确认/).count(), { timeout: 15_000 }).toBe(1);
    await applicant.goto(`${server.url}/cases/${caseId}`);
    await expect.poll(() => applicant.getByRole('button', { name: '打开：最低生活保障确认通知书' }).count(), { timeout: 20_000 }).toBe(1);
    const [popup] = await Promise.all([applicant.waitForEvent('popup'), applicant.getByRole('button', { name: '打开：最低生活保障确认通知书' }).click()]);
    await popup.waitForLoadState();
    expect(await popup.title()).toContain('确认通知书');
    expect(await popup.content()).toContain('@page');
    await popup.close();
    expect(await axeViolations(applicant)).toEqual([]);
    await shoot(applicant, 'confirmed-case');
    await applicant.close();
  });

  it('lets the applicant rate the case once it has ended, with a reason required on a bad rating, in 长辈模式', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.goto(`${server.url}/apply/${caseId}`);
    await expect.poll(() => page.getByRole('heading', { name: '服务评价' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '办理已结束' }).count()).toBe(1);
    await page.getByRole('radio', { name: '不满意', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('不满意时请写明理由。').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 60)).toEqual([]);
    await shoot(page, 'rating-elder');
    await page.getByLabel('理由（必填）').fill('跑了两次才办好');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('感谢您的评价。').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByText('您的评价：不满意（跑了两次才办好）').count()).toBe(1);
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
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
    await expect.poll(() => page.evaluate(() => document.querySelector('tb-app')?.shadowRoot?.querySelector('main > *')?.shadowRoot?.activeElement?.textContent)).toBe('撤回申请');
    await page.getByRole('button', { name: '撤回申请' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'withdraw-confirm');
    await page.getByRole('button', { name: '确认撤回' }).click();
    await expect.poll(() => page.getByText('申请已撤回。').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: '办理已结束' }).count()).toBe(1);
    await page.close();
  });
});
