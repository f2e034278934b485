/**
 * What the queues' rows copy from their case, so a queue filters and searches without reading it.
 * A task (migrations 1764201301, 1764202201): the serial after the case number's last '-', the case's
 * flags as stored ('' when it has none) and whether it has any, its case number and its (masked)
 * title, which task_queue shows and 待办 searches: SQLite triggers refuse a task written with others
 * and keep them right whatever changes a task or a case, and the command path sets them itself, so
 * the task it writes (and announces over realtime) already carries them. An event (migration
 * 1764202301): its case's number and title, which event_queue shows and 已办 searches. Every writer
 * of an event sets them, as no trigger does on insert (one would cost every command's write lock
 * ≈ 0.2 ms); triggers keep them right when a case's number or title changes or an event is saved.
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

/** Sets the task's copies of its case's serial, flags, number and title. */
export function setQueueFilterCopies(task: PbRecord, caseRecord: PbRecord): void {
  const flags = caseFlagsOf(caseRecord.getString('flags'));
  setCaseNumberCopies(task, caseRecord.getString('case_no'));
  task.set('case_title', caseRecord.getString('title'));
  task.set('case_flags', flags);
  task.set('case_flagged', flags !== '');
}

/** Sets the task's copies of its case's number: the number itself and its serial. */
export function setCaseNumberCopies(task: PbRecord, caseNo: string): void {
  task.set('case_serial', caseSerialOf(caseNo));
  task.set('case_no', caseNo);
}

/** Sets the event's copies of its case's number and title (the triggers would set them after the write; the write carries them already). */
export function setEventCaseCopies(event: PbRecord, caseRecord: PbRecord): void {
  event.set('case_no', caseRecord.getString('case_no'));
  event.set('case_title', caseRecord.getString('title'));
}
