import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure } from '../../support/commands.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

/** A township's 复核 of households: the township starts it, the household's village checks within 10 working days. */
const recheckDefinition = {
  key: 'household-recheck',
  version: 1,
  name: '低保复核',
  initial: 'check',
  starters: [{ kind: 'officer', level: 'township', role: 'dibao_officer' }],
  subject: { kind: 'person' },
  steps: {
    check: {
      type: 'task',
      name: '入户复核',
      assignee: { level: 'village' },
      deadline: { workingDays: 10 },
      onEnter: [{ effect: 'notify', args: { to: 'applicant', message: '已发起复核。' } }],
      actions: { confirm: { kind: 'approve', label: '复核完成', target: 'done' } },
    },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
};

interface RunView {
  id: string;
  status: string;
  total: number;
  processed: number;
  started: number;
  failed: number;
  progress: number;
  failures: { row: number; subject: string; reason: string }[];
}

const chunk = 50;

describe('a bulk start through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  const households: { id: string; village: string }[] = [];
  let outsider: string;
  const missing = 'zzzzzzzzzzzzzzz';

  /**
   * The runs officers started, oldest first. The minute's background sweep also opens the shipped
   * schedules' runs (`origin_kind = "schedule"`) whenever it comes round, so those are left out.
   */
  const officersRuns = () => su.collection('bulk_runs').getFullList({ filter: 'origin_kind = "officer"', sort: 'created' });

  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_BULK_CHUNK: String(chunk), TONGBAN_BULK_CHUNKS_PER_REQUEST: '2' } });
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: recheckDefinition.key, version: 1, status: 'published', name: recheckDefinition.name, definition: recheckDefinition });
    const unit = async (code: string) => su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>(`code = "${code}"`);
    const [a1, a2, b1] = await Promise.all([unit('320685102290'), unit('320685102291'), unit('320685004001')]);
    const create = (village: { id: string; township: string; county: string }, i: number) =>
      su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: `户主${i}`, village: village.id, township: village.township, county: village.county });
    for (let i = 0; i < 300; i += 20) {
      // Interleaved: the run groups them by home.
      const made = await Promise.all(Array.from({ length: 20 }, (_, k) => create((i + k) % 2 === 0 ? a1 : a2, i + k)));
      households.push(...made.map((s) => ({ id: s.id, village: s.village as string })));
    }
    // A household of another township (孙庄街道孙庄社区).
    outsider = (await su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: '外镇户', village: b1.id, township: b1.township, county: b1.county })).id;
    // One sweep now, as the minute's would at any time: the shipped schedules' runs are there from
    // the start, so nothing below can depend on whether the background came first.
    await su.send('/api/tongban/admin/sweep', { method: 'POST' });
  }, 120_000);
  afterAll(() => server?.dispose());

  const post = (pb: PocketBase, body: Record<string, unknown>) => pb.send<RunView>('/api/tongban/bulk-starts', { method: 'POST', body });
  const progress = async (id: string) => (await su.send<RunView>(`/api/tongban/bulk-starts/${id}`, {}));

  it('refuses bad input with paths and writes nothing', async () => {
    const township = await server.login('township-a');
    const bad = await failure(post(township, { workflow: 'household-recheck', commandId: randomUUID(), subjects: [households[0]!.id, 'NOT-AN-ID', households[0]!.id] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: '/subjects/1', message: expect.stringContaining('id') },
      { path: '/subjects/2', message: '与第 1 项重复。' },
    ]);
    const both = await failure(post(township, { workflow: 'household-recheck', commandId: randomUUID(), subjects: [households[0]!.id], selector: { kind: 'person' } }));
    expect(both.body.errors?.[0]?.path).toBe('/subjects');
    const fact = await failure(post(township, { workflow: 'household-recheck', commandId: randomUUID(), selector: { fact: { path: '__proto__.x)', equals: {} } } }));
    expect(fact.body.errors?.map((e) => e.path)).toEqual(['/selector/fact/path', '/selector/fact/equals']);
    expect(await officersRuns()).toEqual([]);
  });

  it('lets only the starters the process declares start it, for subjects in their jurisdiction', async () => {
    const village = await failure(post(await server.login('village-a1'), { workflow: 'household-recheck', commandId: randomUUID(), subjects: [households[0]!.id] }));
    expect(village).toMatchObject({ status: 403, body: { code: 'starter_not_allowed' } });
    const resident = await failure(post(await server.login('applicant-a1'), { workflow: 'household-recheck', commandId: randomUUID(), subjects: [households[0]!.id] }));
    expect(resident).toMatchObject({ status: 403 });
    const township = await server.login('township-a');
    const otherUnit = await su.collection('org_units').getFirstListItem('code = "320685004"');
    const foreign = await failure(post(township, { workflow: 'household-recheck', commandId: randomUUID(), selector: { unit: otherUnit.id } }));
    expect(foreign).toMatchObject({ status: 422, body: { errors: [{ path: '/selector/unit' }] } });
    expect(await officersRuns()).toEqual([]);
  });

  it('starts every subject once across chunks, a killed server and a resume, reporting the rows that could not start', async () => {
    const township = await server.login('township-a');
    const subjects = [...households.map((h) => h.id), outsider, missing];
    const commandId = randomUUID();
    const first = await post(township, { workflow: 'household-recheck', commandId, subjects });
    // Two chunks of 50 per request (test setting): the run stops between chunks with a third done.
    expect(first).toMatchObject({ status: 'running', total: 302, processed: 2 * chunk });
    expect(first.started + first.failed).toBe(2 * chunk);
    expect(first.progress).toBeCloseTo(100 / 302, 3);
    expect(await progress(first.id)).toMatchObject({ processed: 100, status: 'running' });
    // The act is in the audit log, with who did it.
    const audit = await su.collection('audit_log').getFullList({ filter: `action = "bulk.start" && target_id = "${first.id}"` });
    expect(audit).toMatchObject([{ actor_name: '曲塘镇 社会事务办', actor_role: 'officer', target_collection: 'bulk_runs', after: { workflow: { key: 'household-recheck', version: 1 }, total: 302 } }]);

    // The server dies between chunks, and again while a resume may be inside a chunk.
    await server.kill9();
    await server.restart();
    expect(await progress(first.id)).toMatchObject({ processed: 100, started: first.started });
    const racing = (await server.superuser()).send(`/api/tongban/bulk-starts/${first.id}/resume`, { method: 'POST' }).catch(() => null);
    await new Promise((r) => setTimeout(r, 40));
    await server.kill9();
    await racing;
    await server.restart();
    su = await server.superuser();

    // The same request again answers the same run; resuming continues from the committed cursor.
    const again = await post(await server.login('township-a'), { workflow: 'household-recheck', commandId, subjects });
    expect(again.id).toBe(first.id);
    let view = await progress(first.id);
    for (let i = 0; view.status !== 'done' && i < 20; i++) view = await su.send<RunView>(`/api/tongban/bulk-starts/${first.id}/resume`, { method: 'POST' });
    expect(view).toMatchObject({ status: 'done', total: 302, processed: 302, started: 300, failed: 2, progress: 1 });
    expect(view.failures).toEqual([
      { row: expect.any(Number), subject: outsider, reason: '对象不存在，或不在发起人的辖区内。' },
      { row: 301, subject: missing, reason: '对象不存在，或不在发起人的辖区内。' },
    ]);

    const cases = await su.collection('applications').getFullList({ filter: `bulk_run = "${first.id}"`, fields: 'id,subject,village,case_no,starter,filed_by,title,status,step,created' });
    expect(cases).toHaveLength(300);
    // All but each chunk's first case of a village are copies of it (the fast path: one INSERT for all): they carry its creation instant.
    // The kept tables' rows the template's start wrote (acted_cases_changed, migration 1764202101) did not keep it from being copied.
    const sameInstant = new Map<string, number>();
    for (const c of cases) sameInstant.set(String(c.created), (sameInstant.get(String(c.created)) ?? 0) + 1);
    expect(cases.filter((c) => sameInstant.get(String(c.created))! > 1).length).toBeGreaterThan(250);
    expect(new Set(cases.map((c) => c.subject)).size).toBe(300);
    expect(new Set(cases.map((c) => c.case_no)).size).toBe(300);
    const home = new Map(households.map((h) => [h.id, h.village]));
    for (const c of cases) {
      expect(c).toMatchObject({ village: home.get(c.subject), starter: 'officer', status: 'active', step: 'check', title: expect.stringMatching(/^低保复核：户主\d+$/) });
    }
    // Each case has its own open task for its own village, due in 10 working days, and its notice (the outbox sender may have fanned some out since).
    const tasks = await su.collection('tasks').getFullList({ filter: `application.bulk_run = "${first.id}"`, fields: 'application,assignee_unit,status,due_at' });
    expect(tasks).toHaveLength(300);
    const villageOf = new Map(cases.map((c) => [c.id, c.village]));
    for (const t of tasks) expect(t).toMatchObject({ assignee_unit: villageOf.get(t.application), status: 'open', due_at: expect.stringMatching(/^\d{4}-/) });
    expect((await su.collection('outbox').getList(1, 1, { filter: `application.bulk_run = "${first.id}" && parent = ""` })).totalItems).toBe(300);
    // Each case's start carries its own case's number and title, not its template's (migration 1764202301: what 已办 shows and searches).
    const starts = await su.collection('events').getFullList({ filter: `application.bulk_run = "${first.id}"`, fields: 'application,case_no,case_title' });
    expect(starts).toHaveLength(300);
    const caseOf = new Map(cases.map((c) => [c.id, c]));
    for (const e of starts) expect([e.case_no, e.case_title]).toEqual([caseOf.get(e.application)!.case_no, caseOf.get(e.application)!.title]);
    // Every case's history verifies: hash chain and replay.
    for (const c of cases) {
      const verdict = await su.send<{ ok: boolean; reason?: string }>(`/api/tongban/cases/${c.id}/verify`, {});
      expect({ id: c.id, ...verdict }).toMatchObject({ id: c.id, ok: true });
    }
  }, 180_000);

  it('starts cases that work like any other: the village officer completes one, and it still verifies', async () => {
    const run = (await officersRuns())[0]!;
    const mine = await su.collection('applications').getFirstListItem(`bulk_run = "${run.id}" && village.code = "320685102291"`, { sort: '-case_no' });
    const village = await server.login('village-a2');
    const done = await command(village, { id: mine.id, version: mine.version as number }, 'confirm');
    expect(done.case).toMatchObject({ status: 'done', outcome: 'approved' });
    expect(await su.send(`/api/tongban/cases/${mine.id}/verify`, {})).toMatchObject({ ok: true, events: 2 });
  });

  it('shows a run only to its starter and administrators', async () => {
    const run = (await officersRuns())[0]!;
    const other = await failure((await server.login('township-b')).send(`/api/tongban/bulk-starts/${run.id}`, {}));
    expect(other.status).toBe(404);
    expect(await (await server.login('township-a')).send<RunView>(`/api/tongban/bulk-starts/${run.id}`, {})).toMatchObject({ status: 'done' });
    expect(await (await server.login('admin')).send<RunView>(`/api/tongban/bulk-starts/${run.id}`, {})).toMatchObject({ status: 'done' });
  });

  it('finishes a run nobody resumes in the minute’s background sweep', async () => {
    const fresh = await Promise.all(Array.from({ length: 120 }, (_, i) => su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: `新户${i}`, village: households[0]!.village, township: '', county: '' })));
    const village = await su.collection('org_units').getOne<{ township: string; county: string }>(households[0]!.village);
    await Promise.all(fresh.map((f) => su.collection('subjects').update(f.id, { township: village.township, county: village.county })));
    const admin = await server.login('admin');
    const run = await post(admin, { workflow: 'household-recheck', commandId: randomUUID(), subjects: fresh.map((f) => f.id) });
    // Two chunks in the request (test setting), the third left to the cron.
    expect(run).toMatchObject({ status: 'running', processed: 100, total: 120 });
    let view = run;
    for (let waited = 0; view.status !== 'done' && waited < 75_000; waited += 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      view = await progress(run.id);
    }
    expect(view).toMatchObject({ status: 'done', processed: 120, started: 120, failed: 0 });
    expect((await su.collection('applications').getList(1, 1, { filter: `bulk_run = "${run.id}"` })).totalItems).toBe(120);
  }, 90_000);

  it('starts each household on its division’s local rules, as a single start would', async () => {
    // 孙庄街道's local rules: the village checks within 3 working days instead of 10.
    const overlay = await su.collection('workflow_definitions').create({
      key: 'household-recheck',
      status: 'published',
      overlay: { base: 'household-recheck', division: '320685004', version: 1, name: '孙庄街道复核时限（测试）', legalBasis: '测试用地方规则', steps: { check: { deadline: { workingDays: 3 } } } },
    });
    const homes = await Promise.all(['320685102290', '320685004001'].map((code) => su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>(`code = "${code}"`)));
    const subjects: string[] = [];
    for (const home of homes) {
      const made = await Promise.all(Array.from({ length: 60 }, (_, i) => su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: `规则户${i}`, village: home.id, township: home.township, county: home.county })));
      subjects.push(...made.map((m) => m.id));
    }
    const admin = await server.login('admin');
    let view = await post(admin, { workflow: 'household-recheck', commandId: randomUUID(), subjects });
    for (let i = 0; view.status !== 'done' && i < 10; i++) view = await su.send<RunView>(`/api/tongban/bulk-starts/${view.id}/resume`, { method: 'POST' });
    expect(view).toMatchObject({ status: 'done', started: 120, failed: 0 });
    const cases = await su.collection('applications').getFullList({ filter: `bulk_run = "${view.id}"`, fields: 'id,workflow,township' });
    const national = (await su.collection('workflow_definitions').getFirstListItem('key = "household-recheck" && division = ""')).id;
    for (const c of cases) expect({ township: c.township, workflow: c.workflow }).toEqual({ township: c.township, workflow: c.township === homes[1]!.township ? overlay.id : national });
    const due = async (township: string) => (await su.collection('tasks').getFullList({ filter: `application.bulk_run = "${view.id}" && township = "${township}"`, fields: 'due_at' })).map((t) => String(t.due_at)).sort();
    const [aDue, bDue] = [await due(homes[0]!.township), await due(homes[1]!.township)];
    expect([aDue.length, bDue.length]).toEqual([60, 60]);
    expect(bDue.at(-1)! < aDue[0]!).toBe(true);
    for (const c of cases) expect(await su.send<{ ok: boolean }>(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  }, 60_000);

  it('starts each case through the engine when the start draws on the county’s departments, and reports a row the engine refuses', async () => {
    // The county's 残联 checks each household: routed beside the chain, so no case is a copy of another.
    const dpfCheck = {
      key: 'dpf-recheck',
      version: 1,
      name: '残疾人两项补贴复核',
      initial: 'check',
      starters: [{ kind: 'officer', level: 'county', role: 'dibao_officer' }],
      subject: { kind: 'person' },
      steps: {
        check: { type: 'task', name: '残联复核', assignee: { department: 'disabled_persons_federation' }, actions: { confirm: { kind: 'approve', label: '复核完成', target: 'done' } } },
        done: { type: 'final', name: '完成', outcome: 'approved' },
      },
    };
    await su.collection('workflow_definitions').create({ key: dpfCheck.key, version: 1, status: 'published', name: dpfCheck.name, definition: dpfCheck });
    const a1 = await su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>('code = "320685102290"');
    const make = (name: string, home: Record<string, string>) => su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name, ...home });
    const locals = await Promise.all([1, 2, 3].map((i) => make(`残联户${i}`, { village: a1.id, township: a1.township, county: a1.county })));
    // A household of a county that has no 残联 in the directory: the engine cannot route its check.
    const elsewhere = await su.collection('org_units').create({ code: '320682', name: '如皋市（测试）', level: 'county' });
    const stranger = await make('外县户', { county: elsewhere.id });
    const view = await post(await server.login('admin'), { workflow: 'dpf-recheck', commandId: randomUUID(), subjects: [...locals.map((l) => l.id), stranger.id] });
    expect(view).toMatchObject({ status: 'done', started: 3, failed: 1, failures: [{ subject: stranger.id }] });
    expect(view.failures[0]!.reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(view.failures[0]!.reason).not.toMatch(/^启动失败/);
    const cases = await su.collection('applications').getFullList({ filter: `bulk_run = "${view.id}"`, fields: 'id' });
    expect(cases).toHaveLength(3);
    const dpf = await su.collection('org_units').getFirstListItem('kind = "disabled_persons_federation"');
    expect(await su.collection('tasks').getFullList({ filter: `application.bulk_run = "${view.id}"`, fields: 'assignee_unit' })).toEqual([0, 1, 2].map(() => expect.objectContaining({ assignee_unit: dpf.id })));
    for (const c of cases) expect(await su.send<{ ok: boolean }>(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
