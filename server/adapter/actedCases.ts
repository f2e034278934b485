/**
 * The acts kept per actor and case for 已办 with a filter (migration 1764202101): acted_cases holds,
 * per actor and case they wrote events on, how many and the last one's moment, beside a copy of the
 * case's filter columns (process, step, township, village, due date, flags). The write path only
 * notes the cases whose events or filter columns changed (acted_cases_changed);
 * {@link linkActedCases} brings their rows up to date before a count, and the minute's background
 * work does too.
 */
import type { PbApp } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/**
 * How many noted cases one linking transaction takes: it holds the write lock, which commands wait
 * for. On the million-case county 50 recently written cases took 4–10 ms in the server (200: 20–55
 * ms; cases not in the page cache, 120–160 ms for 200): each case's filter columns are read past its
 * large JSON columns, and each event's actor past its patch.
 */
export const casesPerLink = 50;

/**
 * The statements that bring acted_cases up to date with the noted cases, in order, in one
 * transaction (plain SQL, no parameters: the generated counties run them in the sqlite3 shell too).
 * Each noted case's rows go, and come back as its events and its row now stand (none for a case
 * that is gone). `batch`: at most that many noted cases (the first by id), else every one.
 */
export function linkStatements(batch?: number): string[] {
  const noted = `SELECT application FROM acted_cases_changed${batch === undefined ? '' : ` ORDER BY application LIMIT ${batch}`}`;
  return [
    `DELETE FROM acted_cases WHERE application IN (${noted})`,
    `INSERT INTO acted_cases (actor_id, application, events, last_at, workflow_key, step, township, village, due_at, flags)
       SELECT e.actor_id, e.application, count(*), max(e.created), c.workflow_key, c.step, c.township, c.village, c.due_at, c.flags
       FROM (${noted}) n JOIN applications c ON c.id = n.application JOIN events e ON e.application = n.application
       WHERE e.actor_id != '' GROUP BY e.actor_id, e.application`,
    `DELETE FROM acted_cases_changed WHERE application IN (${noted})`,
  ];
}

const batchStatements = linkStatements(casesPerLink);

/**
 * Links the cases noted so far, {@link casesPerLink} to a transaction, so that no command waits
 * behind a long one (cases noted meanwhile are linked by the next count or the next minute).
 * Nothing noted: one read, nothing written.
 */
export function linkActedCases(app: PbApp): void {
  const noted = selectRows(app, 'SELECT count(*) AS n FROM acted_cases_changed', {}, { n: 0 })[0]?.n ?? 0;
  for (let left = noted; left > 0; left -= casesPerLink) {
    app.runInTransaction((tx) => {
      for (const sql of batchStatements) tx.db().newQuery(sql).bind({}).execute();
    });
  }
}
