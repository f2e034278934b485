import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, recountDeadlines, workingDaysLeft, type Decision, type Effect, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/**
 * The host's `timers` rows, kept from the effects the engine asks for, so a test fires what is due
 * in order, as the sweep does (`deadline.remind` / `deadline.overdue` by key).
 */
class TimerTable {
  readonly rows = new Map<string, { dueAt: string; status: 'pending' | 'fired' | 'cancelled' }>();
  apply(effects: Effect[]): void {
    for (const e of effects) {
      if (e.type === 'scheduleTimer') this.rows.set(e.key, { dueAt: e.dueAt, status: 'pending' });
      if (e.type === 'cancelTimer' && this.rows.get(e.key)?.status === 'pending') this.rows.get(e.key)!.status = 'cancelled';
    }
  }
  pending(): string[] {
    return [...this.rows].filter(([, r]) => r.status === 'pending').sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt)).map(([k]) => k);
  }
  /** Fires every pending timer due at the driver's now, soonest first; answers the decisions. */
  sweep(c: CaseDriver): Decision[] {
    const out: Decision[] = [];
    for (const key of this.pending()) {
      const row = this.rows.get(key)!;
      if (Date.parse(row.dueAt) > c.now.getTime()) continue;
      row.status = 'fired';
      const action = key.startsWith('remind:') ? 'deadline.remind' : key.startsWith('overdue:') ? 'deadline.overdue' : 'timer.elapsed';
      const d = c.send(actors.system, action, { timerKey: key });
      if (d.ok) this.apply(d.effects);
      out.push(d);
    }
    return out;
  }
}

const at = (iso: string) => new Date(iso);

/** 申请 → 村级调查 (5 working days, a reminder 2 before, escalated when overdue) → 办结. */
const escalating: WorkflowDefinition = {
  key: 'deadline-escalate', version: 1, name: '逾期升级测试', initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'investigate' } } },
    investigate: {
      type: 'task', name: '入户调查', assignee: { level: 'village' }, deadline: { workingDays: 5 },
      remind: [{ before: { workingDays: 2 } }], onOverdue: { escalate: { deadline: { workingDays: 3 } } },
      actions: { approve: { kind: 'approve', label: '调查完毕', target: 'done' } },
    },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

