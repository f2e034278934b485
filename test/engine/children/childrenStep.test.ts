import { describe, expect, it } from 'vitest';
import { childSettledAction, createWorkingCalendar, recountDeadlines, type ChildOutcome, type ChildrenStep, type Effect, type JsonValue, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** A household review: the applicant lists the members, one assessment per member is started, the review waits for them. */
function review(wait: ChildrenStep['wait'], extra: Partial<ChildrenStep> = {}): WorkflowDefinition {
  return {
    key: 'household-review', version: 1, name: '家庭复核', initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'assess', writes: ['household'] } } },
      assess: {
        type: 'children', name: '入户评估',
        start: [{ workflow: 'member-assessment', forEach: '/household/members', pass: { '/address': '/household/address' }, passItem: { '/member': '' } }],
        wait,
        onSettled: [{ when: { children: 'assess', outcome: 'rejected', count: 'any' }, target: 'refused' }, { target: 'approved' }],
        ...extra,
      },
      late: { type: 'task', name: '逾期处理', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '结案', target: 'approved' } } },
      approved: { type: 'final', name: '通过', outcome: 'approved' },
      refused: { type: 'final', name: '不通过', outcome: 'rejected' },
    },
  };
}

const household = (n: number): Record<string, JsonValue> => ({ household: { address: '一号院', members: Array.from({ length: n }, (_, i) => ({ name: `成员${i + 1}` })) } });

/** A review submitted with `n` members: the parent waits in `assess`. */
function waiting(wait: ChildrenStep['wait'], n: number, extra: Partial<ChildrenStep> = {}): CaseDriver {
  const c = new CaseDriver(review(wait, extra));
  c.ok(actors.applicant, 'submit', { data: household(n) });
  return c;
}

const childEnds = (c: CaseDriver, id: string, outcome: ChildOutcome, wait = 'assess#1') => c.send(actors.system, childSettledAction, { child: { case: id, wait, outcome } });

