import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { command, failure, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

/** 申请 → 入户调查 (village, 5 working days, a reminder 2 before, escalated when overdue) → 乡镇审核 (2 working days) → 办结. */
const definition: WorkflowDefinition = {
  key: 'deadline-acts', version: 1, name: '期限催办测试', initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'investigate' } } },
    investigate: {
      type: 'task', name: '入户调查', assignee: { level: 'village' }, deadline: { workingDays: 5 },
      remind: [{ before: { workingDays: 2 } }], onOverdue: { escalate: { deadline: { workingDays: 3 } } },
      actions: { approve: { kind: 'approve', label: '调查完毕', target: 'review' } },
    },
    review: { type: 'task', name: '乡镇审核', assignee: { level: 'township' }, deadline: { workingDays: 2 }, actions: { approve: { kind: 'approve', label: '审核通过', target: 'done' } } },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

/** 补齐材料 within 5 日, or the application is 视为撤回 (the case's first step: its timer is set when the case opens). */
const timeout: WorkflowDefinition = {
  key: 'deadline-timeout', version: 1, name: '补齐超时测试', initial: 'supplement',
  steps: {
    supplement: { type: 'task', name: '补齐材料', assignee: { level: 'applicant' }, deadline: { days: 5 }, onOverdue: { route: 'withdrawn' }, actions: { submit: { kind: 'submit', label: '提交', target: 'done' } } },
    withdrawn: { type: 'final', name: '视为撤回', outcome: 'withdrawn' },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

interface Counts { open: number; dueSoon: number; overdue: number }
interface DeadlineStats { now: string; soonWorkingDays: number; total: Counts; steps: (Counts & { process: string; step: string; stepName: string })[] }

const china = (local: string) => new Date(`${local}+08:00`);

describe('deadlines that act through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let escalating: CaseSummary;
  let lingering: CaseSummary;
  let lapsing: CaseSummary;
  const stats = async (pb: PocketBase) => pb.send<DeadlineStats>('/api/tongban/stats/deadlines', {});
  const timeline = async (id: string) => su.collection('events').getFullList({ filter: `application = "${id}"`, sort: 'seq' });

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
    for (const d of [definition, timeout]) await su.collection('workflow_definitions').create({ key: d.key, version: 1, status: 'published', name: d.name, definition: d });
    const applicant = await server.login('applicant-a1');
    lapsing = (await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: timeout.key, commandId: randomUUID() } })).case;
    const open = async () => (await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID() } })).case;
    escalating = (await command(applicant, await open(), 'submit')).case;
    lingering = (await command(applicant, await open(), 'submit')).case;
    lingering = (await command(await server.login('village-a1'), lingering, 'approve')).case;
  });
  afterAll(() => server?.dispose());

  it('schedules a durable reminder and an overdue timer for the village’s task when it opens', async () => {
    const timers = await su.collection('timers').getFullList({ filter: `application = "${escalating.id}"`, sort: 'due_at' });
    expect(timers.map((t) => [t.key, t.status, new Date(t.due_at.replace(' ', 'T')).toISOString()])).toEqual([
      ['remind:investigate#1:1', 'pending', '2026-03-05T16:00:00.000Z'],
      ['overdue:investigate#1', 'pending', '2026-03-09T16:00:00.000Z'],
    ]);
    // A first step's deadline acts from the moment the case opens: 5 日 from Monday 03-02, the last day (Saturday 03-07) moved to Monday.
    const opened = await su.collection('timers').getFullList({ filter: `application = "${lapsing.id}"` });
    expect(opened.map((t) => [t.key, t.status, new Date(t.due_at.replace(' ', 'T')).toISOString()])).toEqual([['overdue:supplement#1', 'pending', '2026-03-09T16:00:00.000Z']]);
  });

  it('counts open and soon-due tasks per process and step for the township’s dashboard', async () => {
    const answer = await stats(await server.login('township-a'));
    expect(answer).toMatchObject({ soonWorkingDays: 2, total: { open: 3, dueSoon: 1, overdue: 0 } });
    expect(answer.steps).toEqual([
      { process: definition.key, step: 'investigate', stepName: '入户调查', open: 1, dueSoon: 0, overdue: 0 },
      { process: definition.key, step: 'review', stepName: '乡镇审核', open: 1, dueSoon: 1, overdue: 0 },
      { process: timeout.key, step: 'supplement', stepName: '补齐材料', open: 1, dueSoon: 0, overdue: 0 },
    ]);
    expect((await failure(stats(await server.login('applicant-a1')))).status).toBe(403);
    expect((await failure((await server.login('township-a')).send('/api/tongban/stats/deadlines', { query: { soonWorkingDays: 'x' } }))).body).toMatchObject({ status: 400, errors: [{ path: '/soonWorkingDays' }] });
    // Another township's officers count nothing of these cases.
    expect((await stats(await server.login('township-b'))).total).toEqual({ open: 0, dueSoon: 0, overdue: 0 });
  });

  it('fires the reminder and the escalation exactly once when both fell due while the server was down', async () => {
    // The server comes back a day after the deadline: the reminder (03-05) and the deadline (03-09) passed while it was down.
    await server.setClock(china('2026-03-10T09:00:00'));
    await server.stop();
    await server.restart();
    su = await server.superuser();
    // Whatever fired them (the start-up sweep or this one), a second sweep finds nothing left.
    await server.sweep();
    expect(await server.sweep()).toBe(0);

    const events = await timeline(escalating.id);
    const acted = events.filter((e) => e.action.startsWith('deadline.'));
    expect(acted.map((e) => [e.action, e.kind, e.note, e.actor_name])).toEqual([
      ['deadline.remind', 'deadline', '到期提醒（第 1 次）：2026-03-09 到期', expect.any(String)],
      ['deadline.overdue', 'deadline', '逾期升级：村（居） → 乡镇（街道）', expect.any(String)],
    ]);
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${escalating.id}"`, sort: 'created' });
    expect(tasks.map((t) => [t.key, t.level, t.status])).toEqual([
      ['apply#1', 'applicant', 'done'],
      ['investigate#1', 'village', 'cancelled'],
      ['investigate#1>township', 'township', 'open'],
    ]);
    const notices = (await su.collection('outbox').getFullList({ filter: `application = "${escalating.id}" && parent = ""`, sort: 'created' })).map((o) => [o.recipient, o.message]);
    expect(notices).toEqual([
      ['village', '催办：案件“入户调查”步骤的任务将于 2026-03-09 到期，请尽快办理。'],
      ['village', '案件“入户调查”步骤的任务已逾期（2026-03-09 到期），已升级由乡镇（街道）办理。'],
      ['township', '案件“入户调查”步骤的任务逾期未办（2026-03-09 到期），已升级由您单位办理，请尽快办理。'],
    ]);
    expect(await su.send(`/api/tongban/cases/${escalating.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('routes the case whose materials never came in to 视为撤回, once, and it replays exactly', async () => {
    const record = await su.collection('applications').getOne(lapsing.id);
    expect(record).toMatchObject({ status: 'done', outcome: 'withdrawn', step: 'withdrawn' });
    const acted = (await timeline(lapsing.id)).filter((e) => e.action.startsWith('deadline.'));
    expect(acted.map((e) => [e.action, e.from_step, e.to_step, e.note])).toEqual([['deadline.overdue', 'supplement', 'withdrawn', '逾期未办（2026-03-09 到期），转入“视为撤回”']]);
    expect(await su.send(`/api/tongban/cases/${lapsing.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('marks the overdue task in the township’s queue and counts it', async () => {
    const township = await server.login('township-a');
    const queue = await township.collection('tasks').getFullList({ filter: 'status = "open"', sort: 'due_at' });
    expect(queue.map((t) => [t.step, t.overdue])).toEqual([['review', true], ['investigate', false]]);
    const answer = await stats(township);
    expect(answer.total).toEqual({ open: 2, dueSoon: 0, overdue: 1 });
    expect(answer.steps.find((s) => s.step === 'review')).toMatchObject({ open: 1, overdue: 1 });
  });

  it('lets the township finish the escalated task; its pending timers are cancelled', async () => {
    const township = await server.login('township-a');
    const seen = (await township.send<{ case: CaseSummary & { timers: unknown[] } }>(`/api/tongban/cases/${escalating.id}`, {})).case;
    // The deadline's timers are not waits of the case: the summary lists none (its task carries its due date).
    expect(seen.timers).toEqual([]);
    expect((await failure(command(await server.login('village-a1'), seen, 'approve'))).status).toBe(403);
    const approved = await command(township, seen, 'approve');
    expect(approved.case.step).toBe('review');
    const pending = await su.collection('timers').getFullList({ filter: `application = "${escalating.id}" && status = "pending"` });
    expect(pending.map((t) => t.key)).toEqual([]);
    expect(await su.send(`/api/tongban/cases/${escalating.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('moves a task’s reminder and overdue timer when the year’s holiday arrangement moves its due date', async () => {
    await server.setClock(china('2026-12-28T10:00:00'));
    const applicant = await server.login('applicant-a1');
    const opened = (await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID() } })).case;
    const submitted = (await command(applicant, opened, 'submit')).case;
    const timersOf = async () => (await su.collection('timers').getFullList({ filter: `application = "${submitted.id}" && status = "pending"`, sort: 'due_at' })).map((t) => [t.key, new Date(t.due_at.replace(' ', 'T')).toISOString()]);
    // 12-29, 12-30, 12-31, (元旦 01-01, a weekend) 01-04, 01-05; the reminder leaves 01-04 and 01-05.
    expect(await timersOf()).toEqual([['remind:investigate#1:1', '2026-12-31T16:00:00.000Z'], ['overdue:investigate#1', '2027-01-05T16:00:00.000Z']]);
    const admin = await server.login('admin');
    await admin.send('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: { year: 2027, holidays: ['2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], note: '元旦放假安排' } });
    // 12-31 off as well: the task falls due a working day later, and so do its reminder and overdue timer.
    expect(await timersOf()).toEqual([['remind:investigate#1:1', '2027-01-04T16:00:00.000Z'], ['overdue:investigate#1', '2027-01-06T16:00:00.000Z']]);
    const task = await su.collection('tasks').getFirstListItem(`application = "${submitted.id}" && status = "open"`);
    expect(new Date(task.due_at.replace(' ', 'T')).toISOString()).toBe('2027-01-06T16:00:00.000Z');
    expect(await su.send(`/api/tongban/cases/${submitted.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
