/**
 * The statutory clock of a case (第22条: 30 working days from 受理, 45 when extended): it starts
 * when the case is accepted, pauses while the case waits on the applicant (补正) or on 公示, and
 * its due date moves by the working days spent paused.
 */
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import type { CaseClock } from '../model/index.js';

/** The clock with its due date counted anew on `calendar` (from its start, limit and pauses so far). */
export function withDue(clock: CaseClock, calendar: WorkingCalendar): CaseClock {
  if (!clock.startedAt) return clock;
  const due = calendar.addWorkingDays(new Date(clock.startedAt), clock.limitWorkingDays + clock.pausedWorkingDays);
  return { ...clock, dueAt: due.toISOString() };
}

/** A clock that has not started. */
export function newClock(limitWorkingDays: number): CaseClock {
  return { limitWorkingDays, extended: false, pausedWorkingDays: 0 };
}

/** Starts the clock at `now` (no effect when already started). */
export function startClock(clock: CaseClock, now: Date, calendar: WorkingCalendar): CaseClock {
  return clock.startedAt ? clock : withDue({ ...clock, startedAt: now.toISOString() }, calendar);
}

/** Pauses a running clock at `now`. */
export function pauseClock(clock: CaseClock, now: Date): CaseClock {
  return clock.startedAt && !clock.pausedAt ? { ...clock, pausedAt: now.toISOString() } : clock;
}

/** Resumes a paused clock at `now`, adding the working days spent paused. */
export function resumeClock(clock: CaseClock, now: Date, calendar: WorkingCalendar): CaseClock {
  if (!clock.pausedAt) return clock;
  const paused = calendar.workingDaysBetween(new Date(clock.pausedAt), now);
  const { pausedAt: _resumed, ...rest } = clock;
  return withDue({ ...rest, pausedWorkingDays: clock.pausedWorkingDays + paused }, calendar);
}

/** Extends the limit (30 → 45). */
export function extendClock(clock: CaseClock, extendedWorkingDays: number, calendar: WorkingCalendar): CaseClock {
  return withDue({ ...clock, limitWorkingDays: extendedWorkingDays, extended: true }, calendar);
}

/** Working days left before the due date at `now` (negative when overdue); undefined before the start. */
export function workingDaysLeft(clock: CaseClock, now: Date, calendar: WorkingCalendar): number | undefined {
  if (!clock.startedAt) return undefined;
  const spent = calendar.workingDaysBetween(new Date(clock.startedAt), clock.pausedAt ? new Date(clock.pausedAt) : now);
  return clock.limitWorkingDays + clock.pausedWorkingDays - spent;
}
