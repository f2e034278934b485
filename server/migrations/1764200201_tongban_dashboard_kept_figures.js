/// <reference path="../pb_data/types.d.ts" />
// Dashboards at a county's scale (issue 14, point 2; docs/benchmarks.md "Queues at scale"): the
// figures the deadline counts (server/adapter/deadlineStats.ts) and the bureau's dashboard
// (dashboardFigures.ts) aggregate are kept as the cases and tasks are written, so a county's
// dashboard reads thousands of kept rows instead of a million cases.
//
// - tasks.workflow_key: the case's process key on each task (set by the command's writes; a task
//   inserted without it takes its case's key by trigger), and partial covering indexes of the open
//   tasks per jurisdiction level — the deadline counts read one index range, no join to the cases.
// - dashboard_started: cases per China day of `created`, county, township and process, with their
//   state now (started, active, done, approved, rejected, withdrawn).
// - dashboard_ended: ended cases per China day of `updated`, county and township, on time or late.
// - dashboard_amounts: approved decision items per China day of their `at`, county, township and
//   process (amount, count).
// - dashboard_running: active cases per county, township, village, process and step.
//
// Each is kept by SQLite triggers on applications, which run inside the statement that writes the
// case — a command's model save, a prepared-SQL write, a bulk start's INSERT … SELECT, a case
// migration, the timer sweep, a deletion — so the figures change in the same transaction as the
// case, and no write path can forget them. A trigger subtracts the old row's contribution and adds
// the new one's, only when a column it reads changed. A later migration that drops or renames one
// of the columns these triggers read drops or rewrites the triggers first.
// This migration fills them (and the tasks' key) from the data folder's cases.

const chinaDay = (column) => `COALESCE(date(${column}, '+8 hours'), '')`;
const decisionsOf = (row) => `json_each(CASE WHEN json_valid(${row}.decisions) THEN ${row}.decisions ELSE '{}' END)`;
const approvedItem = `json_extract(d.value, '$.outcome') = 'approved' AND json_extract(d.value, '$.at') IS NOT NULL`;

const tables = [
  `CREATE TABLE dashboard_started (day TEXT NOT NULL, county TEXT NOT NULL, township TEXT NOT NULL, workflow_key TEXT NOT NULL,
     started INTEGER NOT NULL, active INTEGER NOT NULL, done INTEGER NOT NULL, approved INTEGER NOT NULL, rejected INTEGER NOT NULL, withdrawn INTEGER NOT NULL,
     PRIMARY KEY (day, county, township, workflow_key)) WITHOUT ROWID`,
  'CREATE INDEX idx_dashboard_started_township ON dashboard_started (township, day)',
  `CREATE TABLE dashboard_ended (day TEXT NOT NULL, county TEXT NOT NULL, township TEXT NOT NULL, on_time INTEGER NOT NULL, late INTEGER NOT NULL,
     PRIMARY KEY (day, county, township)) WITHOUT ROWID`,
  `CREATE TABLE dashboard_amounts (day TEXT NOT NULL, county TEXT NOT NULL, township TEXT NOT NULL, workflow_key TEXT NOT NULL, amount NUMERIC NOT NULL, decisions INTEGER NOT NULL,
     PRIMARY KEY (day, county, township, workflow_key)) WITHOUT ROWID`,
  `CREATE TABLE dashboard_running (county TEXT NOT NULL, township TEXT NOT NULL, village TEXT NOT NULL, workflow_key TEXT NOT NULL, step TEXT NOT NULL, step_name TEXT NOT NULL, active INTEGER NOT NULL,
     PRIMARY KEY (county, township, village, workflow_key, step, step_name)) WITHOUT ROWID`,
  'CREATE INDEX idx_dashboard_running_township ON dashboard_running (township)',
  'CREATE INDEX idx_dashboard_running_village ON dashboard_running (village)',
];

/** The statements adding (sign 1) or subtracting (sign -1) one case row's (`row`: NEW or OLD) contribution. */
function contribution(row, sign) {
  const s = sign > 0 ? '' : '-';
  return [
    `INSERT INTO dashboard_started (day, county, township, workflow_key, started, active, done, approved, rejected, withdrawn)
       VALUES (${chinaDay(`${row}.created`)}, ${row}.county, ${row}.township, ${row}.workflow_key, ${s}1, ${s}(${row}.status = 'active'), ${s}(${row}.status = 'done'),
         ${s}(${row}.outcome = 'approved'), ${s}(${row}.outcome = 'rejected'), ${s}(${row}.outcome = 'withdrawn'))
       ON CONFLICT (day, county, township, workflow_key) DO UPDATE SET started = started + excluded.started, active = active + excluded.active,
         done = done + excluded.done, approved = approved + excluded.approved, rejected = rejected + excluded.rejected, withdrawn = withdrawn + excluded.withdrawn;`,
    `INSERT INTO dashboard_ended (day, county, township, on_time, late)
       SELECT ${chinaDay(`${row}.updated`)}, ${row}.county, ${row}.township, ${s}(${row}.due_at = '' OR ${row}.updated <= ${row}.due_at), ${s}(${row}.due_at != '' AND ${row}.updated > ${row}.due_at)
       WHERE ${row}.status = 'done'
       ON CONFLICT (day, county, township) DO UPDATE SET on_time = on_time + excluded.on_time, late = late + excluded.late;`,
    `INSERT INTO dashboard_amounts (day, county, township, workflow_key, amount, decisions)
       SELECT ${chinaDay("json_extract(d.value, '$.at')")}, ${row}.county, ${row}.township, ${row}.workflow_key,
         ${s}SUM(COALESCE(json_extract(d.value, '$.amount'), 0)), ${s}COUNT(*)
       FROM ${decisionsOf(row)} d WHERE ${approvedItem}
       GROUP BY 1
       ON CONFLICT (day, county, township, workflow_key) DO UPDATE SET amount = amount + excluded.amount, decisions = decisions + excluded.decisions;`,
    `INSERT INTO dashboard_running (county, township, village, workflow_key, step, step_name, active)
       SELECT ${row}.county, ${row}.township, ${row}.village, ${row}.workflow_key, ${row}.step, ${row}.step_name, ${s}1
       WHERE ${row}.status = 'active'
       ON CONFLICT (county, township, village, workflow_key, step, step_name) DO UPDATE SET active = active + excluded.active;`,
  ].join('\n');
}

