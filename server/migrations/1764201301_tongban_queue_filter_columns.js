/// <reference path="../pb_data/types.d.ts" />
// The 待办 filters by case number and by case flag at a county's scale (issue 14, point 2;
// docs/benchmarks.md "Queues at scale"). Both tested the case through the rule joins for every open
// task of the unit (`application.case_no ~ …`, `application.flags ~ …`: a LIKE, no index), 135 ms of
// server CPU for a township's 8,900 open tasks. Each task now carries what those filters read:
//
// - tasks.case_serial: the number after the last '-' of its case's number (`DIBAO-2026-000123` → 123);
//   the queue's search for a case number or its tail digits narrows by it through
//   idx_tasks_queue_serial (assignee_unit, status, case_serial, due_at, created).
// - tasks.case_flags: its case's flags as stored (`["relativeFiling"]`), '' when it has none, and
//   tasks.case_flagged whether it has any; the flag filter reads only the unit's flagged tasks, in the
//   queue's order, through idx_tasks_queue_flagged (assignee_unit, status, case_flagged, due_at, created).
// Both indexes end in the queue's sort (due_at, created): with a LIMIT the planner prefers an index
// that needs no sort, so one that narrows without it would lose to idx_tasks_queue_due.
//
// SQLite triggers keep both in the statement that writes the case or the task — a command's model
// save, a prepared-SQL write, a bulk copy, a migration — so they change in the same transaction as
// the case's flags and no write path can forget them: a task inserted or saved with other values
// (a copied row, a record loaded before its case changed) is set back from its case. This
// migration fills them for the data folder's tasks.

const serialOf = (row) => `CAST(substr(${row}.case_no, length(rtrim(${row}.case_no, replace(${row}.case_no, '-', ''))) + 1) AS INTEGER)`;
const flagsOf = (row) => `CASE WHEN ${row}.flags IS NULL OR ${row}.flags IN ('', '[]', 'null') THEN '' ELSE ${row}.flags END`;
const caseSerial = (id) => `COALESCE((SELECT ${serialOf('a')} FROM applications a WHERE a.id = ${id}), 0)`;
const caseFlags = (id) => `COALESCE((SELECT ${flagsOf('a')} FROM applications a WHERE a.id = ${id}), '')`;
const fromCase = (id) => `UPDATE tasks SET case_serial = ${caseSerial(id)}, case_flags = ${caseFlags(id)}, case_flagged = (${caseFlags(id)} != '')
     WHERE id = ${id.replace('application', 'id')} AND (case_serial IS NOT ${caseSerial(id)} OR case_flags IS NOT ${caseFlags(id)} OR case_flagged IS NOT (${caseFlags(id)} != ''));`;

const triggers = [
  `CREATE TRIGGER tasks_case_filters_inserted AFTER INSERT ON tasks BEGIN ${fromCase('NEW.application')} END`,
  `CREATE TRIGGER tasks_case_filters_updated AFTER UPDATE OF application, case_serial, case_flags, case_flagged ON tasks BEGIN ${fromCase('NEW.application')} END`,
  `CREATE TRIGGER applications_case_filters_inserted AFTER INSERT ON applications BEGIN
     UPDATE tasks SET case_serial = ${serialOf('NEW')}, case_flags = ${flagsOf('NEW')}, case_flagged = (${flagsOf('NEW')} != '')
     WHERE application = NEW.id AND (case_serial IS NOT ${serialOf('NEW')} OR case_flags IS NOT ${flagsOf('NEW')}); END`,
  `CREATE TRIGGER applications_case_filters_updated AFTER UPDATE OF case_no, flags ON applications
     WHEN OLD.case_no IS NOT NEW.case_no OR OLD.flags IS NOT NEW.flags BEGIN
     UPDATE tasks SET case_serial = ${serialOf('NEW')}, case_flags = ${flagsOf('NEW')}, case_flagged = (${flagsOf('NEW')} != '')
     WHERE application = NEW.id AND (case_serial IS NOT ${serialOf('NEW')} OR case_flags IS NOT ${flagsOf('NEW')}); END`,
];
const triggerNames = ['tasks_case_filters_inserted', 'tasks_case_filters_updated', 'applications_case_filters_inserted', 'applications_case_filters_updated'];

const backfill = [
  `UPDATE tasks SET case_serial = ${caseSerial('tasks.application')}`,
  `UPDATE tasks SET case_flags = ${caseFlags('tasks.application')}, case_flagged = 1
     WHERE application IN (SELECT id FROM applications WHERE ${flagsOf('applications')} != '')`,
];

const indexes = [
  'CREATE INDEX idx_tasks_queue_serial ON tasks (assignee_unit, status, case_serial, due_at, created)',
  'CREATE INDEX idx_tasks_queue_flagged ON tasks (assignee_unit, status, case_flagged, due_at, created)',
];
const named = (sql) => sql.split(' ')[2];

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.add(new NumberField({ name: 'case_serial', onlyInt: true }));
  tasks.fields.add(new TextField({ name: 'case_flags', max: 2000 }));
  tasks.fields.add(new BoolField({ name: 'case_flagged' }));
  app.save(tasks);
  backfill.forEach((sql) => run(app, sql));
  triggers.forEach((sql) => run(app, sql));
  const withColumns = app.findCollectionByNameOrId('tasks');
  withColumns.indexes = withColumns.indexes.concat(indexes);
  app.save(withColumns);
  // A data folder whose planner has statistics gets them for the new indexes too (an index without
  // them looks cheaper than it is); a folder without statistics keeps none.
  const stats = new DynamicModel({ n: 0 });
  app.db().newQuery("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").one(stats);
  if (stats.n > 0) {
    run(app, 'PRAGMA analysis_limit = 1000');
    indexes.map(named).forEach((name) => run(app, `ANALYZE ${name}`));
  }
}, (app) => {
  triggerNames.forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.filter((i) => !indexes.map(named).some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));
  tasks.fields.removeByName('case_serial');
  tasks.fields.removeByName('case_flags');
  tasks.fields.removeByName('case_flagged');
  app.save(tasks);
});
