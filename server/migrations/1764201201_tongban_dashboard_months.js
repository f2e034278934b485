/// <reference path="../pb_data/types.d.ts" />
// Dashboards at a county's scale, second pass (issue 14, point 2; docs/benchmarks.md "Dashboards at a
// million cases"): the two answers that missed a second.
//
// - A township's step times read every task the county closed in the period, row by row, to keep
//   its township's (1.6 s on a million cases): the done tasks are now indexed per county and per
//   township by the day they closed, carrying what the step times read (process key, step, opened),
//   so a division's step times read one index range and no task row; every division's too.
// - The county over years read 340,000 kept per-day rows twice (cases by process, by township):
//   dashboard_started_month keeps the same figures per month, so a period reads its whole months
//   there and only the days of its first and last partial months per day. It is kept by triggers on
//   dashboard_started (itself kept by the cases' triggers, migration 1764200201), inside the same
//   statement that writes the case, and filled here from dashboard_started.

const tables = [
  `CREATE TABLE dashboard_started_month (month TEXT NOT NULL, county TEXT NOT NULL, township TEXT NOT NULL, workflow_key TEXT NOT NULL,
     started INTEGER NOT NULL, active INTEGER NOT NULL, done INTEGER NOT NULL, approved INTEGER NOT NULL, rejected INTEGER NOT NULL, withdrawn INTEGER NOT NULL,
     PRIMARY KEY (month, county, township, workflow_key)) WITHOUT ROWID`,
  'CREATE INDEX idx_dashboard_started_month_township ON dashboard_started_month (township, month)',
];

const figures = ['started', 'active', 'done', 'approved', 'rejected', 'withdrawn'];

/** Adds `values` (one SQL expression per figure) to the month of the per-day row `row` (NEW or OLD). */
const addToMonth = (row, values) => `INSERT INTO dashboard_started_month (month, county, township, workflow_key, ${figures.join(', ')})
  VALUES (substr(${row}.day, 1, 7), ${row}.county, ${row}.township, ${row}.workflow_key, ${values.join(', ')})
  ON CONFLICT (month, county, township, workflow_key) DO UPDATE SET ${figures.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')};`;

const triggers = [
  `CREATE TRIGGER dashboard_started_month_inserted AFTER INSERT ON dashboard_started BEGIN ${addToMonth('NEW', figures.map((f) => `NEW.${f}`))} END`,
  `CREATE TRIGGER dashboard_started_month_deleted AFTER DELETE ON dashboard_started BEGIN ${addToMonth('OLD', figures.map((f) => `-OLD.${f}`))} END`,
  // The cases' triggers only add to a per-day row's figures (its key never changes); a key change
  // is moved whole all the same.
  `CREATE TRIGGER dashboard_started_month_updated AFTER UPDATE ON dashboard_started BEGIN
     ${addToMonth('OLD', figures.map((f) => `-OLD.${f}`))}
     ${addToMonth('NEW', figures.map((f) => `NEW.${f}`))} END`,
];

const backfill = [
  `INSERT INTO dashboard_started_month SELECT substr(day, 1, 7), county, township, workflow_key, ${figures.map((f) => `SUM(${f})`).join(', ')}
     FROM dashboard_started GROUP BY 1, 2, 3, 4`,
];

const doneTaskIndexes = [
  "CREATE INDEX idx_tasks_done_county ON tasks (county, closed_at, workflow_key, step, step_name, created, status) WHERE status = 'done'",
  "CREATE INDEX idx_tasks_done_township ON tasks (township, closed_at, workflow_key, step, step_name, created, status) WHERE status = 'done'",
  "CREATE INDEX idx_tasks_done_all ON tasks (closed_at, workflow_key, step, step_name, created, status) WHERE status = 'done'",
];
const named = (sql) => sql.split(' ')[2];
/** The tasks' indexes without those this migration adds. */
const withoutIndexes = (current) => current.filter((i) => !doneTaskIndexes.map(named).some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));
const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  tables.forEach((sql) => run(app, sql));
  backfill.forEach((sql) => run(app, sql));
  triggers.forEach((sql) => run(app, sql));
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = withoutIndexes(tasks.indexes).concat(doneTaskIndexes);
  app.save(tasks);
  // A data folder whose planner has statistics gets them for the new table too (the step times name
  // their index); a folder without statistics keeps none.
  const stats = new DynamicModel({ n: 0 });
  app.db().newQuery("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").one(stats);
  if (stats.n > 0) run(app, 'ANALYZE dashboard_started_month');
}, (app) => {
  ['dashboard_started_month_inserted', 'dashboard_started_month_deleted', 'dashboard_started_month_updated'].forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  run(app, 'DROP TABLE IF EXISTS dashboard_started_month');
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = withoutIndexes(tasks.indexes);
  app.save(tasks);
});
