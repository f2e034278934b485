/**
 * What the queues' rows copy from their case, so a queue filters and searches without reading it.
 * A task (migrations 1764201301, 1764202201): the serial after the case number's last '-', the case's
 * flags as stored ('' when it has none) and whether it has any, its case number and its (masked)
 * title, which task_queue shows and 待办 searches. An event (migration 1764202301): its case's number
 * and title, which event_queue shows and 已办 searches. Every writer of a task or an event sets them
 * (the command path, a case's opening, the bulk copies), so the row it writes (and announces over
 * realtime) already carries them: no trigger sets or checks them on insert, as one would cost every
 * command's write lock (migration 1764202302 has the figures). Triggers keep them right when a
 * case's number, title or flags change, or a task or an event is saved again.
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
