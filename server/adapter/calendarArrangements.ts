/**
 * Which years' official holiday arrangements (the State Council notice: holidays and 调休 days)
 * the server knows: those the shipped tables hold, and those an administrator imported
 * (`calendar_arrangements`). In any other year the calendar skips only the statutory holidays
 * computed from the lunar calendar, and deadlines that reach into it are provisional.
 */
import { isProvisionalDeadline, shippedArrangementYears } from '../../engine/index.js';
import { now } from './clock.js';
import type { PbApp } from './pocketbase.js';

/** The years an administrator imported an official arrangement for. */
export function enteredArrangementYears(tx: PbApp): number[] {
  return tx.findRecordsByFilter('calendar_arrangements', 'year > 0', 'year', 500, 0).map((r) => r.getInt('year'));
}

/** What the case summary needs to mark provisional deadlines: now, and the years with a known arrangement. */
export interface DeadlineKnowledge {
  now: Date;
  knownYears: ReadonlySet<number>;
}

/** The years with a known arrangement (shipped or imported), and now. */
export function deadlineKnowledge(tx: PbApp): DeadlineKnowledge {
  return { now: now(tx), knownYears: new Set([...shippedArrangementYears, ...enteredArrangementYears(tx)]) };
}

/** Whether a deadline is provisional under `knowledge`. */
export function provisional(dueAt: string | undefined, knowledge: DeadlineKnowledge): boolean {
  return dueAt !== undefined && dueAt !== '' && isProvisionalDeadline(dueAt, knowledge.now, knowledge.knownYears);
}
