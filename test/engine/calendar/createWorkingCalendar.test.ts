import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../engine/index.js';

const cal = createWorkingCalendar();
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

describe('createWorkingCalendar', () => {
  it('treats 春节 2025 as holidays and the 调休 weekends as working days', () => {
    expect(cal.isWorkingDay('2025-01-28')).toBe(false);
    expect(cal.isWorkingDay('2025-02-04')).toBe(false);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true); // Sunday, 调休
    expect(cal.isWorkingDay('2025-02-08')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2025-02-09')).toBe(false); // ordinary Sunday
  });

  it('treats 国庆 2025 as holidays with 9-28 and 10-11 working', () => {
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-08']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('counts working days across 国庆 including the 调休 Saturday', () => {
    // From Tue 9-30: 10-09 (Thu), 10-10 (Fri), 10-11 (Sat, 调休) are the first three working days.
    expect(cal.addWorkingDays(at('2025-09-30'), 3).toISOString()).toBe('2025-10-11T16:00:00.000Z');
    // 9-28 (Sun, 调休), 9-29, 9-30, 10-09, 10-10, 10-11 (Sat, 调休), 10-13.
    expect(cal.workingDaysBetween(at('2025-09-26'), at('2025-10-13'))).toBe(7);
  });

  it('counts 30 working days across 春节 2026', () => {
    // 2-14 and 2-28 are 调休 Saturdays, 2-15..2-23 the holiday: the 30th working day is Fri 3-20,
    // so the limit ends at the start of 3-21 (China time).
    const due = cal.addWorkingDays(at('2026-02-02'), 30);
    expect(due.toISOString()).toBe('2026-03-20T16:00:00.000Z');
  });

  it('lets an administrator override a date', () => {
    const local = createWorkingCalendar([{ date: '2025-10-11', working: false }, { date: '2025-10-12', working: true }]);
    expect(local.isWorkingDay('2025-10-11')).toBe(false);
    expect(local.isWorkingDay('2025-10-12')).toBe(true);
  });

  it('uses China time whatever the instant’s UTC date', () => {
    // 2025-09-30 23:30 in China is still 9-30 there, although 15:30 UTC.
    expect(cal.workingDaysBetween(new Date('2025-09-30T23:30:00+08:00'), new Date('2025-10-09T00:30:00+08:00'))).toBe(1);
  });
});
