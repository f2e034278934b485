import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { createWorkingCalendar, isProvisionalDeadline, shippedArrangementYears, statutoryHolidays } from '../../../engine/index.js';

const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const official = (chineseDays as { holidays: Record<string, string> }).holidays;
const datesOf = (year: number, name?: string) => statutoryHolidays(year).filter((h) => !name || h.name === name).map((h) => h.date);

const notOfficial = (year: number) => datesOf(year).filter((d) => !Object.prototype.hasOwnProperty.call(official, d));

describe('statutoryHolidays', () => {
  it('computes the 2027 statutory holidays from the lunar calendar and the solar terms', () => {
    expect(datesOf(2027, '元旦')).toEqual(['2027-01-01']);
    expect(datesOf(2027, '春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']); // 除夕 to 初三
    expect(datesOf(2027, '清明节')).toEqual(['2027-04-05']);
    expect(datesOf(2027, '劳动节')).toEqual(['2027-05-01', '2027-05-02']);
    expect(datesOf(2027, '端午节')).toEqual(['2027-06-09']);
    expect(datesOf(2027, '中秋节')).toEqual(['2027-09-15']);
    expect(datesOf(2027, '国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
    expect(statutoryHolidays(2027)).toHaveLength(13);
  });

  it('computes, for 2025 and 2026, only days the official arrangements (chinese-days) make holidays', () => {
    for (const year of [2025, 2026]) expect(notOfficial(year), String(year)).toEqual([]);
  });

  it('differs from 2024 only by 除夕, which the 2024 amendment (in force from 2025) made a holiday', () => {
    expect(notOfficial(2024)).toEqual(['2024-02-09']);
  });

  it('knows that the shipped tables end with 2026', () => {
    expect(shippedArrangementYears).toContain(2026);
    expect(shippedArrangementYears).not.toContain(2027);
  });
});

describe('a working calendar in a year without an official arrangement', () => {
  const cal = createWorkingCalendar();

  it('skips 元旦 2027: 30 working days from 2026-12-15 end on 2027-01-27, not 01-26', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.addWorkingDays(at('2026-12-15'), 30).toISOString()).toBe('2027-01-27T16:00:00.000Z');
    expect(createWorkingCalendar([], 'tables-only').addWorkingDays(at('2026-12-15'), 30).toISOString()).toBe('2027-01-26T16:00:00.000Z');
  });

  it('skips 春节 2027 (除夕 Fri 02-05 to 初三 Mon 02-08): 30 working days from 2027-01-20 end on 03-05, not 03-03', () => {
    expect(cal.isWorkingDay('2027-02-05')).toBe(false);
    expect(cal.isWorkingDay('2027-02-08')).toBe(false);
    expect(cal.isWorkingDay('2027-02-09')).toBe(true);
    expect(cal.addWorkingDays(at('2027-01-20'), 30).toISOString()).toBe('2027-03-05T16:00:00.000Z');
    expect(createWorkingCalendar([], 'tables-only').addWorkingDays(at('2027-01-20'), 30).toISOString()).toBe('2027-03-03T16:00:00.000Z');
  });

  it('lets an entered arrangement win over the computed holidays (a 调休 Saturday, a bridge day)', () => {
    const arranged = createWorkingCalendar([
      { date: '2027-02-04', working: false },
      { date: '2027-02-20', working: true },
    ]);
    expect(arranged.isWorkingDay('2027-02-04')).toBe(false);
    expect(arranged.isWorkingDay('2027-02-20')).toBe(true);
  });

  it('marks a deadline provisional when a year up to its due date has no known arrangement', () => {
    const known = new Set(shippedArrangementYears);
    expect(isProvisionalDeadline('2027-01-27T16:00:00.000Z', at('2026-12-15'), known)).toBe(true);
    expect(isProvisionalDeadline('2026-12-30T16:00:00.000Z', at('2026-12-15'), known)).toBe(false);
    // Due at 00:00 on 2027-01-01 China time: the deadline's last day is 2026-12-31.
    expect(isProvisionalDeadline('2026-12-31T16:00:00.000Z', at('2026-12-15'), known)).toBe(false);
    expect(isProvisionalDeadline('2027-01-27T16:00:00.000Z', at('2026-12-15'), new Set([...known, 2027]))).toBe(false);
  });
});
