import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestServer } from './pocketbase.js';

/**
 * What the queues' rows copy from their case (server/adapter/queueFilterCopies.ts), checked over a
 * test server's whole data folder. Every writer of a task or an event sets the copies, and no trigger
 * checks them on insert (migrations 1764202301, 1764202302), so the flows' tests check them here.
 */

const rows = (server: TestServer, sql: string): string[] =>
  execFileSync('sqlite3', ['-readonly', path.join(server.dataDir, 'data.db'), sql], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');

/** The events whose case number and title (what 已办 shows and searches) are not their case's, as `<action> <case number> (<copies>)` lines. */
export function eventsWithStaleCaseCopies(server: TestServer): string[] {
  return rows(server, `SELECT e.action || ' ' || a.case_no || ' (' || e.case_no || ', ' || e.case_title || ')' FROM events e JOIN applications a ON a.id = e.application
    WHERE e.case_no IS NOT a.case_no OR e.case_title IS NOT a.title`);
}

/** The tasks whose copies of their case's process, serial, flags, number and title (what 待办 filters and searches) are not their case's, as `<key> <case number>` lines. */
export function tasksWithStaleCaseCopies(server: TestServer): string[] {
  const flags = `CASE WHEN a.flags IS NULL OR a.flags IN ('', '[]', 'null') THEN '' ELSE a.flags END`;
  const serial = `CAST(substr(a.case_no, length(rtrim(a.case_no, replace(a.case_no, '-', ''))) + 1) AS INTEGER)`;
  return rows(server, `SELECT t.key || ' ' || a.case_no FROM tasks t JOIN applications a ON a.id = t.application
    WHERE t.workflow_key IS NOT a.workflow_key OR t.case_serial IS NOT ${serial} OR t.case_flags IS NOT (${flags}) OR t.case_flagged IS NOT ((${flags}) != '')
      OR t.case_no IS NOT a.case_no OR t.case_title IS NOT a.title`);
}

/** How many rows of `table` the test server holds (the checks above are over all of them). */
export function rowCount(server: TestServer, table: 'events' | 'tasks'): number {
  return Number(rows(server, `SELECT count(*) FROM ${table}`)[0]);
}