describe('a children step starts child cases and waits for them', () => {
  it('starts one child per household member, with the parent’s address and the member passed on, and waits', () => {
    const c = waiting('all', 2);
    expect(c.snapshot.step).toBe('assess');
    const started = c.effects.filter((e): e is Extract<Effect, { type: 'startChildCase' }> => e.type === 'startChildCase');
    expect(started).toEqual([
      { type: 'startChildCase', workflow: 'member-assessment', wait: 'assess#1', data: { '/address': '一号院', '/member': { name: '成员1' } } },
      { type: 'startChildCase', workflow: 'member-assessment', wait: 'assess#1', data: { '/address': '一号院', '/member': { name: '成员2' } } },
    ]);
    expect(c.snapshot.children).toEqual({ assess: { key: 'assess#1', started: 2, needed: 2, ended: {} } });
    expect(c.snapshot.tasks).toEqual([]);
  });

  it('waiting for all: stays after the first child ends and moves on when the last one does', () => {
    const c = waiting('all', 2);
    const first = childEnds(c, 'child-1', 'approved');
    expect(first.ok && first.snapshot.step).toBe('assess');
    expect(first.ok && first.event).toMatchObject({ action: childSettledAction, kind: 'children', from: 'assess', to: 'assess', note: '子案件办结（1/2）' });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot).toMatchObject({ step: 'approved', status: 'done', outcome: 'approved' });
    expect(c.snapshot.children?.assess).toMatchObject({ result: 'settled', ended: { 'child-1': 'approved', 'child-2': 'approved' } });
  });

  it('routes on the children’s outcomes: one rejected member sends the review to refusal', () => {
    const c = waiting('all', 2);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'rejected' } });
    expect(c.snapshot).toMatchObject({ step: 'refused', outcome: 'rejected' });
  });

  it('waiting for any: the first child to end moves the parent on', () => {
    const c = waiting('any', 3);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot.step).toBe('approved');
  });

  it('waiting for a count: two of three', () => {
    const c = waiting({ count: 2 }, 3);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot.step).toBe('assess');
    c.ok(actors.system, childSettledAction, { child: { case: 'child-3', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot.step).toBe('approved');
  });

  it('a count larger than the members listed waits for every child started', () => {
    const c = waiting({ count: 5 }, 2);
    expect(c.snapshot.children?.assess?.needed).toBe(2);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot.step).toBe('approved');
  });

  it('ignores a late child: once the parent moved on, its signal is stale and changes nothing', () => {
    const c = waiting('any', 2);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    const before = c.snapshot;
    const late = childEnds(c, 'child-2', 'rejected');
    expect(late.ok ? 'accepted' : late.rejection.code).toBe('not_allowed');
    expect(c.snapshot).toBe(before);
  });

  it('refuses a signal of another visit, a child counted twice, and a signal from anyone but the system', () => {
    const c = waiting('all', 2);
    expect(childEnds(c, 'child-1', 'approved', 'assess#2').ok).toBe(false);
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    const twice = childEnds(c, 'child-1', 'approved');
    expect(twice.ok ? 'accepted' : twice.rejection.code).toBe('not_allowed');
    const byOfficer = c.send(actors.county, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'approved' } });
    expect(byOfficer.ok ? 'accepted' : byOfficer.rejection.code).toBe('not_your_task');
    expect(c.snapshot.step).toBe('assess');
  });

  it('a withdrawn child counts as ended by default, and is left out of the wait when the step excludes it', () => {
    const counted = waiting('all', 2);
    counted.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'withdrawn' } });
    counted.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'approved' } });
    expect(counted.snapshot.step).toBe('approved');

    const excluded = waiting({ count: 2 }, 3, { withdrawn: 'excluded' });
    excluded.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'withdrawn' } });
    excluded.ok(actors.system, childSettledAction, { child: { case: 'child-2', wait: 'assess#1', outcome: 'withdrawn' } });
    // Two of three withdrawn and excluded: the one left is all the wait can still count.
    expect(excluded.snapshot.step).toBe('assess');
    excluded.ok(actors.system, childSettledAction, { child: { case: 'child-3', wait: 'assess#1', outcome: 'approved' } });
    expect(excluded.snapshot.step).toBe('approved');
    expect(excluded.snapshot.children?.assess).toMatchObject({ excluded: ['child-1', 'child-2'], ended: { 'child-3': 'approved' } });
  });

  it('with a deadline: the wait times out to its own target, and children ending afterwards are stale', () => {
    const c = waiting('all', 2, { deadline: { workingDays: 10 }, onTimeout: 'late' });
    const timer = c.effects.find((e) => e.type === 'scheduleTimer');
    // 2026-03-02 (Monday) + 10 working days: Monday 2026-03-16, at its end.
    expect(timer).toMatchObject({ type: 'scheduleTimer', key: 'assess#1', step: 'assess' });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    c.advanceDays(15);
    c.ok(actors.system, 'timer.elapsed', { timerKey: 'assess#1' });
    expect(c.snapshot.step).toBe('late');
    expect(c.snapshot.children?.assess?.result).toBe('timedOut');
    expect(childEnds(c, 'child-2', 'approved').ok).toBe(false);
  });

  it('a children step’s working-day deadline is counted anew when the holiday arrangement changes', () => {
    const c = new CaseDriver(review('all', { deadline: { workingDays: 5 }, onTimeout: 'late' }), new Date('2026-12-29T10:00:00+08:00'));
    c.ok(actors.applicant, 'submit', { data: household(1) });
    const timer = c.effects.find((e): e is Extract<Effect, { type: 'scheduleTimer' }> => e.type === 'scheduleTimer')!;
    expect(timer.dueAt).toBe('2027-01-06T16:00:00.000Z');
    const arranged = createWorkingCalendar([{ date: '2026-12-31', working: false }]);
    const recount = recountDeadlines(c.wf, c.snapshot, { tasks: {}, timer: { key: 'assess#1', startedAt: c.now.toISOString(), dueAt: timer.dueAt } }, c.now, arranged, '已录入放假安排');
    expect(recount?.effects).toEqual([{ type: 'moveDeadline', target: 'timer', key: 'assess#1', dueAt: '2027-01-07T16:00:00.000Z' }]);
  });

  it('settling before the deadline cancels the deadline’s timer', () => {
    const c = waiting('any', 1, { deadline: { days: 30 }, onTimeout: 'late' });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'assess#1' });
  });

  it('refuses to submit a household without members: there would be no child to wait for', () => {
    const c = new CaseDriver(review('all'));
    const refused = c.send(actors.applicant, 'submit', { data: household(0) });
    expect(refused.ok ? 'accepted' : refused.rejection).toMatchObject({ code: 'invalid_data', path: '/data/household/members' });
    expect(c.snapshot.step).toBe('apply');
  });

  it('a later step can route on the children: none rejected', () => {
    const def = review('all');
    def.steps.approved = { type: 'choice', name: '复核', target: [{ when: { children: 'assess', outcome: 'rejected', count: 'none' }, target: 'done' }, { target: 'refused' }] };
    def.steps.done = { type: 'final', name: '通过', outcome: 'approved' };
    const c = new CaseDriver(def);
    c.ok(actors.applicant, 'submit', { data: household(1) });
    c.ok(actors.system, childSettledAction, { child: { case: 'child-1', wait: 'assess#1', outcome: 'approved' } });
    expect(c.snapshot.step).toBe('done');
  });
});
