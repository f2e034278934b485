/**
 * The statutory clock of a case (第22条: 30 working days from 受理, 45 when extended; 成立登记: 60 日
 * of complete materials): it starts when the case is accepted, pauses while the case waits on the
 * applicant (补正) or on 公示, and its due date moves by the time spent paused — working days for a
 * limit in working days, calendar days for a limit in days or months (民法典 第二百零一条至第二百零三条:
 * counting starts the day after 受理, and a last day that is not a working day moves to the next one).
 */
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { addCalendarDays, chinaDateOf } from '../calendar/chinaDate.js';
import { addCalendarMonths, endOfPeriod } from '../calendar/durationDue.js';
import { lastDayOf } from '../calendar/provisionalDeadline.js';
import type { LimitUnit, ResolvedLimit } from '../definition/overallLimit.js';
import type { CaseClock } from '../model/index.js';

const dayMs = 24 * 60 * 60 * 1000;

/** The unit and count of a clock's limit (a clock stored before other units existed counts working days). */
export function clockLimit(clock: CaseClock): ResolvedLimit {
  if (clock.limitDays !== undefined) return { unit: 'days', count: clock.limitDays };
  if (clock.limitMonths !== undefined) return { unit: 'months', count: clock.limitMonths };
  return { unit: 'workingDays', count: clock.limitWorkingDays ?? 0 };
}

/** The clock's limit fields for `limit` (exactly one of them). */
function limitFields(limit: ResolvedLimit): Pick<CaseClock, 'limitWorkingDays' | 'limitDays' | 'limitMonths'> {
  const fields: Record<LimitUnit, Pick<CaseClock, 'limitWorkingDays' | 'limitDays' | 'limitMonths'>> = {
    workingDays: { limitWorkingDays: limit.count },
    days: { limitDays: limit.count },
    months: { limitMonths: limit.count },
  };
  return fields[limit.unit];
}

/** Calendar days strictly after the day of `from` up to and including the day of `to` (China time). */
function calendarDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((Date.parse(chinaDateOf(to)) - Date.parse(chinaDateOf(from))) / dayMs));
}

/** The clock with its due date counted anew on `calendar` (from its start, limit and pauses so far). */
export function withDue(clock: CaseClock, calendar: WorkingCalendar): CaseClock {
  if (!clock.startedAt) return clock;
  const start = new Date(clock.startedAt);
  const limit = clockLimit(clock);
  const pausedDays = clock.pausedDays ?? 0;
  let due: Date;
  if (limit.unit === 'workingDays') due = calendar.addWorkingDays(start, limit.count + clock.pausedWorkingDays);
  else if (limit.unit === 'days') due = endOfPeriod(addCalendarDays(chinaDateOf(start), limit.count + pausedDays), calendar);
  else due = endOfPeriod(addCalendarDays(addCalendarMonths(chinaDateOf(start), limit.count), pausedDays), calendar);
  return { ...clock, dueAt: due.toISOString() };
}

/** A clock that has not started, counting `limit` (a bare number: working days, as before other units). */
export function newClock(limit: number | ResolvedLimit): CaseClock {
  const resolved: ResolvedLimit = typeof limit === 'number' ? { unit: 'workingDays', count: limit } : limit;
  return { ...limitFields(resolved), extended: false, pausedWorkingDays: 0, ...(resolved.unit === 'workingDays' ? {} : { pausedDays: 0 }) };
}

/** Starts the clock at `now` (no effect when already started). */
export function startClock(clock: CaseClock, now: Date, calendar: WorkingCalendar): CaseClock {
  return clock.startedAt ? clock : withDue({ ...clock, startedAt: now.toISOString() }, calendar);
}

/** Pauses a running clock at `now`. */
export function pauseClock(clock: CaseClock, now: Date): CaseClock {
  return clock.startedAt && !clock.pausedAt ? { ...clock, pausedAt: now.toISOString() } : clock;
}

/** Resumes a paused clock at `now`, adding the time spent paused (working days, and calendar days on a clock that counts them). */
export function resumeClock(clock: CaseClock, now: Date, calendar: WorkingCalendar): CaseClock {
  if (!clock.pausedAt) return clock;
  const pausedAt = new Date(clock.pausedAt);
  const paused = calendar.workingDaysBetween(pausedAt, now);
  const { pausedAt: _resumed, ...rest } = clock;
  const days = clock.pausedDays !== undefined || clockLimit(clock).unit !== 'workingDays' ? { pausedDays: (clock.pausedDays ?? 0) + calendarDaysBetween(pausedAt, now) } : {};
  return withDue({ ...rest, pausedWorkingDays: clock.pausedWorkingDays + paused, ...days }, calendar);
}

/** Extends the limit (30 → 45 working days; a bare number is in working days). */
export function extendClock(clock: CaseClock, extended: number | ResolvedLimit, calendar: WorkingCalendar): CaseClock {
  const limit: ResolvedLimit = typeof extended === 'number' ? { unit: 'workingDays', count: extended } : extended;
  const { limitWorkingDays: _w, limitDays: _d, limitMonths: _m, ...rest } = clock;
  return withDue({ ...rest, ...limitFields(limit), ...(limit.unit === 'workingDays' ? {} : { pausedDays: clock.pausedDays ?? 0 }), extended: true }, calendar);
}

/**
 * Working days left before the due date at `now` (negative when overdue); undefined before the
 * start. A paused clock is read at the moment it paused, a stopped one at the moment it stopped.
 */
export function workingDaysLeft(clock: CaseClock, now: Date, calendar: WorkingCalendar): number | undefined {
  if (!clock.startedAt) return undefined;
  // A stopped clock (送达 after the decision, `stopsClock`) counts no further.
  const until = clock.stoppedAt ?? clock.pausedAt;
  const at = until ? new Date(until) : now;
  const limit = clockLimit(clock);
  if (limit.unit === 'workingDays') {
    const spent = calendar.workingDaysBetween(new Date(clock.startedAt), at);
    return limit.count + clock.pausedWorkingDays - spent;
  }
  if (!clock.dueAt) return undefined;
  // The due date is 00:00 after its last day: count the working days from `at` to that last day, or back from it when overdue.
  const last = new Date(`${lastDayOf(new Date(clock.dueAt))}T12:00:00+08:00`);
  return last >= at ? calendar.workingDaysBetween(at, last) : -calendar.workingDaysBetween(last, at);
}
