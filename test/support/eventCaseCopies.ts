import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestServer } from './pocketbase.js';

/**
 * The events of a test server whose copies of their case's number and title (migration 1764202301:
 * what 已办 shows and searches) are not their case's, as `<event action> <case number>` lines, read
 * from the data folder. Every writer of an event sets them; no trigger sets them on insert.
 */
export function eventsWithStaleCaseCopies(server: TestServer): string[] {
  const sql = `SELECT e.action || ' ' || a.case_no || ' (' || e.case_no || ', ' || e.case_title || ')' FROM events e JOIN applications a ON a.id = e.application
    WHERE e.case_no IS NOT a.case_no OR e.case_title IS NOT a.title`;
  return execFileSync('sqlite3', ['-readonly', path.join(server.dataDir, 'data.db'), sql], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

/** How many events the test server holds (the checks above are over all of them). */
export function eventCount(server: TestServer): number {
  return Number(execFileSync('sqlite3', ['-readonly', path.join(server.dataDir, 'data.db'), 'SELECT count(*) FROM events'], { encoding: 'utf8' }).trim());
}