describe('deadlines that act: a reminder, then escalation', () => {
  it('reminds the village before the deadline and moves the task to the township when it passes', () => {
    const c = new CaseDriver(escalating, at('2026-03-02T09:00:00+08:00'));
    const timers = new TimerTable();
    c.ok(actors.applicant, 'submit');
    timers.apply(c.effects);
    // Due at the end of Monday 03-09 (5 working days); the reminder at the end of Thursday 03-05 leaves Friday and Monday.
    expect(c.snapshot.tasks[0]).toMatchObject({ key: 'investigate#1', level: 'village', dueAt: '2026-03-09T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer')).toEqual([
      { type: 'scheduleTimer', key: 'remind:investigate#1:1', step: 'investigate', dueAt: '2026-03-05T16:00:00.000Z' },
      { type: 'scheduleTimer', key: 'overdue:investigate#1', step: 'investigate', dueAt: '2026-03-09T16:00:00.000Z' },
    ]);

    c.now = at('2026-03-06T08:00:00+08:00');
    const [reminder] = timers.sweep(c);
    expect(reminder).toMatchObject({ ok: true, event: { action: 'deadline.remind', kind: 'deadline', actor: 'system', note: '到期提醒（第 1 次）：2026-03-09 到期' } });
    expect(c.effects).toEqual([{ type: 'notify', to: 'village', message: '催办：案件“入户调查”步骤的任务将于 2026-03-09 到期，请尽快办理。' }]);
    expect(c.snapshot.tasks[0]!.key).toBe('investigate#1');

    c.now = at('2026-03-10T08:00:00+08:00');
    const [escalation] = timers.sweep(c);
    expect(escalation).toMatchObject({ ok: true, event: { action: 'deadline.overdue', kind: 'deadline', note: '逾期升级：村（居） → 乡镇（街道）' } });
    expect(c.snapshot.tasks).toEqual([{ key: 'investigate#1>township', step: 'investigate', level: 'township', assigneeUnit: 'ta', mode: 'single', dueAt: '2026-03-13T16:00:00.000Z' }]);
    expect(c.effects).toContainEqual({ type: 'closeTask', key: 'investigate#1', outcome: 'cancelled' });
    expect(c.effects).toContainEqual({ type: 'notify', to: 'village', message: '案件“入户调查”步骤的任务已逾期（2026-03-09 到期），已升级由乡镇（街道）办理。' });
    expect(c.effects).toContainEqual({ type: 'notify', to: 'township', message: '案件“入户调查”步骤的任务逾期未办（2026-03-09 到期），已升级由您单位办理，请尽快办理。' });
    // The escalated task gets its own timers (a reminder at the end of 03-11; next stop: the county), the old ones are spent.
    expect(timers.pending()).toEqual(['remind:investigate#1>township:1', 'overdue:investigate#1>township']);

    expect(c.send(actors.village, 'approve')).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    c.ok(actors.township, 'approve');
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'overdue:investigate#1>township' });
    timers.apply(c.effects);
    expect(timers.pending()).toEqual([]);
    expect(c.snapshot.status).toBe('done');
  });

  it('spends a timer whose task has closed, and refuses a deadline command from anyone but the system', () => {
    const c = new CaseDriver(escalating, at('2026-03-02T09:00:00+08:00'));
    c.ok(actors.applicant, 'submit');
    expect(c.send(actors.township, 'deadline.overdue', { timerKey: 'overdue:investigate#1' })).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    c.ok(actors.village, 'approve');
    expect(c.effects).toEqual(expect.arrayContaining([{ type: 'cancelTimer', key: 'remind:investigate#1:1' }, { type: 'cancelTimer', key: 'overdue:investigate#1' }]));
    expect(c.send(actors.system, 'deadline.remind', { timerKey: 'remind:investigate#1:1' })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
  });

  it('moves the reminder and the overdue timer with the task when the calendar recount moves its due date', () => {
    const c = new CaseDriver(escalating, at('2026-03-02T09:00:00+08:00'));
    c.ok(actors.applicant, 'submit');
    const arranged = createWorkingCalendar([{ date: '2026-03-04', working: false }]);
    const recount = recountDeadlines(c.wf, c.snapshot, { tasks: { 'investigate#1': c.now.toISOString() } }, c.now, arranged, '调休')!;
    expect(recount.effects).toEqual([
      { type: 'moveDeadline', target: 'task', key: 'investigate#1', dueAt: '2026-03-10T16:00:00.000Z' },
      { type: 'moveDeadline', target: 'timer', key: 'remind:investigate#1:1', dueAt: '2026-03-06T16:00:00.000Z' },
      { type: 'moveDeadline', target: 'timer', key: 'overdue:investigate#1', dueAt: '2026-03-10T16:00:00.000Z' },
    ]);
  });
});

describe('deadlines that act: reassignment', () => {
  it('gives an overdue task to the county, keeping the passed due date, with no timers left to fire', () => {
    const reassigning: WorkflowDefinition = {
      ...escalating,
      key: 'deadline-reassign',
      steps: { ...escalating.steps, investigate: { ...(escalating.steps.investigate as Extract<WorkflowDefinition['steps'][string], { type: 'task' }>), remind: [{ before: { days: 1 } }], onOverdue: { reassign: { level: 'county', role: 'dibao_officer' } } } },
    };
    const c = new CaseDriver(reassigning, at('2026-03-02T09:00:00+08:00'));
    const timers = new TimerTable();
    c.ok(actors.applicant, 'submit');
    timers.apply(c.effects);
    // One calendar day before the deadline ending with Monday 03-09: the end of Sunday 03-08.
    expect(c.effects).toContainEqual({ type: 'scheduleTimer', key: 'remind:investigate#1:1', step: 'investigate', dueAt: '2026-03-08T16:00:00.000Z' });
    c.now = at('2026-03-12T09:00:00+08:00');
    const decisions = timers.sweep(c);
    expect(decisions.map((d) => d.ok && d.event.note)).toEqual(['到期提醒（第 1 次）：2026-03-09 到期', '逾期改派：村（居） → 县级']);
    expect(c.snapshot.tasks).toEqual([{ key: 'investigate#1>county', step: 'investigate', level: 'county', assigneeUnit: 'c1', role: 'dibao_officer', mode: 'single', dueAt: '2026-03-09T16:00:00.000Z' }]);
    expect(timers.pending()).toEqual([]);
    c.ok(actors.county, 'approve');
    expect(c.snapshot.status).toBe('done');
  });
});

