/**
 * The dashboard's approved subjects (`coverage`): per process, the distinct subjects whose case was
 * approved in a period, each case at the moment it was approved, a case without a subject alone.
 *
 * dashboard_approved (migration 1764201901) keeps each approved case with, per scope (every
 * division, its county, its township), the moment the same subject's previous case of the same
 * process there was approved. A subject counts in a period for its first approval in it — the one
 * whose previous approval is before the period — so the distinct count is a count of one index range
 * per process. The write path only notes the cases whose approval changed
 * (dashboard_approved_changed); {@link linkChangedApprovals} brings the kept rows up to date before
 * a count.
 */
import type { PbApp } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

const scopes = { all: [], county: ['county'], township: ['township'] } as const;

/** The previous approval in the scope of `columns`, in the order (at, id); `''` for none (a row without a subject keeps its `''`: the window skips it). */
const previousIn = (columns: readonly string[]) =>
  `COALESCE(lag(at) OVER (PARTITION BY ${['workflow_key', 'subject', ...columns].join(', ')} ORDER BY at, id), '')`;

/**
 * The statements that bring dashboard_approved up to date with the cases noted in
 * dashboard_approved_changed, in order, in one transaction (plain SQL, no parameters: the generated
 * counties run them in the sqlite3 shell too). Each noted case's kept row goes, its row as the case
 * now stands comes back (if approved: at the moment it became approved, or the moment kept before),
 * and the chains of every process and subject the old or the new row belongs to are computed again.
 */
export const linkStatements: readonly string[] = [
  // The key and moment each noted case was kept with, before its row goes.
  `UPDATE dashboard_approved_changed AS c SET workflow_key = k.workflow_key, subject = k.subject, kept_at = k.at
     FROM dashboard_approved k WHERE k.id = c.id`,
  `DELETE FROM dashboard_approved WHERE id IN (SELECT id FROM dashboard_approved_changed)`,
  `INSERT INTO dashboard_approved (id, workflow_key, subject, county, township, at)
     SELECT a.id, a.workflow_key, a.subject, a.county, a.township, COALESCE(c.at, c.kept_at, a.updated)
     FROM dashboard_approved_changed c JOIN applications a ON a.id = c.id WHERE a.outcome = 'approved'`,
  `UPDATE dashboard_approved AS k SET prev_all = w.prev_all, prev_county = w.prev_county, prev_township = w.prev_township
     FROM (SELECT id, ${previousIn(scopes.all)} AS prev_all, ${previousIn(scopes.county)} AS prev_county, ${previousIn(scopes.township)} AS prev_township
           FROM dashboard_approved
           WHERE subject != '' AND (workflow_key, subject) IN (SELECT workflow_key, subject FROM dashboard_approved_changed WHERE subject IS NOT NULL
                                             UNION SELECT a.workflow_key, a.subject FROM dashboard_approved_changed c JOIN applications a ON a.id = c.id)) w
     WHERE k.id = w.id AND (k.prev_all IS NOT w.prev_all OR k.prev_county IS NOT w.prev_county OR k.prev_township IS NOT w.prev_township)`,
  `DELETE FROM dashboard_approved_changed`,
];

/** Links the cases noted since the last count (none: nothing is written). */
export function linkChangedApprovals(app: PbApp): void {
  if (selectRows(app, 'SELECT EXISTS (SELECT 1 FROM dashboard_approved_changed) AS n', {}, { n: 0 })[0]?.n === 0) return;
  app.runInTransaction((tx) => {
    for (const sql of linkStatements) tx.db().newQuery(sql).bind({}).execute();
  });
}

/**
 * The approved subjects per process of a division's cases in a period (`{:from}`, `{:to}` in
 * `params`): for the county, a township or every division (`level` `''`) one range of the scope's
 * index per process; for a village through its cases (the village index), distinct — a few
 * thousand cases. `where` keeps the division's rows (alias `a`). Call {@link linkChangedApprovals}
 * first.
 */
export function approvedSubjects(app: PbApp, scope: { where: string; level: '' | 'county' | 'township' | 'village' }, params: Record<string, unknown>): { workflow: string; subjects: number }[] {
  const row = { workflow: '', subjects: 0 };
  if (scope.level === 'village') {
    return selectRows(
      app,
      `SELECT a.workflow_key AS workflow, COUNT(DISTINCT NULLIF(a.subject, '')) + SUM(CASE WHEN a.subject = '' THEN 1 ELSE 0 END) AS subjects
       FROM applications a INDEXED BY idx_applications_village JOIN dashboard_approved k ON k.id = a.id
       WHERE k.at >= {:from} AND k.at < {:to} AND ${scope.where}
       GROUP BY a.workflow_key ORDER BY a.workflow_key`,
      params,
      row,
    );
  }
  const level = scope.level === '' ? 'all' : scope.level;
  // `workflow_key IN` the processes: one range per key, read in the keys' order, so the grouping needs no sort.
  return selectRows(
    app,
    `SELECT a.workflow_key AS workflow, COUNT(*) AS subjects
     FROM dashboard_approved a INDEXED BY idx_dashboard_approved_${level}
     WHERE ${scope.where} AND a.workflow_key IN (SELECT key FROM workflow_definitions)
       AND a.at >= {:from} AND a.at < {:to} AND a.prev_${level} < {:from}
     GROUP BY a.workflow_key ORDER BY a.workflow_key`,
    params,
    row,
  );
}
