/** The pending timers of a case (公示 and other waits), for the case summary: when each falls due. */
import { parseDeadlineTimerKey } from '../../engine/index.js';
import type { PbApp, PbRecord } from './pocketbase.js';

/** A timer that has not fired yet. */
export interface PendingTimer {
  key: string;
  step: string;
  /** ISO 8601, UTC. */
  dueAt: string;
}

/** At most this many timers are listed. */
const listed = 50;

/** The waits among timer rows: pending ones, not the timers of task deadlines (its tasks carry `dueAt`). */
function waitsOf(rows: PbRecord[]): PendingTimer[] {
  return rows
    .filter((t) => !parseDeadlineTimerKey(t.getString('key')))
    .map((t) => ({ key: t.getString('key'), step: t.getString('step'), dueAt: new Date(t.getString('due_at').replace(' ', 'T')).toISOString() }));
}

/** The case's pending waits (not the timers of task deadlines), soonest first, read in `tx` (so a command sees the timers it scheduled). */
export function pendingTimers(tx: PbApp, caseId: string): PendingTimer[] {
  return waitsOf(tx.findRecordsByFilter('timers', 'application = {:a} && status = "pending"', 'due_at', listed, 0, { a: caseId }));
}

/** The same, from all of a case's timer rows as the command that wrote them holds them (caseRowsRead.ts). */
export function pendingTimersAmong(rows: Iterable<PbRecord>): PendingTimer[] {
  const pending = [...rows].filter((t) => t.getString('status') === 'pending');
  pending.sort((a, b) => (a.getString('due_at') < b.getString('due_at') ? -1 : a.getString('due_at') > b.getString('due_at') ? 1 : 0));
  return waitsOf(pending.slice(0, listed));
}
