/**
 * Calendar dates a condition reads: a date field (`YYYY-MM-DD`, or a date-time taken in China
 * time), the birth date inside a 居民身份证 number, and whole years and days between dates.
 * Pure arithmetic on calendar dates; the present comes from the injected clock, never the machine's.
 */
import { chinaDateOf } from '../calendar/chinaDate.js';

const dayMs = 24 * 60 * 60 * 1000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` if it names a real calendar date, else undefined. */
function realDate(year: string, month: string, day: string): string | undefined {
  const text = `${year}-${month}-${day}`;
  const time = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text ? text : undefined;
}

/** The calendar date a field's value names: `YYYY-MM-DD`, or a date-time's China-time date; otherwise undefined. */
export function calendarDateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const plain = datePattern.exec(value);
  if (plain) return realDate(plain[1]!, plain[2]!, plain[3]!);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? chinaDateOf(new Date(time)) : undefined;
}

/**
 * The birth date in a 居民身份证 number: digits 7–14 of an 18-digit number (the last may be X),
 * or digits 7–12 of a first-generation 15-digit number (years 19YY); otherwise undefined.
 */
export function birthDateOfIdNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{17}[\dXx]$/.test(value)) return realDate(value.slice(6, 10), value.slice(10, 12), value.slice(12, 14));
  if (/^\d{15}$/.test(value)) return realDate(`19${value.slice(6, 8)}`, value.slice(8, 10), value.slice(10, 12));
  return undefined;
}

/** Days from calendar date `from` to `to` (negative when `to` is earlier). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / dayMs);
}

/**
 * Whole years (周岁) from `birth` to `on`: one more on each birthday. Someone born on 29 February
 * turns a year older on 1 March in a common year.
 */
export function fullYears(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

/** Today's date in China time at `now`. */
export function todayAt(now: Date): string {
  return chinaDateOf(now);
}
