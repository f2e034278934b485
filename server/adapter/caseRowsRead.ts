/**
 * A case's rows as a command reads them before it takes the write lock: its tasks and timers by
 * key, and the head of its event chain. The command's transaction then writes without reading them
 * again.
 *
 * Why this is safe: every write to a case's tasks, timers and events commits together with a bump
 * of the case's version (a command, a fired timer, a migration, a child's report to its parent), and
 * the command's transaction compare-and-swaps the version it decided on before it writes anything.
 * So when that swap succeeds, nothing of the case was committed between the command's reading of
 * the case and its commit, and the rows read here are the rows as they are. When it fails, the
 * transaction rolls back and the command is refused as stale. The one write that does not bump the
 * version is a task's claim (taskClaims.ts: `assignee_user` alone); the command path writes a row
 * by prepared SQL, which sets only the columns the command changed (preparedRowWrites.ts), so a
 * claim made meanwhile keeps its holder exactly as it did when the row was read under the lock.
 */
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';

/** Rows of one case per key (a key names one task or one timer of a case). */
export interface CaseRowsRead {
  tasks: Map<string, PbRecord>;
  timers: Map<string, PbRecord>;
  /** The last event of the case's chain (its sequence number and hash), or undefined for none. */
  lastEvent: { seq: number; hash: string } | undefined;
}

/** A case has a few dozen tasks and timers at most; a case with more is read whole all the same. */
const rowsPerRead = 1000;

function byKey(tx: PbApp, collection: string, caseId: string): Map<string, PbRecord> {
  const rows = new Map<string, PbRecord>();
  for (let offset = 0; ; offset += rowsPerRead) {
    const page = tx.findRecordsByFilter(collection, 'application = {:a}', '', rowsPerRead, offset, { a: caseId });
    for (const r of page) rows.set(r.getString('key'), r);
    if (page.length < rowsPerRead) return rows;
  }
}

/** Reads the case's tasks, timers and chain head (outside the write lock; see the file comment). */
export function readCaseRows(app: PbApp, caseId: string): CaseRowsRead {
  const last = app.findRecordsByFilter('events', 'application = {:a}', '-seq', 1, 0, { a: caseId })[0];
  return {
    tasks: byKey(app, 'tasks', caseId),
    timers: byKey(app, 'timers', caseId),
    lastEvent: last ? { seq: last.getInt('seq'), hash: last.getString('hash') } : undefined,
  };
}

/**
 * The row of `key` in `rows` when the case's rows were read ahead, else read now in `tx`; a new
 * record (remembered in `rows`) when there is none.
 */
export function rowOfKey(tx: PbApp, collection: 'tasks' | 'timers', rows: Map<string, PbRecord> | undefined, caseId: string, key: string, create: boolean): PbRecord | undefined {
  const found = rows ? rows.get(key) : tx.findRecordsByFilter(collection, 'application = {:a} && key = {:k}', '', 1, 0, { a: caseId, k: key })[0];
  if (found || !create) return found;
  const made = newRecord(tx, collection);
  rows?.set(key, made);
  return made;
}
