import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, recountDeadlines, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** Accepted at the township (the statutory clock starts), then a wait of 5 working days. */
const definition: WorkflowDefinition = {
  key: 'recount', version: 1, name: '期限重算测试', initial: 'accept',
  limit: { workingDays: 30, extendedWorkingDays: 45 },
  steps: {
    accept: { type: 'task', name: '受理', assignee: { level: 'township' }, startsClock: true, deadline: { workingDays: 3 }, actions: { accept: { kind: 'approve', label: '受理', target: 'wait' } } },
    wait: { type: 'timer', name: '等待', duration: { workingDays: 5 }, onElapsed: [{ target: 'done' }] },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

/** The 2027 notice: 12-31 and the 春节 bridge days off. */
const arranged = createWorkingCalendar([
  { date: '2026-12-31', working: false },
  { date: '2027-02-09', working: false },
  { date: '2027-02-10', working: false },
]);
const comment = '已录入 2027 年国务院放假安排';

describe('recountDeadlines', () => {
  it('moves an open task’s deadline counted from when it opened, and leaves one whose start is unknown', () => {
    const c = new CaseDriver(definition, new Date('2026-12-29T10:00:00+08:00'));
    const openedAt = c.now.toISOString();
    const task = c.snapshot.tasks[0]!;
    // Dec 30, Dec 31, (Jan 1 元旦) Jan 4: the task falls due at the end of 01-04, after the recount of 01-05.
    expect(task.dueAt).toBe('2027-01-04T16:00:00.000Z');
    const recount = recountDeadlines(c.wf, c.snapshot, { tasks: { [task.key]: openedAt } }, new Date('2026-12-30T09:00:00+08:00'), arranged, comment)!;
    expect(recount.snapshot.tasks[0]!.dueAt).toBe('2027-01-05T16:00:00.000Z');
    expect(recount.effects).toEqual([{ type: 'moveDeadline', target: 'task', key: task.key, dueAt: '2027-01-05T16:00:00.000Z' }]);
    expect(recount.snapshot.version).toBe(c.snapshot.version + 1);
    expect(recount.event).toMatchObject({ action: 'calendar.recount', kind: 'calendar', from: 'accept', to: 'accept', actor: 'system', comment });
    expect(recountDeadlines(c.wf, c.snapshot, { tasks: {} }, c.now, arranged, comment)).toBeUndefined();
  });

  it('moves the statutory clock and a working-day timer, and nothing when the calendar changes nothing', () => {
    const c = new CaseDriver(definition, new Date('2026-12-29T10:00:00+08:00'));
    c.ok(actors.township, 'accept');
    const timer = c.effects.find((e) => e.type === 'scheduleTimer')!;
    expect(timer).toMatchObject({ dueAt: '2027-01-06T16:00:00.000Z' });
    const starts = { tasks: {}, timer: { key: c.pendingTimerKey()!, startedAt: c.now.toISOString(), dueAt: timer.type === 'scheduleTimer' ? timer.dueAt : '' } };
    const recount = recountDeadlines(c.wf, c.snapshot, starts, c.now, arranged, comment)!;
    expect(recount.effects).toEqual([{ type: 'moveDeadline', target: 'timer', key: 'wait#1', dueAt: '2027-01-07T16:00:00.000Z' }]);
    expect(new Date(recount.snapshot.clock.dueAt!).getTime()).toBeGreaterThan(new Date(c.snapshot.clock.dueAt!).getTime());
    expect(recountDeadlines(c.wf, c.snapshot, starts, c.now, createWorkingCalendar(), comment)).toBeUndefined();
  });
});