/** 受理 may ask for materials: 补齐 within 5 日, or the application is 视为撤回. */
const timeout: WorkflowDefinition = {
  key: 'deadline-timeout', version: 1, name: '逾期转入测试', initial: 'accept',
  limit: { workingDays: 30 },
  steps: {
    accept: {
      type: 'task', name: '受理', assignee: { level: 'township' }, startsClock: true,
      actions: { accept: { kind: 'approve', label: '受理', target: 'done' }, askMaterials: { kind: 'approve', label: '一次性告知补齐', target: 'supplement' } },
    },
    supplement: {
      type: 'task', name: '补齐材料', assignee: { level: 'applicant' }, deadline: { days: 5 }, pausesClock: true,
      onOverdue: { route: 'withdrawn' }, actions: { submit: { kind: 'submit', label: '提交补齐材料', target: 'accept' } },
    },
    withdrawn: { type: 'final', name: '视为撤回', outcome: 'withdrawn' },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

describe('deadlines that act: a timeout route', () => {
  it('ends the case as withdrawn when the materials are not in within 5 日', () => {
    const c = new CaseDriver(timeout, at('2026-03-02T09:00:00+08:00'));
    const timers = new TimerTable();
    c.ok(actors.township, 'askMaterials');
    timers.apply(c.effects);
    // 5 日 from Monday 03-02: the last day, Saturday 03-07, moves to Monday 03-09.
    expect(timers.pending()).toEqual(['overdue:supplement#1']);
    expect(c.snapshot.tasks[0]!.dueAt).toBe('2026-03-09T16:00:00.000Z');
    c.now = at('2026-03-09T20:00:00+08:00');
    expect(timers.sweep(c)).toEqual([]);
    c.now = at('2026-03-10T00:00:00+08:00');
    const [routed] = timers.sweep(c);
    expect(routed).toMatchObject({ ok: true, event: { action: 'deadline.overdue', kind: 'deadline', from: 'supplement', to: 'withdrawn', note: '逾期未办（2026-03-09 到期），转入“视为撤回”' } });
    expect(c.snapshot).toMatchObject({ step: 'withdrawn', status: 'done', outcome: 'withdrawn', tasks: [] });
    expect(c.snapshot.clock.pausedAt).toBeUndefined();
    expect(c.effects).toContainEqual({ type: 'closeTask', key: 'supplement#1', outcome: 'cancelled' });
  });

  it('does nothing when the materials came in first', () => {
    const c = new CaseDriver(timeout, at('2026-03-02T09:00:00+08:00'));
    c.ok(actors.township, 'askMaterials');
    c.ok(actors.applicant, 'submit');
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'overdue:supplement#1' });
    expect(c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:supplement#1' })).toMatchObject({ ok: false });
    expect(c.snapshot.step).toBe('accept');
  });
});

/** 调查 and 初审 within 15 working days together (a phase), 调查 alone within 10. */
const phased: WorkflowDefinition = {
  key: 'deadline-phase', version: 1, name: '阶段期限测试', initial: 'accept',
  phases: { inquiry: { name: '调查与初审', steps: ['investigate', 'review'], deadline: { workingDays: 15 }, remind: [{ before: { workingDays: 3 } }] } },
  steps: {
    accept: { type: 'task', name: '受理', assignee: { level: 'township' }, actions: { accept: { kind: 'approve', label: '受理', target: 'investigate' } } },
    investigate: { type: 'task', name: '调查', assignee: { level: 'village' }, deadline: { workingDays: 10 }, actions: { done: { kind: 'approve', label: '调查完毕', target: 'review' } } },
    review: { type: 'task', name: '初审', assignee: { level: 'township' }, actions: { pass: { kind: 'approve', label: '初审通过', target: 'approve' }, back: { kind: 'return', label: '退回调查', returnTo: ['investigate'] } } },
    approve: { type: 'task', name: '审批', assignee: { level: 'county' }, deadline: { workingDays: 10 }, actions: { approve: { kind: 'approve', label: '批准', target: 'done' } } },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

describe('deadlines that act: a phase over two steps', () => {
  it('starts on entering its first step, bounds both steps’ tasks by one due date and ends when the case leaves it', () => {
    const c = new CaseDriver(phased, at('2026-03-02T09:00:00+08:00'));
    const calendar = createWorkingCalendar();
    c.ok(actors.township, 'accept');
    const phaseDue = calendar.addWorkingDays(c.now, 15).toISOString();
    expect(c.snapshot.phase).toEqual({ key: 'inquiry', startedAt: c.now.toISOString(), dueAt: phaseDue });
    // 调查's own 10 working days come first.
    expect(c.snapshot.tasks[0]!.dueAt).toBe(calendar.addWorkingDays(c.now, 10).toISOString());

    c.advanceDays(7);
    c.ok(actors.village, 'done');
    // 初审 has no deadline of its own: the phase's (counted from 受理, not from entering 初审).
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'review', dueAt: phaseDue });
    expect(c.effects).toContainEqual({ type: 'scheduleTimer', key: 'remind:review#1:1', step: 'review', dueAt: '2026-03-18T16:00:00.000Z' });
    expect(c.snapshot.phase?.startedAt).toBe('2026-03-02T01:00:00.000Z');

    // A return inside the phase keeps its clock.
    c.ok(actors.township, 'back', { comment: '补充调查' });
    expect(c.snapshot.phase?.dueAt).toBe(phaseDue);
    expect(c.snapshot.tasks[0]!.dueAt).toBe(phaseDue);
    c.ok(actors.village, 'done');
    c.ok(actors.township, 'pass');
    expect(c.snapshot.phase).toBeUndefined();
    expect(c.snapshot.tasks[0]!.dueAt).toBe(calendar.addWorkingDays(c.now, 10).toISOString());
  });
});

describe('deadlines that act: a phase whose time runs out', () => {
  it('routes the case out of the phase from whichever of its steps the case is in', () => {
    const timedOut: WorkflowDefinition = {
      ...phased,
      key: 'deadline-phase-route',
      phases: { inquiry: { name: '调查与初审', steps: ['investigate', 'review'], deadline: { workingDays: 3 }, onOverdue: { route: 'lapsed' } } },
      steps: { ...phased.steps, investigate: { ...(phased.steps.investigate as Extract<WorkflowDefinition['steps'][string], { type: 'task' }>), deadline: { workingDays: 2 } }, lapsed: { type: 'final', name: '逾期终止', outcome: 'terminated' } },
    };
    const c = new CaseDriver(timedOut, at('2026-03-02T09:00:00+08:00'));
    const timers = new TimerTable();
    c.ok(actors.township, 'accept');
    timers.apply(c.effects);
    c.ok(actors.village, 'done');
    timers.apply(c.effects);
    // 调查's own timer went with its task; 初审's task is due with the phase, at the end of Thursday 03-05.
    expect(timers.pending()).toEqual(['overdue:review#1']);
    expect(c.snapshot.tasks[0]!.dueAt).toBe('2026-03-05T16:00:00.000Z');
    c.now = at('2026-03-06T09:00:00+08:00');
    expect(timers.sweep(c)[0]).toMatchObject({ ok: true, event: { from: 'review', to: 'lapsed', kind: 'deadline' } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'terminated' });
    expect(c.snapshot.phase).toBeUndefined();
  });
});

/** 审批 then 送达 within 3 working days, outside the statutory limit. */
const delivering: WorkflowDefinition = {
  key: 'deadline-deliver', version: 1, name: '送达测试', initial: 'accept',
  limit: { workingDays: 10 },
  steps: {
    accept: { type: 'task', name: '受理', assignee: { level: 'township' }, startsClock: true, deadline: { workingDays: 2 }, actions: { accept: { kind: 'approve', label: '受理', target: 'decide' } } },
    decide: { type: 'task', name: '审批', assignee: { level: 'county' }, deadline: { workingDays: 8 }, actions: { approve: { kind: 'approve', label: '批准', target: 'deliver' } } },
    deliver: { type: 'task', name: '送达', assignee: { level: 'township' }, stopsClock: true, deadline: { workingDays: 3 }, actions: { delivered: { kind: 'approve', label: '已送达', target: 'done' } } },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

describe('deadlines that act: 送达 after the decision, outside the statutory limit', () => {
  it('stops the statutory clock on entering 送达 and keeps its own 3 working days', () => {
    const c = new CaseDriver(delivering, at('2026-03-02T09:00:00+08:00'));
    const calendar = createWorkingCalendar();
    c.ok(actors.township, 'accept');
    const limitDue = c.snapshot.clock.dueAt;
    c.advanceDays(3);
    c.ok(actors.county, 'approve');
    expect(c.snapshot.clock).toMatchObject({ stoppedAt: c.now.toISOString(), dueAt: limitDue });
    expect(c.snapshot.tasks[0]!.dueAt).toBe(calendar.addWorkingDays(c.now, 3).toISOString());
    const left = workingDaysLeft(c.snapshot.clock, c.now, calendar);
    // Weeks later the statutory count has not moved: 送达 does not count against the limit.
    expect(workingDaysLeft(c.snapshot.clock, new Date(c.now.getTime() + 30 * 86_400_000), calendar)).toBe(left);
    c.ok(actors.township, 'delivered');
    expect(c.snapshot.status).toBe('done');
  });
});
