/**
 * When a duration (a step deadline or a timer) that starts at an instant falls due, in each unit the
 * definition language knows, by the civil code's rules for calendar periods (民法典 第二百零一条至
 * 第二百零三条): counting starts the day after the start, the period ends at 24:00 of its last day,
 * and a last day that is not a working day (a 法定休假日, a weekend) moves to the first working day
 * after it.
 */
import type { Duration, JsonValue } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import { readPointer } from '../conditions/jsonPointer.js';
import { addCalendarDays, chinaDateOf, chinaMidnight } from './chinaDate.js';
import type { WorkingCalendar } from './createWorkingCalendar.js';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `YYYY-MM-DD` names a real calendar date. */
export function isCalendarDate(date: string): boolean {
  const m = datePattern.exec(date);
  if (!m) return false;
  return new Date(`${date}T00:00:00.000Z`).toISOString().slice(0, 10) === date;
}

/** The calendar date `months` months after `date`: the same day of the month, or that month's last day when it has none (第二百零二条). */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** The end (24:00 China time, i.e. 00:00 of the next day) of a period whose last day is `last`, moved past days off (第二百零三条). */
export function endOfPeriod(last: string, calendar: WorkingCalendar): Date {
  let day = last;
  while (!calendar.isWorkingDay(day)) day = addCalendarDays(day, 1);
  return chinaMidnight(addCalendarDays(day, 1));
}

/** The largest count a duration or limit may have (about a hundred years in days): larger ones cannot be counted on a calendar. */
export const maxDurationCount = 36_600;

/** Whether `v` is a count a duration may have: a whole number from 1 to {@link maxDurationCount}. */
export function isDurationCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= maxDurationCount;
}

/** Whether `v` is an offset from a form date (`before`/`after`): a whole number from 0 (the date itself) to {@link maxDurationCount}. */
export function isDateOffset(v: unknown): v is number {
  return v === 0 || isDurationCount(v);
}

/** A number written literally or as `{ "param": name }`, read from the parameters; undefined when it is not a count a duration may have (or, with `offset`, a date offset). */
function countOf(value: unknown, parameters: Record<string, JsonValue>, offset = false): number | undefined {
  const raw = typeof value === 'object' && value !== null && 'param' in value ? ownEntry(parameters, String((value as { param: unknown }).param)) : value;
  return (offset ? isDateOffset(raw) : isDurationCount(raw)) ? (raw as number) : undefined;
}

/**
 * The duration a definition gives (literally or as `{ "param": name }`), resolved against the
 * parameters: a parameter holding a bare number means that many calendar days.
 */
export function resolveDuration(duration: Duration | { param: string }, parameters: Record<string, JsonValue>): Duration | undefined {
  if ('param' in duration && Object.keys(duration).length === 1) {
    const raw = ownEntry(parameters, (duration as { param: string }).param);
    if (typeof raw === 'number') return { days: raw };
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Duration) : undefined;
  }
  return duration as Duration;
}

/**
 * When `duration`, started at `now`, falls due (the instant its last day ends), or undefined when
 * it cannot be counted on this case (a parameter or the form date it names is missing or not valid).
 *
 * - `workingDays`: the end of the n-th 法定工作日 after the start day.
 * - `days`: the end of the n-th calendar day after the start day, moved past days off.
 * - `months`: the end of the same day of the month n months later (the month's last day if it has none), moved past days off.
 * - `date` (`MM-DD`): the end of the next such day on or after the start day, moved past days off.
 * - `before`/`after` + `of`: the end of the day n calendar days before / after the date at the JSON
 *   pointer `of` in the form data (0: that date itself); `after` moves past days off, `before` does not (moving it would shorten the notice it guarantees).
 */
export function durationDue(duration: Duration | { param: string }, parameters: Record<string, JsonValue>, data: Record<string, JsonValue>, now: Date, calendar: WorkingCalendar): Date | undefined {
  const d = resolveDuration(duration, parameters);
  if (!d) return undefined;
  const start = chinaDateOf(now);
  if (d.workingDays !== undefined) {
    const n = countOf(d.workingDays, parameters);
    return n === undefined ? undefined : calendar.addWorkingDays(now, n);
  }
  if (d.days !== undefined) {
    const n = countOf(d.days, parameters);
    return n === undefined ? undefined : endOfPeriod(addCalendarDays(start, n), calendar);
  }
  if (d.months !== undefined) {
    const n = countOf(d.months, parameters);
    return n === undefined ? undefined : endOfPeriod(addCalendarMonths(start, n), calendar);
  }
  if (d.date !== undefined) {
    const raw = typeof d.date === 'object' ? ownEntry(parameters, d.date.param) : d.date;
    if (typeof raw !== 'string' || !/^\d{2}-\d{2}$/.test(raw)) return undefined;
    const year = Number(start.slice(0, 4));
    const [month, day] = raw.split('-').map(Number) as [number, number];
    if (!isCalendarDate(`2000-${raw}`)) return undefined;
    // 02-29 in a year without it is that February's last day.
    const inYear = (y: number) => `${y}-${pad(month)}-${pad(Math.min(day, new Date(Date.UTC(y, month, 0)).getUTCDate()))}`;
    const thisYear = inYear(year);
    return endOfPeriod(thisYear >= start ? thisYear : inYear(year + 1), calendar);
  }
  if (d.of !== undefined && (d.before !== undefined || d.after !== undefined)) {
    const n = d.before !== undefined ? countOf(d.before, parameters, true) : countOf(d.after, parameters, true);
    const found = readPointer(data, d.of);
    const date = typeof found === 'string' ? found.slice(0, 10) : undefined;
    if (n === undefined || !date || !isCalendarDate(date)) return undefined;
    if (d.before !== undefined) return chinaMidnight(addCalendarDays(date, 1 - n));
    return endOfPeriod(addCalendarDays(date, n), calendar);
  }
  return undefined;
}
