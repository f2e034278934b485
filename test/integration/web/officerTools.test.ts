import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, type StaffMember } from '../../support/staff.js';
import { launchChromium, signInPage } from '../../support/webSignIn.js';

const root = path.resolve(import.meta.dirname, '../../..');
/** Screenshots (and the printed 公示 list) for review, in a folder git ignores. */
const screenshots = path.join(root, '.tmp/screenshots/officer');
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The axe-core violations of the page (open shadow roots included), as `rule: targets`. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** All text of the page, shadow roots included, as it is laid out (hidden parts left out). */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && parent.getClientRects().length > 0) parts.push(node.textContent ?? '');
      }
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ');
  });
}

/** A 代办 case of `village`'s village (submitted: at the township's 受理). */
async function filedFor(village: PocketBase, name: string, idNumber = freshIdNumber()): Promise<CaseSummary> {
  const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name, idNumber } }, { proxy: true });
  return (await command(village, opened.case, 'submit')).case;
}

describe('the officers’ tools in Chromium, through the real server: 代办, the 公示 list, the colleague picker, queue filters', () => {
  let server: TestServer;
  let browser: Browser;
  let village: PocketBase;
  let township: PocketBase;
  let colleague: StaffMember;
  let colleagueEmail: string;
  const noticeIdNumber = freshIdNumber();
  let inNotice: CaseSummary;
  let fromA1: CaseSummary;
  let fromA2: CaseSummary;

  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    browser = await launchChromium();
    village = await server.login('village-a1');
    township = await server.login('township-a');
    const county = await server.login('county');
    colleague = await addOfficer(server, 'township-a');
    colleagueEmail = String((await (await server.superuser()).collection('users').getOne(colleague.id)).email);
    // One case of 杨庄村 driven into 公示 by each level.
    let c = await filedFor(village, '赵桂兰', noticeIdNumber);
    c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(village, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    inNotice = (await command(township, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
    // Two cases at the township's 受理: one of 杨庄村, one of 双楼村.
    fromA1 = await filedFor(village, '钱玉珍');
    fromA2 = await filedFor(await server.login('village-a2'), '孙德明');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lets a village officer file for a resident without an account: service, resident, form, submit — and the case shows who filed it', { timeout: 180_000 }, async () => {
    const page = await signInPage(browser, server, 'village-a1@demo.tongban');
    await page.getByRole('link', { name: '代办申请' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/file');
    await page.getByRole('radio', { name: '最低生活保障审核确认' }).check();
    await page.getByLabel('姓名').fill('周凤英');
    const idNumber = freshIdNumber();
    await page.getByLabel('公民身份号码').fill(idNumber);
    await page.getByRole('button', { name: /下一步：填写申请表/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/apply\/\w+$/);
    const caseId = new URL(page.url()).pathname.split('/').at(-1)!;
    // The form holds the resident entered; the officer completes it and submits.
    await expect.poll(() => page.getByLabel('姓名').inputValue()).toBe('周凤英');
    await page.getByLabel('联系电话').fill('13912345670');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '请填写“共同生活家庭成员”部分。' }).click();
    await page.getByRole('button', { name: /添加家庭成员/ }).click();
    await page.getByLabel('第1行 姓名').fill('周凤英');
    await page.getByLabel('第1行 公民身份号码').fill(idNumber);
    await page.getByLabel('第1行 与申请人关系').selectOption('本人');
    await page.getByRole('button', { name: '请填写“家庭月收入”部分。' }).click();
    await page.getByLabel('工资性收入').fill('600');
    await page.getByLabel('存款及有价证券（元）').fill('3000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已收到您的申请' }).count()).toBe(1);
    const su = await server.superuser();
    expect(await su.collection('applications').getOne(caseId)).toMatchObject({ step: 'accept', starter: 'proxy', filed_by: village.authStore.record!.id, applicant: '' });
    // The case page says who filed it, for the township officer too.
    const townshipPage = await signInPage(browser, server, 'township-a@demo.tongban');
    await expect.poll(() => new URL(townshipPage.url()).pathname).toBe('/work/tasks');
    await townshipPage.goto(`${server.url}/cases/${caseId}`);
    await expect.poll(() => townshipPage.locator('p.proxy').textContent()).toMatch(/代办：由\s*杨庄村 村委会（曲塘镇杨庄村）\s*代为申请/);
    await townshipPage.close();
    await page.close();
  });

  it('lets a village officer print the 公示 list of their village: names, household size, amount and dates on A4, and no ID number', { timeout: 180_000 }, async () => {
    const page = await signInPage(browser, server, 'village-a1@demo.tongban');
    const answers: string[] = [];
    page.on('response', (r) => { if (r.url().includes('/api/tongban/public-notices')) void r.text().then((t) => answers.push(t)); });
    await page.getByRole('link', { name: '公示名单' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/public-notices');
    const row = page.locator(`tr[data-case="${inNotice.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['赵*兰', String(demoHousehold.household.members.length), '1200']);
    expect(cells[5]).toBe('2026/3/2');
    expect(cells[6]).toMatch(/^2026\/3\/\d+$/);
    expect(await page.getByRole('heading', { name: '曲塘镇杨庄村公示名单' }).count()).toBe(1);
    // Printed: the list alone (the app's header, navigation and buttons hidden), on A4.
    await page.emulateMedia({ media: 'print' });
    const printed = await pageText(page);
    expect(printed).toContain('赵*兰');
    expect(printed).not.toContain('通办 · 民政审批');
    expect(printed).not.toContain('打印');
    expect(printed).not.toContain(noticeIdNumber);
    expect(printed).not.toMatch(/\d{17}[\dX]/);
    mkdirSync(screenshots, { recursive: true });
    await page.pdf({ path: path.join(screenshots, 'public-notices-a4.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    // Not on the server's answer either: the number never left the server.
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).not.toMatch(/\d{17}[\dX]/);
    await page.close();
    // An officer of another township chooses among their own villages only: 杨庄村 is not offered.
    const other = await signInPage(browser, server, 'township-b@demo.tongban');
    await expect.poll(() => new URL(other.url()).pathname).toBe('/work/tasks');
    await other.goto(`${server.url}/work/public-notices`);
    await expect.poll(() => other.getByLabel('村（居）').locator('option').count()).toBeGreaterThan(0);
    expect(await other.getByLabel('村（居）').locator('option').allTextContents()).not.toContain('曲塘镇杨庄村');
    expect(await other.locator(`tr[data-case="${inNotice.id}"]`).count()).toBe(0);
    await other.close();
  });

  it('lets a township officer 抄送 a case to a colleague chosen from the picker, and the colleague finds it under 抄送', { timeout: 180_000 }, async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await page.goto(`${server.url}/cases/${fromA1.id}`);
    await page.getByRole('button', { name: '抄送…' }).click();
    const name = String((await (await server.superuser()).collection('users').getOne(colleague.id)).name);
    await page.getByRole('checkbox', { name: new RegExp(name) }).check();
    // The picker offers colleagues by name and unit, never one of another township.
    expect(await page.getByRole('checkbox', { name: /孙庄/ }).count()).toBe(0);
    await page.getByLabel('办理意见 / 理由').fill('请知悉');
    await page.getByRole('button', { name: '确定抄送' }).click();
    await expect.poll(() => page.getByText('操作成功。').count()).toBe(1);
    await page.close();
    const theirs = await signInPage(browser, server, colleagueEmail);
    await expect.poll(() => new URL(theirs.url()).pathname).toBe('/work/tasks');
    await theirs.getByRole('link', { name: /抄送/ }).click();
    await expect.poll(() => new URL(theirs.url()).pathname).toBe('/work/cc');
    await expect.poll(() => theirs.locator('.count[data-tab="cc"]').textContent()).toBe('1');
    await expect.poll(() => theirs.locator(`li.row[data-case="${fromA1.id}"]`).count()).toBe(1);
    await theirs.close();
  });

  it('narrows a township’s 待办 to one village, and asks the server’s working calendar for “due within N working days”', { timeout: 180_000 }, async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await expect.poll(() => page.locator(`li.row[data-case="${fromA2.id}"]`).count()).toBe(1);
    await expect.poll(() => page.locator(`li.row[data-case="${fromA1.id}"]`).count()).toBe(1);
    await page.getByLabel('村（居）').selectOption({ label: '曲塘镇双楼村' });
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.locator('li.row').count()).toBe(1);
    expect(await page.locator(`li.row[data-case="${fromA2.id}"]`).count()).toBe(1);
    await expect.poll(() => page.locator('.count[data-tab="tasks"]').textContent()).toBe('1');
    // Due within 0 working days (today): nothing; the end is the server's answer, not a count on the device.
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/tongban/calendar/due-by')) asked.push(r.url()); });
    await page.getByLabel('几个工作日内到期').fill('0');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.getByText('没有符合条件的案件。').count()).toBe(1);
    expect(asked.some((u) => u.includes('workingDays=0'))).toBe(true);
    await page.getByLabel('几个工作日内到期').fill('30');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.locator('li.row').count()).toBe(1);
    await page.close();
  });

  it('keeps a long queue fast: a page of rows at a time, only the rows in view in the page; scrolling brings the page’s last rows and the next page the rest', { timeout: 300_000 }, async () => {
    const villageA2 = await server.login('village-a2');
    const digits = '零一二三四五六七八九';
    const batches: string[][] = [];
    for (let batch = 0; batch < 6; batch++) {
      const opened = await Promise.all(Array.from({ length: 10 }, (_, i) => openCase(villageA2, { applicant: { name: `刘${digits[batch]}${digits[i]}`, idNumber: freshIdNumber() } }, { proxy: true })));
      batches.push(opened.map((o) => o.case.id));
    }
    const page = await signInPage(browser, server, 'village-a2@demo.tongban');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/work/tasks');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('link', { name: /我发起/ }).click();
    await expect.poll(() => page.locator('.count[data-tab="started"]').textContent(), { timeout: 20_000 }).toBe('61');
    await expect.poll(() => page.locator('ul.rows[data-virtual="true"]').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('li.row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('li.row').count()).toBeLessThan(30);
    // Newest first, 50 rows a page (web/src/api/queues.ts): the second batch filed ends the first page, out of view until scrolled to.
    const endOfPage = batches[1]!.map((id) => `li.row[data-case="${id}"]`).join(', ');
    expect(await page.locator(endOfPage).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(async () => { await page.mouse.wheel(0, 4000); return page.locator(endOfPage).count(); }, { timeout: 20_000 }).toBeGreaterThan(0);
    // The oldest (fromA2, filed first) is on the next page.
    expect(await page.locator(`li.row[data-case="${fromA2.id}"]`).count()).toBe(0);
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => page.locator(`li.row[data-case="${fromA2.id}"]`).count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('has no axe violations at 1366 and 390 px, normal and in 长辈模式: 代办, 公示名单, the picker, the filtered queue', { timeout: 600_000 }, async () => {
    mkdirSync(screenshots, { recursive: true });
    const pages: { user: string; path: string; name: string; ready: (p: Page) => Promise<unknown> }[] = [
      { user: 'village-a1@demo.tongban', path: '/work/file', name: 'proxy-filing', ready: (p) => p.getByRole('radio', { name: '最低生活保障审核确认' }).waitFor() },
      { user: 'village-a1@demo.tongban', path: '/work/public-notices', name: 'public-notices', ready: (p) => p.locator(`tr[data-case="${inNotice.id}"]`).waitFor() },
      { user: 'township-a@demo.tongban', path: `/cases/${fromA2.id}`, name: 'case-cc-picker', ready: async (p) => { await p.getByRole('button', { name: '抄送…' }).click(); await p.getByRole('checkbox').first().waitFor(); } },
      { user: 'township-a@demo.tongban', path: '/work/tasks', name: 'queue-village-filter', ready: (p) => p.getByLabel('村（居）').waitFor() },
    ];
    for (const user of [...new Set(pages.map((p) => p.user))]) {
      const page = await signInPage(browser, server, user);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/work/tasks');
      for (const shown of pages.filter((p) => p.user === user)) {
        for (const width of [1366, 390]) {
          for (const elder of [false, true]) {
            await page.setViewportSize({ width, height: 900 });
            await page.evaluate((on) => localStorage.setItem('tb-elder', on ? '1' : '0'), elder);
            await page.goto(`${server.url}${shown.path}`);
            await shown.ready(page);
            expect((await axeViolations(page)).join('\n'), `${shown.name} at ${width} px${elder ? ' in 长辈模式' : ''}`).toBe('');
            await page.screenshot({ path: path.join(screenshots, `${shown.name}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
          }
        }
      }
      await page.close();
    }
  });
});
