import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CommandAnswer } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

type Summary = CommandAnswer['case'] & { workflow: { key: string; version: number }; tasks: { key: string; step: string; dueAt?: string }[] };

/**
 * Version 1: the township reviews within 3 working days, the county checks (`check`). Version 2:
 * the township has 10 working days, and the county's step is called `confirm`.
 */
const definition = (version: number) => ({
  key: 'ver-probe',
  version,
  name: '版本探针',
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
    review: { type: 'task', name: '乡镇审核', assignee: { level: 'township' }, deadline: { workingDays: version === 1 ? 3 : 10 }, actions: { approve: { kind: 'approve', label: '同意', target: version === 1 ? 'check' : 'confirm' } } },
    [version === 1 ? 'check' : 'confirm']: { type: 'task', name: version === 1 ? '县级核对' : '县级确认', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
});

interface Plan {
  ok: boolean;
  step: { from: string; to: string | null; by: string };
  tasks: { cancelled: { key: string }[]; opened: { key: string; level: string; dueAt?: string }[] };
  problems: { path: string; message: string }[];
  data: { invalid: unknown[]; dropped: string[] };
}

describe('versions side by side and migrating a running case', () => {
  let server: TestServer;
  let su: PocketBase;
  let admin: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let county: PocketBase;
  let v2Id: string;
  const onV1: Summary[] = [];
  let atCheck: Summary;

  const publish = async (version: number) => (await su.collection('workflow_definitions').create({ key: 'ver-probe', version, status: 'published', name: '版本探针', definition: definition(version) })).id as string;
  const open = async () => (await command(applicant, (await applicant.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'ver-probe', commandId: randomUUID() } })).case, 'submit')).case as Summary;
  const view = async (id: string) => (await admin.send<{ case: Summary }>(`/api/tongban/cases/${id}`, {})).case;
  const migrate = (c: { id: string }, body: Record<string, unknown>, as: PocketBase = admin) => as.send<Plan & { applied?: boolean }>(`/api/tongban/admin/cases/${c.id}/migrate`, { method: 'POST', body });
  const verify = async (id: string) => su.send<{ ok: boolean; replay: { ok: boolean } }>(`/api/tongban/cases/${id}/verify`, {});
  const events = async (id: string) => su.collection('events').getFullList({ filter: `application = "${id}"`, sort: 'seq' });

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    [admin, applicant, township, county] = await Promise.all([server.login('admin'), server.login('applicant-a1'), server.login('township-a'), server.login('county')]);
    await publish(1);
    for (let i = 0; i < 3; i++) onV1.push(await open());
    v2Id = await publish(2);
  });
  afterAll(() => server?.dispose());

  it('starts new cases on the newest version while a running case keeps its own version’s steps and deadlines to the end', async () => {
    const running = onV1[0]!;
    const fresh = await open();
    expect((await view(fresh.id)).workflow.version).toBe(2);
    const v1Case = await view(running.id);
    expect(v1Case.workflow.version).toBe(1);
    // The township's deadlines: 3 working days on version 1, 10 on version 2.
    expect(new Date(v1Case.tasks[0]!.dueAt!).getTime()).toBeLessThan(new Date((await view(fresh.id)).tasks[0]!.dueAt!).getTime());
    const checked = await command(township, running, 'approve');
    expect(checked.case.step).toBe('check');
    expect((await command(county, checked.case, 'approve')).case.status).toBe('done');
    expect((await command(township, fresh, 'approve')).case.step).toBe('confirm');
  });

  it('answers a dry run with the mapping of the step and the tasks reopened, writing nothing', async () => {
    const c = onV1[1]!;
    const before = await events(c.id);
    const plan = await migrate(c, { toVersion: 2, dryRun: true });
    expect(plan).toMatchObject({ ok: true, dryRun: true, step: { from: 'review', to: 'review', by: 'same' }, tasks: { cancelled: [{ key: 'review#1' }], opened: [{ key: 'review#2', level: 'township' }] }, problems: [] });
    expect(await events(c.id)).toHaveLength(before.length);
    expect((await view(c.id)).workflow.version).toBe(1);
  });

  it('answers a dry run over every running case of a version, one line per case, with the counts', async () => {
    atCheck = (await command(township, onV1[2]!, 'approve')).case as Summary;
    const dryRun = (body: Record<string, unknown>) => admin.send<{ total: number; movable: number; cannot: number; cases: { id: string; ok: boolean; by: string; problems: { path: string }[] }[] }>('/api/tongban/admin/workflows/ver-probe/1/migration-dry-run', { method: 'POST', body });
    const report = await dryRun({ toVersion: 2 });
    expect(report).toMatchObject({ total: 2, movable: 1, cannot: 1 });
    expect(report.cases.find((c) => c.id === onV1[1]!.id)).toMatchObject({ ok: true, by: 'same' });
    expect(report.cases.find((c) => c.id === atCheck.id)).toMatchObject({ ok: false, by: 'cannot', problems: [{ path: '/stepMap' }] });
    expect(await dryRun({ toVersion: 2, stepMap: { check: 'confirm' } })).toMatchObject({ total: 2, movable: 2, cannot: 0 });
    expect((await failure(township.send('/api/tongban/admin/workflows/ver-probe/1/migration-dry-run', { method: 'POST', body: { toVersion: 2 } }))).status).toBe(403);
  });

  it('lets only administrators migrate, and only with a reason', async () => {
    const c = onV1[1]!;
    expect((await failure(migrate(c, { toVersion: 2, dryRun: true }, township))).status).toBe(403);
    expect(await failure(migrate(c, { toVersion: 2, dryRun: false }))).toMatchObject({ status: 422, body: { errors: [{ path: '/reason' }] } });
    expect(await failure(migrate(c, { toVersion: 9, dryRun: true }))).toMatchObject({ status: 422, body: { errors: [{ path: '/toVersion', message: '流程“ver-probe”没有已发布的第 9 版。' }] } });
  });

  it('applies a migration as one audited event: the case runs on version 2 from then on, and verify still replays it exactly', async () => {
    const c = onV1[1]!;
    const applied = await migrate(c, { toVersion: 2, dryRun: false, reason: '按新规定办理' });
    expect(applied).toMatchObject({ applied: true, step: { to: 'review' } });
    const moved = await view(c.id);
    expect(moved.workflow.version).toBe(2);
    expect((await su.collection('applications').getOne(c.id)).workflow_version).toBe(2);
    expect(moved.tasks.map((t) => t.key)).toEqual(['review#2']);
    const last = (await events(c.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'admin.migrate', kind: 'migrate', from_step: 'review', to_step: 'review', comment: '按新规定办理', note: '第 1 版 → 第 2 版' });
    expect((await su.collection('audit_log').getFullList({ filter: `action = "case.migrate" && target_id = "${c.id}"` })).map((a) => a.reason)).toEqual(['按新规定办理']);
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
    // Version 2's steps from now on: the county confirms.
    const next = await command(township, moved, 'approve');
    expect(next.case.step).toBe('confirm');
    await command(county, next.case, 'approve');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('refuses in Chinese a case whose step the new version lacks, until the step map names its counterpart', async () => {
    const c = atCheck;
    expect(c.step).toBe('check');
    const plan = await migrate(c, { toVersion: 2, dryRun: true });
    expect(plan).toMatchObject({ ok: false, step: { by: 'cannot' }, problems: [{ path: '/stepMap', message: '当前步骤“县级核对”在第 2 版中不存在，请在 stepMap 中指定对应的步骤。' }] });
    const refused = await failure(migrate(c, { toVersion: 2, dryRun: false, reason: '按新规定办理' }));
    expect(refused).toMatchObject({ status: 409, body: { code: 'cannot_migrate' } });
    expect((await view(c.id)).workflow.version).toBe(1);
    await migrate(c, { toVersion: 2, dryRun: false, reason: '按新规定办理', stepMap: { check: 'confirm' } });
    expect((await view(c.id)).step).toBe('confirm');
    expect(await verify(c.id)).toMatchObject({ ok: true });
  });

  it('starts no new case on a retired version; its running cases go on', async () => {
    const running = await open();
    await su.collection('workflow_definitions').update(v2Id, { status: 'retired' });
    const fresh = await open();
    expect((await view(fresh.id)).workflow.version).toBe(1);
    expect((await command(township, running, 'approve')).case.step).toBe('confirm');
  });
});

