import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, openCasePage, screenshotFolder } from '../../support/webSignIn.js';
import { freshIdNumber } from '../../support/idNumbers.js';

/** Screenshots for review, in a folder git ignores. */
const screenshots = screenshotFolder;

/** The page at `width`, in 长辈模式 or not, reloaded. */
async function viewAs(page: Page, width: number, elder: boolean): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.evaluate((on) => localStorage.setItem('tb-elder', on ? '1' : '0'), elder);
  await page.reload();
  await expect.poll(() => page.getByRole('heading', { name: '办理进度' }).count(), { timeout: 10_000 }).toBe(1);
}

/** Checks axe at 1366 and 390 px, normal and 长辈模式, saving screenshots named after `who`. */
async function checkLayouts(page: Page, who: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const width of [1366, 390]) {
    for (const elder of [false, true]) {
      await viewAs(page, width, elder);
      expect(await axeViolations(page), `${who} at ${width} px${elder ? ' in 长辈模式' : ''}`).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `case-${who}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
    }
  }
  await page.evaluate(() => localStorage.setItem('tb-elder', '0'));
}

describe('the case page, in Chromium through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let submitted: CaseSummary;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    browser = await launchChromium();
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    submitted = (await command(a1, opened.case, 'submit')).case;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lets the township officer accept with an opinion: the comment box empties, the timeline names the step, the officer and their unit, and the 受理通知书 opens as a print-ready page', async () => {
    const page = await openCasePage(browser, server, 'township-a@demo.tongban', submitted.id);
    const commands: unknown[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/commands')) commands.push(r.postDataJSON()); });
    // 补正 asks for its reasons first, once, and sends nothing without them.
    await page.getByRole('button', { name: '一次性告知补正' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toBe('请写明需要补正或退回的理由（一次性告知全部事项）。');
    expect(commands).toEqual([]);
    await page.getByRole('switch', { name: '材料齐全' }).check();
    await page.getByLabel('办理意见 / 理由').fill('材料齐全，予以受理。');
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => page.getByText('操作成功。').count()).toBe(1);
    // The comment box is gone with the actions, or empty if the officer still has some (a verb such as 催办).
    const box = page.getByLabel('办理意见 / 理由');
    if (await box.count()) expect(await box.inputValue()).toBe('');

    const track = page.locator('tb-case-timeline ol.track > li');
    await expect.poll(() => track.filter({ hasText: '意见：材料齐全，予以受理。' }).count()).toBe(1);
    const accepted = (await track.filter({ hasText: '意见：材料齐全，予以受理。' }).textContent())!.replace(/\s+/g, ' ');
    expect(accepted).toMatch(/^ ?受理 2026\/3\/2 09:00 · 曲塘镇 社会事务办（曲塘镇） · 转入「入户调查」 意见：材料齐全，予以受理。/);
    const all = (await page.locator('tb-case-timeline ol.track').textContent())!.replace(/\s+/g, ' ');
    expect(all).toContain('创建申请 2026/3/2 09:00 · 王*英（曲塘镇杨庄村）');
    expect(all).toContain('提交申请 2026/3/2 09:00 · 王*英（曲塘镇杨庄村） · 转入「乡镇受理」');
    expect(all).not.toMatch(/\b(submit|accept|start)\b/);
    expect(all).toContain('入户调查 待办理 预计 2026/3/11 前办结（7 个工作日）');
    // The steps after it, each expected to take its deadline on the server's working calendar (清明, 4–6 April, off); 公示 a pause.
    expect(all).toContain('信息核对 尚未开始 预计 2026/3/16 前办结（3 个工作日）');
    expect(all).toContain('乡镇初审 尚未开始 预计 2026/3/23 前办结（5 个工作日）');
    expect(all).toContain('村（居）公示 尚未开始暂停计时 预计 2026/3/30 期满');
    expect(all).toContain('审核确认 尚未开始 预计 2026/4/14 前办结（10 个工作日）');

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打开：受理通知书' }).click()]);
    await popup.waitForLoadState();
    expect(await popup.title()).toContain('受理通知书');
    const printable = await popup.content();
    expect(printable).toContain('@page');
    // Officers read documents masked, as the server masks them.
    expect(printable).not.toContain('王秀英');
    expect(printable).not.toContain('320621195503120023');
    await popup.close();
    expect(await page.getByRole('button', { name: '打印：受理通知书' }).isEnabled()).toBe(true);
    await checkLayouts(page, 'officer');
    await page.close();
  });

  // A second officer meeting a conflict (409 explained, page refreshed) is part of the 低保 journey (dibaoJourney.test.ts).

  it('shows the applicant when 公示 ends and the clock paused for it, with their own case accessible at both widths and in 长辈模式', async () => {
    const villageA1 = await server.login('village-a1');
    const county = await server.login('county');
    const townshipA = await server.login('township-a');
    let c = (await villageA1.send<{ case: CaseSummary }>(`/api/tongban/cases/${submitted.id}`, {})).case;
    c = (await command(villageA1, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
    expect(c.step).toBe('publicNotice');

    const page = await openCasePage(browser, server, 'applicant-a1@demo.tongban', submitted.id);
    const timeline = page.locator('tb-case-timeline');
    await expect.poll(() => timeline.getByText('村（居）公示：暂停计时').count(), { timeout: 10_000 }).toBe(1);
    expect((await timeline.locator('li.ahead').first().textContent())!.replace(/\s+/g, ' ').trim()).toBe('村（居）公示 进行中暂停计时 2026/3/9 期满');
    expect((await timeline.locator('li.expected').textContent())!.replace(/\s+/g, ' ').trim()).toBe('审核确认 尚未开始 预计 2026/3/23 前办结（10 个工作日）');
    expect(await timeline.locator('ol.track').textContent()).toContain('初审通过，进入公示');
    expect(await page.getByRole('button', { name: '打开：最低生活保障公示' }).count()).toBe(1);
    // What changed since the application was submitted: the township's 受理 (a section the applicant reads), never the officers' hidden sections.
    expect(await page.getByRole('heading', { name: '提交后的修改' }).count()).toBe(1);
    const diff = (await page.locator('tb-diff table').textContent())!;
    expect(diff).toContain('材料齐全');
    expect(diff).not.toContain('情况属实');
    // The officers' sections are not in the applicant's form: no 入户调查 or 乡镇初审 tab.
    expect(await page.locator('tb-form').getByRole('button', { name: /申请人/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('tb-form').getByRole('button', { name: /入户调查|乡镇初审|信息核对/ }).count()).toBe(0);
    await checkLayouts(page, 'applicant');
    await page.close();
  });

  it('shows on a 代办 case who filed it for the resident', async () => {
    const village = await server.login('village-a1');
    const resident = { ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '赵桂兰', idNumber: freshIdNumber() } };
    const opened = await openCase(village, resident, { proxy: true });
    const page = await openCasePage(browser, server, 'village-a1@demo.tongban', opened.case.id);
    await expect.poll(() => page.locator('p.proxy').count()).toBe(1);
    expect((await page.locator('p.proxy').textContent())!.replace(/\s+/g, ' ')).toBe('代办：由 杨庄村 村委会（曲塘镇杨庄村） 代为申请');
    await page.close();
  });
});
