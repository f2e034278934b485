/**
 * The 法定工作日 calendar: Monday to Friday, minus official holidays, plus 调休 make-up working
 * weekends, from the `chinese-days` tables (State Council notices), with an override table that
 * administrators edit (a year's official arrangement the package does not know yet, or a local
 * decision). For a year the tables do not cover, the statutory holidays computed from the lunar
 * calendar (statutoryHolidays.ts) are days off until the official arrangement is entered.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addCalendarDays, chinaDateOf, chinaMidnight, weekdayOf } from './chinaDate.js';
import { statutoryHolidays } from './statutoryHolidays.js';

/** An administrator's override of one date. */
export interface CalendarOverride {
  /** `YYYY-MM-DD`, China time. */
  date: string;
  working: boolean;
  note?: string;
}

/** Working-day arithmetic in China time. */
export interface WorkingCalendar {
  /** Whether a `YYYY-MM-DD` date is a statutory working day. */
  isWorkingDay(date: string): boolean;
  /**
   * The end of the `n`-th working day after the day of `from` (the day itself does not count),
   * as the instant 00:00 UTC+8 of the next day. `n = 0` gives the end of `from`'s own day.
   */
  addWorkingDays(from: Date, n: number): Date;
  /** Working days strictly after the day of `from` up to and including the day of `to`. */
  workingDaysBetween(from: Date, to: Date): number;
}

/**
 * How a calendar counts years the shipped tables do not cover: `statutory-2024` skips the
 * statutory holidays computed from the lunar calendar; `tables-only` (calendars recorded before the
 * computation existed) counts every weekday of such a year as a working day.
 */
export type CalendarRules = 'statutory-2024' | 'tables-only';

/** The rules new calendars count with. */
export const currentCalendarRules: CalendarRules = 'statutory-2024';

const tables = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** The years whose official arrangement (holidays and 调休) the shipped tables hold, ascending. */
export const shippedArrangementYears: readonly number[] = [...new Set(Object.keys(tables.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

const shippedYears = new Set(shippedArrangementYears);

function ownTableEntry(table: Record<string, string>, date: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, date);
}

/** Builds a calendar over the shipped tables and the given overrides (overrides win), counting with `rules`. */
export function createWorkingCalendar(overrides: CalendarOverride[] = [], rules: CalendarRules = currentCalendarRules): WorkingCalendar {
  const overrideByDate = new Map(overrides.map((o) => [o.date, o.working]));
  const computedHolidays = new Map<number, Set<string>>();
  const isComputedHoliday = (date: string): boolean => {
    const year = Number(date.slice(0, 4));
    if (rules !== 'statutory-2024' || shippedYears.has(year) || year < 1901 || year > 2099) return false;
    let days = computedHolidays.get(year);
    if (!days) {
      days = new Set(statutoryHolidays(year).map((h) => h.date));
      computedHolidays.set(year, days);
    }
    return days.has(date);
  };
  const isWorkingDay = (date: string): boolean => {
    const override = overrideByDate.get(date);
    if (override !== undefined) return override;
    if (ownTableEntry(tables.workdays, date)) return true;
    if (ownTableEntry(tables.holidays, date)) return false;
    if (isComputedHoliday(date)) return false;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkingDay,
    addWorkingDays(from, n) {
      let date = chinaDateOf(from);
      let left = n;
      while (left > 0) {
        date = addCalendarDays(date, 1);
        if (isWorkingDay(date)) left--;
      }
      return chinaMidnight(addCalendarDays(date, 1));
    },
    workingDaysBetween(from, to) {
      const end = chinaDateOf(to);
      let date = chinaDateOf(from);
      let count = 0;
      while (date < end) {
        date = addCalendarDays(date, 1);
        if (isWorkingDay(date)) count++;
      }
      return count;
    },
  };
}
