/**
 * The 法定工作日 calendar: Monday to Friday, minus official holidays, plus 调休 make-up working
 * weekends, from the `chinese-days` tables (State Council notices), with an override table that
 * administrators edit (for a year the package does not know yet, or a local decision).
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addCalendarDays, chinaDateOf, chinaMidnight, weekdayOf } from './chinaDate.js';

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

const tables = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Builds a calendar over the shipped tables and the given overrides (overrides win). */
export function createWorkingCalendar(overrides: CalendarOverride[] = []): WorkingCalendar {
  const overrideByDate = new Map(overrides.map((o) => [o.date, o.working]));
  const isWorkingDay = (date: string): boolean => {
    const override = overrideByDate.get(date);
    if (override !== undefined) return override;
    if (tables.workdays[date] !== undefined) return true;
    if (tables.holidays[date] !== undefined) return false;
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
