import type { Browser, Page } from 'playwright-core';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessListAnswer } from '../../../engine/index.js';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { axeViolations, launchChromium, screenshotAtBothWidths, signInPage, smallTargets } from '../../support/webSignIn.js';

/** The newest published national version of 低保, as the server lists it. */
async function publishedDibao(admin: PocketBase): Promise<number> {
  const { processes } = await admin.send<ProcessListAnswer>('/api/tongban/admin/processes', {});
  const dibao = processes.find((p) => p.key === 'dibao')!;
  return Math.max(...dibao.versions.filter((v) => v.division === '' && v.status === 'published').map((v) => v.version));
}

describe('the administrator changes 低保 in the process designer, in Chromium through the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: PocketBase;
  let published: number;
  /** The 公示 days of the published version, as the server has them. */
  let shippedDays: number;
  let running: CaseSummary;
  const caseVersion = async (id: string) => ((await (await server.superuser()).collection('applications').getOne(id)).workflow_version as number);

  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    admin = await server.login('admin');
    published = await publishedDibao(admin);
    const { versions } = await admin.send<{ versions: { version: number; division: string; parameters: { publicNotice: { days: number } } }[] }>('/api/tongban/admin/workflows/dibao/versions', {});
    shippedDays = versions.find((v) => v.version === published && v.division === '')!.parameters.publicNotice.days;
    // A case running before the change: it must stay on the version it started under.
    running = (await openCase(await server.login('applicant-a1'), demoHousehold)).case;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('opens a new version of 低保 from the list of processes, drawn as a graph with a button per step', async () => {
    page = await signInPage(browser, server, 'admin@demo.tongban', { width: 1366, waitForHome: true });
    const refused: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) refused.push(m.text()); });
    await page.goto(`${server.url}/studio/processes`);
    await page.getByRole('button', { name: '为最低生活保障审核确认新建版本' }).click();
    await page.waitForURL(`${server.url}/studio/processes/dibao/${published + 1}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe(`最低生活保障审核确认 第 ${published + 1} 版`);
    await expect.poll(() => page.getByRole('button', { name: /^步骤“/ }).count(), { timeout: 30_000 }).toBe(13);
    await expect.poll(() => page.getByRole('button', { name: '动作“受理”：乡镇受理 → 入户调查' }).count()).toBe(1);
    // The layout ran in its worker, which the Content-Security-Policy allows.
    expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('graphLayoutWorker'));
    expect(refused).toEqual([]);
  });

  it('changes the 公示 days on the 公示 step, chosen with the keyboard', async () => {
    await page.getByRole('button', { name: /^步骤“村（居）公示”/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: /^步骤“村（居）公示”/ }).count()).toBe(1);
    const days = page.getByLabel('等待期（公示期）（日）');
    await expect.poll(() => days.inputValue()).toBe(String(shippedDays));
    await days.fill('10');
    await expect.poll(async () => JSON.parse(await page.getByLabel('整个流程定义（与流程图同步修改）').inputValue()).parameters.publicNotice.days).toBe(10);
    await expect.poll(() => page.getByText('检查通过：没有发现问题。').count(), { timeout: 20_000 }).toBe(1);
  });

  it('sees the check fail on a route to a step that does not exist, on its arrow and its field, and pass once fixed', async () => {
    await page.getByRole('button', { name: '动作“受理”：乡镇受理 → 入户调查' }).focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('heading', { name: '动作“受理”' }).count()).toBe(1);
    const target = page.getByLabel('去向（步骤）');
    await target.fill('nowhere');
    const message = '目标步骤“nowhere”未定义。';
    await expect.poll(() => page.getByRole('button', { name: `动作“受理”：乡镇受理 → 不存在的步骤“nowhere”，1 个问题：${message}` }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.field-problem', { hasText: message }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: `乡镇受理 › 动作“受理”：${message}` }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: '发布…' }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await target.fill('investigation');
    await expect.poll(() => page.getByText('检查通过：没有发现问题。').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: '动作“受理”：乡镇受理 → 入户调查' }).count()).toBe(1);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByText('草稿已保存。').count()).toBe(1);
  });

  it('simulates the saved draft on its 模拟 tab: the 公示 now lasts 10 days', async () => {
    await page.getByRole('navigation', { name: '设计内容' }).getByRole('link', { name: '模拟' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '立案', exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel(/立案日期/).fill('2026-03-02');
    await expect.poll(() => page.getByText('2026/03/02 09:00').count()).toBeGreaterThan(0);
    for (const [label, step] of [['提交申请', 1], ['受理', 2], ['提交调查结果', 3], ['核对完成', 4], ['初审通过，进入公示', 5]] as const) {
      await page.getByRole('group', { name: '下一步操作' }).getByRole('button', { name: new RegExp(`^${label}`) }).click();
      await expect.poll(() => page.getByRole('heading', { name: `第 ${step} 步 ${label}`, exact: true }).count(), { timeout: 20_000 }).toBe(1);
    }
    // Filed and sent to 公示 on 2026-03-02: 10 days end on 2026-03-12 (7 days, as published, ended on 2026-03-09).
    const notice = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '第 5 步 初审通过，进入公示' }) });
    await expect.poll(() => notice.getByText(/村（居）公示 至 2026-03-12 周四 24:00/).count()).toBe(1);
    await page.getByRole('navigation', { name: '设计内容' }).getByRole('link', { name: '流程' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^步骤“/ }).count(), { timeout: 30_000 }).toBe(13);
  });

  it('is usable on a phone and in 长辈模式 (the graph scrolls, the panel below it), with no axe violations', async () => {
    for (const elder of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(page), `${width}${elder ? ' 长辈模式' : ''}`).toEqual([]);
        if (elder) expect(await smallTargets(page, 60), `${width} 长辈模式`).toEqual([]);
      }
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const graph = await page.getByRole('region', { name: '流程图（可滚动）' }).boundingBox();
    const panel = await page.locator('section.panel').boundingBox();
    expect(graph!.width).toBeLessThanOrEqual(390);
    expect(panel!.y).toBeGreaterThan(graph!.y + graph!.height - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The chosen item's properties are a button away, below the graph.
    await page.getByRole('button', { name: /^步骤“村（居）公示”/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '查看所选项的属性' }).click();
    await expect.poll(() => page.evaluate(() => document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-studio-process-designer')?.shadowRoot?.activeElement?.id)).toBe('panel-title');
    await screenshotAtBothWidths(page, 'studio', 'process-designer');
    await page.evaluate(() => document.documentElement.classList.remove('elder'));
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('publishes the next version after showing its changes; the running case stays on its version and a new case takes the new one with 10 days of 公示', async () => {
    await page.getByRole('button', { name: '发布…' }).click();
    const changes = page.getByRole('table', { name: `与第 ${published} 版相比的改动` });
    await expect.poll(() => changes.getByRole('row').filter({ hasText: 'publicNotice › days' }).textContent(), { timeout: 20_000 }).toMatch(new RegExp(`修改\\s*${shippedDays}\\s*10`));
    await page.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => page.getByRole('heading', { name: `已发布第 ${published + 1} 版` }).count(), { timeout: 20_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    expect(await publishedDibao(admin)).toBe(published + 1);
    const { versions } = await admin.send<{ versions: { version: number; status: string; division: string; parameters: { publicNotice?: { days?: number } } }[] }>('/api/tongban/admin/workflows/dibao/versions', {});
    expect(versions.find((v) => v.version === published + 1 && v.division === '')?.parameters.publicNotice).toEqual({ days: 10 });
    expect(versions.find((v) => v.version === published && v.division === '')?.parameters.publicNotice).toEqual({ days: shippedDays });
    // Recorded in the audit log as the administrator's, with its diff.
    const record = (await admin.send<ProcessListAnswer>('/api/tongban/admin/processes', {})).processes.find((p) => p.key === 'dibao')!.versions.find((v) => v.version === published + 1 && v.division === '')!;
    const su = await server.superuser();
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('action = "workflow.publish" && target_id = {:id}', { id: record.id }) });
    expect(audit).toMatchObject([{ actor_role: 'admin' }]);
    expect((audit[0]!.after as { changes: unknown[] }).changes).toContainEqual({ kind: 'changed', path: '/definition/parameters/publicNotice/days', before: shippedDays, after: 10 });

    expect(await caseVersion(running.id)).toBe(published);
    const fresh = (await openCase(await server.login('applicant-a1'), demoHousehold)).case;
    expect(await caseVersion(fresh.id)).toBe(published + 1);
    // The published version opens read-only now.
    await expect.poll(() => page.getByText('已发布的版本不能修改；要修改请在流程列表中新建版本。').count()).toBe(1);
  });
});
