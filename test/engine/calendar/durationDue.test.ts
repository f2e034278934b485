import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkflowDefinition } from '../../../engine/index.js';
import { addCalendarMonths, durationDue } from '../../../engine/calendar/durationDue.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

const calendar = createWorkingCalendar();
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
/** The end (24:00 China time) of a China-time date, as an ISO instant. */
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
const due = (duration: Parameters<typeof durationDue>[0], start: string, parameters = {}, data = {}) => durationDue(duration, parameters, data, at(start), calendar)?.toISOString();

describe('durations by the civil code (民法典 第二百零一条至第二百零三条)', () => {
  it('ends a 7-day 公示 started on 2026-09-30 at 24:00 of 10-08, the first working day after 国庆, not 168 hours later', () => {
    // Counting starts 10-01; the 7th day, 10-07, is inside the holiday, so the last day moves to 10-08.
    expect(due({ days: 7 }, '2026-09-30')).toBe(endOf('2026-10-08'));
  });

  it('moves a 60-日 limit whose last day is a Sunday to the Monday', () => {
    expect(due({ days: 60 }, '2026-09-30')).toBe(endOf('2026-11-30')); // 11-29 is a Sunday
  });

  it('moves a 60-日 limit whose last day falls inside 国庆 past the holiday', () => {
    expect(due({ days: 60 }, '2026-08-04')).toBe(endOf('2026-10-08')); // the 60th day is 10-03
  });

  it('ends a period of days on an ordinary working day at 24:00 of that day', () => {
    expect(due({ days: 10 }, '2026-11-02')).toBe(endOf('2026-11-12'));
  });

  it('counts a month from 01-31 to the last day of February (a 调休 Saturday in 2026 is a working day)', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(due({ months: 1 }, '2026-01-31')).toBe(endOf('2026-02-28'));
    expect(due({ months: 1 }, '2028-01-31')).toBe(endOf('2028-02-29'));
  });

  it('ends a fixed yearly date 03-31 in the leap year 2028 on that day, and from April on 03-31 of the next year, moved off its Saturday', () => {
    expect(due({ date: '03-31' }, '2028-02-29')).toBe(endOf('2028-03-31'));
    expect(due({ date: '03-31' }, '2028-03-31')).toBe(endOf('2028-03-31'));
    expect(due({ date: '03-31' }, '2028-04-01')).toBe(endOf('2029-04-02')); // 2029-03-31 is a Saturday
    expect(due({ date: '02-29' }, '2027-01-10')).toBe(endOf('2027-03-01')); // no 02-29 in 2027: 02-28, a Sunday
  });

  it('counts N days after a form date (moved past 国庆) and N days before one (not moved)', () => {
    const data = { campaign: { startDate: '2026-09-21', launchDate: '2026-10-20' } };
    expect(due({ after: 10, of: '/campaign/startDate' }, '2026-09-01', {}, data)).toBe(endOf('2026-10-08'));
    expect(due({ before: 10, of: '/campaign/launchDate' }, '2026-09-01', {}, data)).toBe(endOf('2026-10-10'));
    expect(due({ before: 10, of: '/campaign/missing' }, '2026-09-01', {}, data)).toBeUndefined();
  });

  it('reads a parameterised duration and parameterised counts from the parameters', () => {
    const parameters = { notice: { days: 7 }, months: 2, legacy: 7, workingDays: 3 };
    expect(due({ param: 'notice' }, '2026-09-30', parameters)).toBe(endOf('2026-10-08'));
    expect(due({ param: 'legacy' }, '2026-09-30', parameters)).toBe(endOf('2026-10-08'));
    expect(due({ months: { param: 'months' } }, '2026-11-02', parameters)).toBe(endOf('2027-01-04')); // 01-02 is a Saturday
    expect(due({ workingDays: { param: 'workingDays' } }, '2026-09-30', parameters)).toBe(calendar.addWorkingDays(at('2026-09-30'), 3).toISOString());
    expect(due({ days: { param: 'absent' } }, '2026-09-30', parameters)).toBeUndefined();
  });
});

const notice: WorkflowDefinition = {
  key: 'notice-demo',
  version: 1,
  name: '公示演示',
  parameters: { noticeDays: 7 },
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
    review: {
      type: 'task', name: '审核', assignee: { level: 'township' }, deadline: { days: { param: 'noticeDays' } },
      actions: { approve: { kind: 'approve', label: '通过', target: 'publicNotice' } },
    },
    publicNotice: { type: 'timer', name: '公示', duration: { days: { param: 'noticeDays' } }, onElapsed: 'done' },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};

describe('durations in days at runtime', () => {
  it('gives a step deadline in days a due date (it used to be dropped) and schedules a 公示 timer at the end of 10-08', () => {
    const c = new CaseDriver(notice, at('2026-09-29'));
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.tasks[0]!.dueAt).toBe(endOf('2026-10-08')); // 7 days from 09-29: 10-06 is in 国庆
    c.advanceDays(1);
    c.ok(actors.township, 'approve');
    const scheduled = c.effects.find((e) => e.type === 'scheduleTimer');
    expect(scheduled).toMatchObject({ type: 'scheduleTimer', dueAt: endOf('2026-10-08') });
    c.now = new Date(endOf('2026-10-08'));
    expect(c.fireTimer().ok).toBe(true);
    expect(c.snapshot.status).toBe('done');
  });
});
