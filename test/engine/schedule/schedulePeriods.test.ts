import { describe, expect, it } from 'vitest';
import { isValidStartOn, periodByKey, periodOf, scheduleDue, startInstantOf } from '../../../engine/index.js';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

describe('the period a moment falls in, in China time', () => {
  it('a moment late on 12月31日 UTC is already in the next year in China', () => {
    expect(periodOf('year', new Date('2026-12-31T16:30:00Z')).key).toBe('2027');
    expect(periodOf('year', new Date('2026-12-31T15:59:59Z')).key).toBe('2026');
  });

  it('the half-year boundary: 6月30日 is in H1, 7月1日 00:00 China time in H2', () => {
    expect(periodOf('halfYear', china('2026-06-30T23:59:59')).key).toBe('2026-H1');
    const h2 = periodOf('halfYear', china('2026-07-01T00:00:00'));
    expect(h2).toMatchObject({ key: '2026-H2', firstDay: '2026-07-01', lastDay: '2026-12-31' });
  });

  it('quarters and months have their own keys and last days (February of a leap year has 29)', () => {
    expect(periodOf('quarter', china('2028-02-15T12:00:00'))).toMatchObject({ key: '2028-Q1', firstDay: '2028-01-01', lastDay: '2028-03-31' });
    expect(periodOf('month', china('2028-02-15T12:00:00'))).toMatchObject({ key: '2028-02', lastDay: '2028-02-29' });
    expect(periodOf('month', china('2027-02-15T12:00:00')).lastDay).toBe('2027-02-28');
  });

  it('a key reads back only as a period of its own kind', () => {
    expect(periodByKey('quarter', '2026-Q3')?.firstDay).toBe('2026-07-01');
    expect(periodByKey('year', '2026-Q3')).toBeUndefined();
    expect(periodByKey('month', '2026-13')).toBeUndefined();
  });
});

describe('the day a period starts', () => {
  it('03-31 of a leap year starts at 00:00 China time on 2028-03-31', () => {
    const start = startInstantOf(periodOf('year', china('2028-06-01T00:00:00')), '03-31');
    expect(start.toISOString()).toBe('2028-03-30T16:00:00.000Z');
  });

  it('MM of a half-year or quarter is the month within the period', () => {
    expect(startInstantOf(periodOf('halfYear', china('2026-09-01T00:00:00')), '02-15').toISOString()).toBe(china('2026-08-15T00:00:00').toISOString());
    expect(startInstantOf(periodOf('quarter', china('2026-11-20T00:00:00')), '01-10').toISOString()).toBe(china('2026-10-10T00:00:00').toISOString());
  });

  it('accepts only days every period has', () => {
    expect(isValidStartOn('year', '03-31')).toBe(true);
    expect(isValidStartOn('year', '02-29')).toBe(false);
    expect(isValidStartOn('year', '04-31')).toBe(false);
    expect(isValidStartOn('halfYear', '02-29')).toBe(false);
    expect(isValidStartOn('halfYear', '06-30')).toBe(true);
    expect(isValidStartOn('halfYear', '07-01')).toBe(false);
    expect(isValidStartOn('quarter', '03-31')).toBe(false); // June has 30 days
    expect(isValidStartOn('quarter', '03-30')).toBe(true);
    expect(isValidStartOn('month', '01-29')).toBe(false);
    expect(isValidStartOn('month', '01-28')).toBe(true);
    expect(isValidStartOn('month', '1-05')).toBe(false);
  });
});

describe('what a sweep owes a schedule', () => {
  it('nothing before the start day of the first period; the current period once it has come', () => {
    const before = scheduleDue('year', '03-31', china('2028-03-30T23:59:00'), undefined);
    expect(before.run).toBeUndefined();
    expect(before.next.period.key).toBe('2028');
    expect(before.next.at.toISOString()).toBe(china('2028-03-31T00:00:00').toISOString());
    const on = scheduleDue('year', '03-31', china('2028-03-31T00:00:00'), undefined);
    expect(on.run?.key).toBe('2028');
    expect(on.missed).toEqual([]);
    expect(on.next.period.key).toBe('2029');
  });

  it('a period that has run is not owed again; the next one is', () => {
    const after = scheduleDue('year', '03-31', china('2028-11-01T00:00:00'), '2028');
    expect(after.run).toBeUndefined();
    expect(after.next.at.toISOString()).toBe(china('2029-03-31T00:00:00').toISOString());
    expect(scheduleDue('year', '03-31', china('2029-04-02T10:00:00'), '2028').run?.key).toBe('2029');
  });

  it('after downtime the current period runs late, and periods missed entirely are reported, not run', () => {
    // Last ran Q1 2026; the server was down from April to November: Q2 and Q3 ended unrun.
    const due = scheduleDue('quarter', '01-01', china('2026-11-03T08:00:00'), '2026-Q1');
    expect(due.run?.key).toBe('2026-Q4');
    expect(due.missed.map((p) => p.key)).toEqual(['2026-Q2', '2026-Q3']);
  });

  it('a period missed before the current one has started is still reported', () => {
    const due = scheduleDue('year', '03-31', china('2028-02-01T00:00:00'), '2026');
    expect(due.run).toBeUndefined();
    expect(due.missed.map((p) => p.key)).toEqual(['2027']);
  });

  it('a last run of another kind of period (the schedule changed from yearly to half-yearly) starts afresh', () => {
    const due = scheduleDue('halfYear', '01-01', china('2026-08-01T00:00:00'), '2026');
    expect(due.run?.key).toBe('2026-H2');
    expect(due.missed).toEqual([]);
  });

  it('a clock moved back owes nothing', () => {
    expect(scheduleDue('year', '01-01', china('2026-06-01T00:00:00'), '2027').run).toBeUndefined();
  });
});