const watched = ['created', 'updated', 'county', 'township', 'village', 'workflow_key', 'status', 'outcome', 'due_at', 'step', 'step_name', 'decisions'];
const changed = watched.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

const triggers = [
  `CREATE TRIGGER dashboard_case_inserted AFTER INSERT ON applications BEGIN ${contribution('NEW', 1)} END`,
  `CREATE TRIGGER dashboard_case_deleted AFTER DELETE ON applications BEGIN ${contribution('OLD', -1)} END`,
  `CREATE TRIGGER dashboard_case_updated AFTER UPDATE ON applications WHEN ${changed} BEGIN ${contribution('OLD', -1)} ${contribution('NEW', 1)} END`,
  `CREATE TRIGGER tasks_process_key_inserted AFTER INSERT ON tasks WHEN NEW.workflow_key = '' BEGIN
     UPDATE tasks SET workflow_key = COALESCE((SELECT workflow_key FROM applications WHERE id = NEW.application), '') WHERE id = NEW.id; END`,
  `CREATE TRIGGER tasks_process_key_updated AFTER UPDATE OF workflow_key ON tasks WHEN NEW.workflow_key = '' BEGIN
     UPDATE tasks SET workflow_key = COALESCE((SELECT workflow_key FROM applications WHERE id = NEW.application), '') WHERE id = NEW.id; END`,
];

const backfill = [
  `INSERT INTO dashboard_started SELECT ${chinaDay('created')}, county, township, workflow_key, COUNT(*), SUM(status = 'active'), SUM(status = 'done'),
     SUM(outcome = 'approved'), SUM(outcome = 'rejected'), SUM(outcome = 'withdrawn') FROM applications GROUP BY 1, 2, 3, 4`,
  `INSERT INTO dashboard_ended SELECT ${chinaDay('updated')}, county, township, SUM(due_at = '' OR updated <= due_at), SUM(due_at != '' AND updated > due_at)
     FROM applications WHERE status = 'done' GROUP BY 1, 2, 3`,
  `INSERT INTO dashboard_amounts SELECT ${chinaDay("json_extract(d.value, '$.at')")}, a.county, a.township, a.workflow_key,
     SUM(COALESCE(json_extract(d.value, '$.amount'), 0)), COUNT(*)
     FROM applications a, ${decisionsOf('a')} d WHERE ${approvedItem} GROUP BY 1, 2, 3, 4`,
  `INSERT INTO dashboard_running SELECT county, township, village, workflow_key, step, step_name, COUNT(*) FROM applications WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6`,
  `UPDATE tasks SET workflow_key = COALESCE((SELECT a.workflow_key FROM applications a WHERE a.id = tasks.application), '') WHERE workflow_key = ''`,
];

const openTaskIndexes = {
  add: ['county', 'township', 'village'].map((level) => `CREATE INDEX idx_tasks_open_${level}_step ON tasks (${level}, workflow_key, step, step_name, due_at, status) WHERE status = 'open'`),
  drop: ['county', 'township', 'village'].map((level) => `CREATE INDEX idx_tasks_open_${level} ON tasks (${level}) WHERE status = 'open'`),
};
const named = (sql) => sql.split(' ')[2];

/** The tasks' indexes without those named in `drop`, with those of `add`. */
function swappedIndexes(current, add, drop) {
  const gone = drop.concat(add).map(named);
  return current.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0)).concat(add);
}

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  // The key first, filled before the indexes that carry it are built.
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.add(new TextField({ name: 'workflow_key', max: 64 }));
  app.save(tasks);
  tables.forEach((sql) => run(app, sql));
  backfill.forEach((sql) => run(app, sql));
  triggers.forEach((sql) => run(app, sql));
  const withKey = app.findCollectionByNameOrId('tasks');
  withKey.indexes = swappedIndexes(withKey.indexes, openTaskIndexes.add, openTaskIndexes.drop);
  app.save(withKey);
}, (app) => {
  ['dashboard_case_inserted', 'dashboard_case_deleted', 'dashboard_case_updated', 'tasks_process_key_inserted', 'tasks_process_key_updated'].forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  ['dashboard_started', 'dashboard_ended', 'dashboard_amounts', 'dashboard_running'].forEach((name) => run(app, `DROP TABLE IF EXISTS ${name}`));
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = swappedIndexes(tasks.indexes, openTaskIndexes.drop, openTaskIndexes.add);
  tasks.fields.removeByName('workflow_key');
  app.save(tasks);
});
