/** The pending timers of a case (公示 and other waits), for the case summary: when each falls due. */
import { parseDeadlineTimerKey } from '../../engine/index.js';
import type { PbApp } from './pocketbase.js';

/** A timer that has not fired yet. */
export interface PendingTimer {
  key: string;
  step: string;
  /** ISO 8601, UTC. */
  dueAt: string;
}

/** The case's pending waits (not the timers of task deadlines), soonest first, read in `tx` (so a command sees the timers it scheduled). */
export function pendingTimers(tx: PbApp, caseId: string): PendingTimer[] {
  return tx
    .findRecordsByFilter('timers', 'application = {:a} && status = "pending"', 'due_at', 50, 0, { a: caseId })
    // A task deadline's reminders and overdue timer are not waits of the case (its tasks carry `dueAt`).
    .filter((t) => !parseDeadlineTimerKey(t.getString('key')))
    .map((t) => ({ key: t.getString('key'), step: t.getString('step'), dueAt: new Date(t.getString('due_at').replace(' ', 'T')).toISOString() }));
}
