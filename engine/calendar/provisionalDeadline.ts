/**
 * Whether a deadline is provisional: it was counted through a year whose official holiday
 * arrangement (the State Council notice, with its 调休 days) is not known yet, so only the
 * statutory holidays computed from the lunar calendar were skipped there.
 */
import { chinaDateOf } from './chinaDate.js';

/** The China-time date of the last day a deadline leaves: the day before when it falls at 00:00. */
export function lastDayOf(dueAt: Date): string {
  return chinaDateOf(new Date(dueAt.getTime() - 1));
}

/**
 * True when some year from `now`'s year to the year of `dueAt`'s last day (China time; a due date
 * at 00:00 ends the day before) is not among `knownYears` (the years whose official arrangement the
 * shipped tables or the administrators' import hold).
 */
export function isProvisionalDeadline(dueAt: string, now: Date, knownYears: ReadonlySet<number>): boolean {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return false;
  const last = Number(lastDayOf(due).slice(0, 4));
  for (let year = Number(chinaDateOf(now).slice(0, 4)); year <= last; year++) if (!knownYears.has(year)) return true;
  return false;
}
