/** The pending timers of a case (公示 and other waits), for the case summary: when each falls due. */
import type { PbApp } from './pocketbase.js';

/** A timer that has not fired yet. */
export interface PendingTimer {
  key: string;
  step: string;
  /** ISO 8601, UTC. */
  dueAt: string;
}

/** The case's pending timers, soonest first, read in `tx` (so a command sees the timers it scheduled). */
export function pendingTimers(tx: PbApp, caseId: string): PendingTimer[] {
  return tx
    .findRecordsByFilter('timers', 'application = {:a} && status = "pending"', 'due_at', 50, 0, { a: caseId })
    .map((t) => ({ key: t.getString('key'), step: t.getString('step'), dueAt: new Date(t.getString('due_at').replace(' ', 'T')).toISOString() }));
}
