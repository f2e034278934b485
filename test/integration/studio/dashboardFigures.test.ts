import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardAnswer } from '../../../engine/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { readProcessTemplates } from '../../../server/build/processTemplates.js';
import { command, openCase, type CommandAnswer } from '../../support/commands.js';
import { decisionsDefinition } from '../../support/decisionsDefinition.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The figures computed here from the records, as a bureau's clerk would from a full export. */
function expectedProcesses(cases: RecordModel[]) {
  const byProcess = new Map<string, { started: number; active: number; done: number; approved: number; rejected: number; withdrawn: number }>();
  for (const c of cases) {
    const f = byProcess.get(c.workflow_key) ?? { started: 0, active: 0, done: 0, approved: 0, rejected: 0, withdrawn: 0 };
    f.started += 1;
    if (c.status === 'active') f.active += 1;
    if (c.status === 'done') f.done += 1;
    if (c.outcome === 'approved') f.approved += 1;
    if (c.outcome === 'rejected') f.rejected += 1;
    if (c.outcome === 'withdrawn') f.withdrawn += 1;
    byProcess.set(c.workflow_key, f);
  }
  return Object.fromEntries([...byProcess].sort(([a], [b]) => a.localeCompare(b)));
}

function expectedAmounts(cases: RecordModel[]) {
  const sums = new Map<string, number>();
  for (const c of cases) {
    for (const item of Object.values((c.decisions ?? {}) as Record<string, { outcome: string; amount?: number; at: string }>)) {
      if (item.outcome !== 'approved') continue;
      const month = new Date(Date.parse(item.at) + 8 * 3600 * 1000).toISOString().slice(0, 7);
      const key = `${c.workflow_key} ${month}`;
      sums.set(key, (sums.get(key) ?? 0) + (item.amount ?? 0));
    }
  }
  return Object.fromEntries(sums);
}

/** The decisions probe (two items with amounts), published with plain notices. */
const probe = decisionsDefinition({ living: 'decisions-probe/living', nursing: 'decisions-probe/nursing' });
const notice = (title: string) => `{{#> layout title="${title}"}}<p>{{decisionItem.name}}</p>{{/layout}}`;
const probeTemplates = { shared: readProcessTemplates(probe.key).shared, documents: { living: notice('生活补贴决定通知书'), nursing: notice('护理补贴决定通知书') } };

describe('the dashboard’s figures (GET /api/tongban/admin/dashboard)', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;
  const figures = async (query: string, pb: PocketBase = admin) => {
    const answer = await fetch(`${server.url}/api/tongban/admin/dashboard?${query}`, { headers: { Authorization: pb.authStore.token } });
    return { status: answer.status, body: (await answer.json()) as DashboardAnswer & { message?: string } };
  };

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    su = await server.superuser();
    const a1 = await server.login('applicant-a1');
    const opened = (await openCase(a1, demoHousehold)).case;
    await command(a1, opened, 'withdraw');
    await openCase(a1, demoHousehold);
    await su.collection('workflow_definitions').create({ key: probe.key, version: 1, status: 'published', name: probe.name, definition: probe, templates: probeTemplates });
    const county = await server.login('county');
    for (const [living, nursing] of [[600, 'approved'], [450, 'rejected']] as const) {
      const opened = await a1.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: probe.key, commandId: randomUUID() } });
      const submitted = await command(a1, opened.case, 'submit');
      await command(county, submitted.case, 'decide', { data: { review: { living: 'approved', livingAmount: living, nursing } }, comment: '护理等级未达标准' });
    }
  });
  afterAll(() => server?.dispose());

  it('counts this year’s cases by process exactly as the records do', async () => {
    const { status, body } = await figures('');
    expect(status).toBe(200);
    const year = body.from.slice(0, 4);
    expect(body.from).toBe(`${year}-01-01`);
    const cases = await su.collection('applications').getFullList({ filter: `created >= "${year}-01-01 00:00:00" || created >= "${Number(year) - 1}-12-31 16:00:00"` });
    const inPeriod = cases.filter((c) => Date.parse(c.created.replace(' ', 'T')) >= Date.parse(`${year}-01-01T00:00:00+08:00`));
    expect(Object.fromEntries(body.processes.map(({ workflow, name: _name, ...f }) => [workflow, f]))).toEqual(expectedProcesses(inPeriod));
    expect(body.processes.find((p) => p.workflow === 'dibao')).toMatchObject({ name: '最低生活保障审核确认' });
    expect(body.processes.reduce((n, p) => n + p.withdrawn, 0)).toBeGreaterThanOrEqual(1);
  });

  it('sums the approved amounts per month from the decision items, and counts the townships', async () => {
    const { body } = await figures('from=2000-01-01&to=2100-12-31');
    const cases = await su.collection('applications').getFullList();
    // The probe's two 生活补贴 (600 + 450) and one 护理补贴 at its standard (120) were approved.
    expect(body.amounts.filter((a) => a.workflow === 'decisions-probe').reduce((n, a) => n + a.amount, 0)).toBe(600 + 450 + 120);
    expect(Object.fromEntries(body.amounts.map((a) => [`${a.workflow} ${a.month}`, a.amount]))).toEqual(expectedAmounts(cases));
    const covered = new Map<string, Set<string>>();
    for (const c of cases.filter((x) => x.outcome === 'approved')) covered.set(c.workflow_key, (covered.get(c.workflow_key) ?? new Set()).add(c.subject || c.id));
    expect(Object.fromEntries(body.coverage.map((x) => [x.workflow, x.subjects]))).toEqual(Object.fromEntries([...covered].map(([k, v]) => [k, v.size])));
    const countyTasks = body.stepTimes.find((t) => t.workflow === 'decisions-probe' && t.step === 'review');
    expect(countyTasks).toMatchObject({ stepName: '审批', tasks: 2 });
    const byTownship = new Map<string, number>();
    for (const c of cases) if (c.township) byTownship.set(c.township, (byTownship.get(c.township) ?? 0) + 1);
    expect(Object.fromEntries(body.townships.filter((t) => t.started > 0).map((t) => [t.township, t.started]))).toEqual(Object.fromEntries(byTownship));
    const active = cases.filter((c) => c.status === 'active').length;
    expect(body.steps.reduce((n, s) => n + s.active, 0)).toBe(active);
  });

  it('narrows every figure to a chosen township', async () => {
    const township = await su.collection('org_units').getFirstListItem('code = "320685004"');
    const { body } = await figures(`from=2000-01-01&to=2100-12-31&division=${township.id}`);
    expect(body.division).toMatchObject({ name: '孙庄街道', level: 'township' });
    const cases = await su.collection('applications').getFullList({ filter: `township = "${township.id}"` });
    expect(body.processes.reduce((n, p) => n + p.started, 0)).toBe(cases.length);
    expect(body.townships.map((t) => t.name)).toEqual(cases.length > 0 ? ['孙庄街道'] : []);
  });

  it('refuses officers, and a period that is not one', async () => {
    expect((await figures('', await server.login('county'))).status).toBe(403);
    const bad = await figures('from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('“from” 须为 YYYY-MM-DD 格式的日期。');
    expect((await figures('from=2026-05-01&to=2026-04-01')).status).toBe(400);
  });
});
