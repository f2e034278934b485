import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, recountDeadlines, workingDaysLeft, type CaseClock, type WorkflowDefinition } from '../../../engine/index.js';
import { resumeClock, withDue } from '../../../engine/runtime/statutoryClock.js';
import { weekdayOf } from '../../../engine/calendar/chinaDate.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** 成立登记: 60 日 of complete materials from 受理, 补正 pausing the clock, extendable to 90 日. */
function registration(limit: WorkflowDefinition['limit'], parameters: WorkflowDefinition['parameters'] = {}): WorkflowDefinition {
  return {
    key: 'registration', version: 1, name: '成立登记', initial: 'accept', limit, parameters,
    steps: {
      accept: { type: 'task', name: '受理', assignee: { level: 'county' }, startsClock: true, actions: { accept: { kind: 'approve', label: '受理', target: 'review' } } },
      review: {
        type: 'task', name: '审查', assignee: { level: 'county' },
        actions: {
          approve: { kind: 'approve', label: '准予登记', target: 'done' },
          correct: { kind: 'approve', label: '一次性告知补正', target: 'correction' },
          extend: { kind: 'extend', label: '延长' },
        },
      },
      correction: { type: 'task', name: '补正材料', assignee: { level: 'applicant' }, pausesClock: true, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
      done: { type: 'final', name: '办结', outcome: 'approved' },
    },
  };
}

/** The end (24:00 China time) of a calendar date, as the clock stores it. */
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

describe('the overall limit in calendar days and months', () => {
  it('moves a 60-日 limit whose last day is a Sunday to the Monday after', () => {
    expect(weekdayOf('2026-08-02')).toBe(0);
    const c = new CaseDriver(registration({ days: 60 }), new Date('2026-06-03T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    // 06-03 + 60 日 = 08-02, a Sunday: the period ends at 24:00 of Monday 08-03 (民法典 第二百零三条).
    expect(c.snapshot.clock).toMatchObject({ limitDays: 60, pausedDays: 0, extended: false, dueAt: endOf('2026-08-03') });
    expect(c.snapshot.clock.limitWorkingDays).toBeUndefined();
  });

  it('extends it by the N calendar days a 补正 paused it, weekends included', () => {
    const c = new CaseDriver(registration({ days: 60 }), new Date('2026-06-01T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    expect(c.snapshot.clock.dueAt).toBe(endOf('2026-07-31'));
    c.advanceDays(9);
    c.ok(actors.county, 'correct');
    expect(c.snapshot.clock.pausedAt).toBeDefined();
    c.advanceDays(7);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.clock).toMatchObject({ pausedDays: 7, pausedWorkingDays: 5, dueAt: endOf('2026-08-07') });
  });

  it('counts a limit in months to the same day of the month, moved past a weekend', () => {
    const c = new CaseDriver(registration({ months: 2 }), new Date('2026-06-01T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    // 08-01 is a Saturday.
    expect(c.snapshot.clock).toMatchObject({ limitMonths: 2, dueAt: endOf('2026-08-03') });
  });

  it('reads the limit and the extended limit from parameters, in any unit', () => {
    const c = new CaseDriver(registration({ days: { param: 'limitDays' }, extended: { param: 'extendedLimit' } }, { limitDays: 60, extendedLimit: { days: 90 } }), new Date('2026-06-01T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    expect(c.snapshot.clock).toMatchObject({ limitDays: 60, dueAt: endOf('2026-07-31') });
    c.ok(actors.county, 'extend', { comment: '需要实地核查' });
    // 06-01 + 90 日 = 08-30, a Sunday: Monday 08-31.
    expect(c.snapshot.clock).toMatchObject({ limitDays: 90, extended: true, dueAt: endOf('2026-08-31') });
  });

  it('keeps { workingDays: 30, extendedWorkingDays: 45 } counting in working days, as before', () => {
    const c = new CaseDriver(registration({ workingDays: 30, extendedWorkingDays: 45 }), new Date('2026-06-01T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    expect(c.snapshot.clock).toEqual({ limitWorkingDays: 30, extended: false, pausedWorkingDays: 0, startedAt: c.now.toISOString(), dueAt: createWorkingCalendar().addWorkingDays(c.now, 30).toISOString() });
    c.ok(actors.county, 'extend', { comment: '需要实地核查' });
    expect(c.snapshot.clock).toMatchObject({ limitWorkingDays: 45, extended: true });
    expect(c.snapshot.clock.pausedDays).toBeUndefined();
  });

  it('reads a clock stored before other units existed and resumes it in working days', () => {
    const calendar = createWorkingCalendar();
    const stored = { startedAt: '2026-06-01T02:00:00.000Z', limitWorkingDays: 30, extended: false, pausedWorkingDays: 2, pausedAt: '2026-06-10T02:00:00.000Z', dueAt: '2026-07-15T16:00:00.000Z' } as CaseClock;
    const resumed = resumeClock(stored, new Date('2026-06-17T02:00:00.000Z'), calendar);
    expect(resumed).toEqual({ startedAt: stored.startedAt, limitWorkingDays: 30, extended: false, pausedWorkingDays: 7, dueAt: calendar.addWorkingDays(new Date(stored.startedAt!), 37).toISOString() });
    expect(workingDaysLeft(resumed, new Date('2026-06-17T02:00:00.000Z'), calendar)).toBe(37 - calendar.workingDaysBetween(new Date(stored.startedAt!), new Date('2026-06-17T02:00:00.000Z')));
  });

  it('is counted anew when the calendar changes: an override that makes the Monday a day off moves it to Tuesday', () => {
    const c = new CaseDriver(registration({ days: 60 }), new Date('2026-06-03T10:00:00+08:00'));
    c.ok(actors.county, 'accept');
    const changed = createWorkingCalendar([{ date: '2026-08-03', working: false }]);
    const recount = recountDeadlines(c.wf, c.snapshot, { tasks: {} }, c.now, changed, '调休')!;
    expect(recount.snapshot.clock.dueAt).toBe(endOf('2026-08-04'));
    expect(withDue(c.snapshot.clock, createWorkingCalendar()).dueAt).toBe(endOf('2026-08-03'));
    expect(workingDaysLeft(c.snapshot.clock, new Date('2026-07-31T10:00:00+08:00'), createWorkingCalendar())).toBe(1);
  });
});
