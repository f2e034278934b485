/**
 * A task's copies of what the 待办 filters read from its case (migration 1764201301): the serial
 * after the case number's last '-', the case's flags as stored ('' when it has none) and whether
 * it has any. SQLite triggers keep them right whatever writes a task or a case. The command path
 * sets them itself as well, so the task it writes (and announces over realtime) already carries the
 * values the insert trigger would give it.
 */
import type { PbRecord } from './pocketbase.js';

/** The serial after the last '-' of a case number, as SQLite's `CAST(… AS INTEGER)` reads it (0 when none). */
export function caseSerialOf(caseNo: string): number {
  const digits = /^\d+/.exec(caseNo.slice(caseNo.lastIndexOf('-') + 1));
  return digits ? Number(digits[0]) : 0;
}

/** The case's flags as the triggers copy them: the stored JSON text, or '' when there are none. */
export function caseFlagsOf(storedFlags: string): string {
  return storedFlags === '' || storedFlags === '[]' || storedFlags === 'null' ? '' : storedFlags;
}

/** Sets the task's copies of its case's serial and flags. */
export function setQueueFilterCopies(task: PbRecord, caseRecord: PbRecord): void {
  const flags = caseFlagsOf(caseRecord.getString('flags'));
  task.set('case_serial', caseSerialOf(caseRecord.getString('case_no')));
  task.set('case_flags', flags);
  task.set('case_flagged', flags !== '');
}
