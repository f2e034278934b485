/**
 * Calendar dates in China time (UTC+8, no daylight saving), independent of the machine's time zone.
 */

const chinaOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** The China-time calendar date of an instant, as `YYYY-MM-DD`. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}

/** The instant a China-time calendar date starts (00:00 UTC+8). */
export function chinaMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - chinaOffsetMs);
}

/** The calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Day of week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}