describe('migrating a 低保 case during its 公示 to a version with a shorter 公示', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => server?.dispose());

  it('cancels the running 公示 timer, starts the new one of 5 days without a second notice, fires it, and verify replays the case', async () => {
    const su = await server.superuser();
    const current = await su.collection('workflow_definitions').getFirstListItem('key = "dibao" && status = "published" && division = ""', { sort: '-version' });
    const version = current.version as number;
    const a1 = await server.login('applicant-a1');
    let c = (await command(a1, (await openCase(a1, demoHousehold)).case, 'submit')).case;
    c = (await command(await server.login('township-a'), c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(await server.login('village-a1'), c, 'complete')).case;
    c = (await command(await server.login('county'), c, 'complete')).case;
    c = (await command(await server.login('township-a'), c, 'approve')).case;
    expect(c.step).toBe('publicNotice');

    const definition = { ...(current.definition as Record<string, unknown>), version: version + 1, parameters: { ...((current.definition as { parameters: Record<string, unknown> }).parameters), publicNotice: { days: 5 } } };
    await su.collection('workflow_definitions').create({ key: 'dibao', version: version + 1, status: 'published', name: current.name, definition, form_schema: current.form_schema, ui_schema: current.ui_schema, templates: current.templates });
    await server.setClock(new Date('2026-03-04T09:00:00+08:00'));

    const admin = await server.login('admin');
    const migrate = (dryRun: boolean) => admin.send<Plan & { timers: { cancelled: string[]; scheduled: { key: string; dueAt: string }[] }; notRepeated: string[] }>(`/api/tongban/admin/cases/${c.id}/migrate`, { method: 'POST', body: { toVersion: version + 1, dryRun, reason: '公示期调整为5日' } });
    const plan = await migrate(true);
    expect(plan.timers).toEqual({ cancelled: ['publicNotice#1'], scheduled: [{ key: 'publicNotice#2', step: 'publicNotice', dueAt: new Date('2026-03-10T00:00:00+08:00').toISOString() }] });
    expect(plan.notRepeated).toEqual(['文书：最低生活保障公示']);
    const documentsBefore = (await su.collection('documents').getFullList({ filter: `application = "${c.id}"` })).length;

    await migrate(false);
    // (The 信息核对 step's reminder timer, cancelled when the county completed it, is not the 公示's.)
    const timers = await su.collection('timers').getFullList({ filter: `application = "${c.id}" && key ~ "publicNotice"`, sort: 'key' });
    expect(timers.map((t) => [t.key, t.status])).toEqual([['publicNotice#1', 'cancelled'], ['publicNotice#2', 'pending']]);
    expect(await su.collection('documents').getFullList({ filter: `application = "${c.id}"` })).toHaveLength(documentsBefore);

    await server.setClock(new Date('2026-03-10T00:05:00+08:00'));
    expect(await server.sweep()).toBe(1);
    const verdict = await su.send<{ ok: boolean; replay: { ok: boolean } }>(`/api/tongban/cases/${c.id}/verify`, {});
    expect(verdict).toMatchObject({ ok: true, replay: { ok: true } });
    expect((await admin.send<{ case: Summary }>(`/api/tongban/cases/${c.id}`, {})).case).toMatchObject({ step: 'countyReview', workflow: { version: version + 1 } });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
