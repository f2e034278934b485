/**
 * The periods of a recurring schedule (a year, a half-year, a quarter, a month) in China time, and
 * when each one starts: the schedule's `startOn` is a month of the period and a day (`"03-01"` of a
 * year is 3月1日; `"01-15"` of a quarter is the 15th of its first month). Pure: the caller passes
 * the clock's `now`, never the machine's.
 */
import { chinaDateOf, chinaMidnight } from '../calendar/chinaDate.js';
import type { ScheduleEvery } from '../definition/types.js';

/** How many calendar months one period of each kind spans. */
export const monthsPerPeriod: Readonly<Record<ScheduleEvery, number>> = { year: 12, halfYear: 6, quarter: 3, month: 1 };

/** One period of a schedule. */
export interface SchedulePeriod {
  every: ScheduleEvery;
  /** Its key: `2026` (year), `2026-H2` (half-year), `2026-Q1` (quarter), `2026-03` (month). */
  key: string;
  year: number;
  /** 0-based index of the period within its year. */
  index: number;
  /** Its first calendar day, `YYYY-MM-DD`. */
  firstDay: string;
  /** Its last calendar day, `YYYY-MM-DD`. */
  lastDay: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of `every` with ordinal `ordinal` (periods counted from year 0). */
function periodAt(every: ScheduleEvery, ordinal: number): SchedulePeriod {
  const perYear = 12 / monthsPerPeriod[every];
  const year = Math.floor(ordinal / perYear);
  const index = ordinal - year * perYear;
  const firstMonth = index * monthsPerPeriod[every] + 1;
  const lastMonth = firstMonth + monthsPerPeriod[every] - 1;
  const key = every === 'year' ? String(year) : every === 'halfYear' ? `${year}-H${index + 1}` : every === 'quarter' ? `${year}-Q${index + 1}` : `${year}-${pad(firstMonth)}`;
  return { every, key, year, index, firstDay: `${year}-${pad(firstMonth)}-01`, lastDay: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}` };
}

/** The period's ordinal: periods of its kind counted from year 0 (for comparing and stepping). */
export function ordinalOf(period: SchedulePeriod): number {
  return period.year * (12 / monthsPerPeriod[period.every]) + period.index;
}

/** The period of `every` that the China-time calendar day of `at` falls in. */
export function periodOf(every: ScheduleEvery, at: Date): SchedulePeriod {
  const [year, month] = chinaDateOf(at).split('-').map(Number) as [number, number];
  return periodAt(every, year * (12 / monthsPerPeriod[every]) + Math.floor((month - 1) / monthsPerPeriod[every]));
}

/** The period `steps` periods after `period` (before, when negative). */
export function periodAfter(period: SchedulePeriod, steps = 1): SchedulePeriod {
  return periodAt(period.every, ordinalOf(period) + steps);
}

/** The period of `every` a key names, or undefined when the key is not one of that kind (`2026-Q1` is no year). */
export function periodByKey(every: ScheduleEvery, key: string): SchedulePeriod | undefined {
  const pattern = { year: /^(\d{4})$/, halfYear: /^(\d{4})-H([12])$/, quarter: /^(\d{4})-Q([1-4])$/, month: /^(\d{4})-(0[1-9]|1[0-2])$/ }[every];
  const m = pattern.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const index = every === 'year' ? 0 : Number(m[2]) - 1;
  return periodAt(every, year * (12 / monthsPerPeriod[every]) + index);
}

/**
 * Whether `startOn` (`MM-DD`: a month of the period, 01 = its first, and a day) names a day that
 * every period of `every` has: the month within the period, the day in that calendar month in
 * every year (so 02-29 is refused: most years have none).
 */
export function isValidStartOn(every: ScheduleEvery, startOn: unknown): startOn is string {
  if (typeof startOn !== 'string') return false;
  const m = /^(\d{2})-(\d{2})$/.exec(startOn);
  if (!m) return false;
  const monthOfPeriod = Number(m[1]);
  const day = Number(m[2]);
  if (monthOfPeriod < 1 || monthOfPeriod > monthsPerPeriod[every] || day < 1) return false;
  const periods = 12 / monthsPerPeriod[every];
  for (let i = 0; i < periods; i++) {
    // 2025 is a common year: its February is the shortest any year has.
    if (day > daysInMonth(2025, i * monthsPerPeriod[every] + monthOfPeriod)) return false;
  }
  return true;
}

/** The calendar day (`YYYY-MM-DD`) on which `period` starts by `startOn` (`MM-DD` within the period, valid by {@link isValidStartOn}). */
export function startDayOf(period: SchedulePeriod, startOn: string): string {
  const [monthOfPeriod, day] = startOn.split('-').map(Number) as [number, number];
  const month = period.index * monthsPerPeriod[period.every] + monthOfPeriod;
  return `${period.year}-${pad(month)}-${pad(day)}`;
}

/** The instant `period` starts by `startOn`: 00:00 China time of its start day. */
export function startInstantOf(period: SchedulePeriod, startOn: string): Date {
  return chinaMidnight(startDayOf(period, startOn));
}

/** What a sweep at `now` owes a schedule. */
export interface ScheduleDue {
  /** The period to run now: the current period, when its start day has come and it has not run. */
  run?: SchedulePeriod;
  /**
   * Periods that ended without a run since the last one (the server was down or the sweep off
   * through a whole period): reported, never started late. Empty before the first run.
   */
  missed: SchedulePeriod[];
  /** The next period to start after this sweep, and when. */
  next: { period: SchedulePeriod; at: Date };
}

/** At most this many missed periods are listed (a monthly schedule idle for 20 years). */
export const maxMissedListed = 240;

/**
 * What a schedule of `every` starting on `startOn` owes at `now`, given the key of the last period
 * it ran (`lastRun`; undefined before its first run, or when the key is of another kind of period —
 * the schedule then starts afresh). The current period runs once its start day has come; a period
 * is missed when it ended after the last run without running.
 */
export function scheduleDue(every: ScheduleEvery, startOn: string, now: Date, lastRun: string | undefined): ScheduleDue {
  const current = periodOf(every, now);
  const last = lastRun === undefined ? undefined : periodByKey(every, lastRun);
  const lastOrdinal = last ? ordinalOf(last) : undefined;
  const currentOrdinal = ordinalOf(current);
  const started = now.getTime() >= startInstantOf(current, startOn).getTime();
  const alreadyRun = lastOrdinal !== undefined && lastOrdinal >= currentOrdinal;
  const run = started && !alreadyRun ? current : undefined;
  const missed: SchedulePeriod[] = [];
  if (lastOrdinal !== undefined) {
    const from = Math.max(lastOrdinal + 1, currentOrdinal - maxMissedListed);
    for (let o = from; o < currentOrdinal; o++) missed.push(periodAt(every, o));
  }
  const nextPeriod = started || alreadyRun ? periodAfter(current) : current;
  return { ...(run ? { run } : {}), missed, next: { period: nextPeriod, at: startInstantOf(nextPeriod, startOn) } };
}
