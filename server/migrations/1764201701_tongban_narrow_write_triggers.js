/// <reference path="../pb_data/types.d.ts" />
// The write lock (issue 14, point 1; docs/benchmarks.md "Triggers compiled into every write").
// SQLite compiles a table's triggers into every statement that may fire them, when the statement
// is prepared — and the command path prepares each of its statements afresh, inside the lock. Two
// groups of triggers were compiled into nearly every write of a command, whether they then fired
// or not:
//
// - dashboard_case_updated (1764200201) fired on an update of any column of a case, its WHEN
//   testing twelve: its body (eight upserts, one over json_each of the decisions) was compiled into
//   the version compare-and-swap `UPDATE applications SET version = …`, which changes none of them,
//   and into every save of a case. Measured with the sqlite3 shell on a replayed county: 240 µs per
//   compare-and-swap with it, 25–40 µs without.
// - tasks_case_filters_inserted (1764201301) and tasks_process_key_inserted (1764200201) set a new
//   task's copies of its case (serial, flags, process key) by an UPDATE of the task — an UPDATE of a
//   table with eighteen indexes — compiled into every task insert: 390 µs per insert with them,
//   120 µs without.
//
// Now:
// - Each kept figure has its own trigger, `AFTER UPDATE OF` the columns it reads: a statement that
//   sets none of them compiles none, and one that sets a step compiles only the running figure's.
//   What each adds and subtracts is exactly the old trigger's part for that figure (a figure whose
//   columns did not change subtracted and added the same row before, a net nothing).
// - A task is inserted with its copies already right, by every writer (the command path's
//   setQueueFilterCopies, the bulk copies, the generated counties), and a BEFORE INSERT trigger
//   refuses one whose copies disagree with its case (a SELECT, 30 µs): a writer that forgets them
//   fails loudly instead of leaving a task the 待办 filters miss. A task inserted before its case
//   exists is still set from the case when the case is inserted (applications_case_filters_inserted),
//   and an updated task is still set back from its case (tasks_case_filters_updated,
//   tasks_process_key_updated).

const chinaDay = (column) => `COALESCE(date(${column}, '+8 hours'), '')`;
const decisionsOf = (row) => `json_each(CASE WHEN json_valid(${row}.decisions) THEN ${row}.decisions ELSE '{}' END)`;
const approvedItem = `json_extract(d.value, '$.outcome') = 'approved' AND json_extract(d.value, '$.at') IS NOT NULL`;
const minus = (sign) => (sign > 0 ? '' : '-');

/** Each kept figure: the case columns it reads, and its statement adding (1) or subtracting (-1) one row's part. */
const figures = {
  started: {
    columns: ['created', 'county', 'township', 'workflow_key', 'status', 'outcome'],
    part: (row, sign) => `INSERT INTO dashboard_started (day, county, township, workflow_key, started, active, done, approved, rejected, withdrawn)
       VALUES (${chinaDay(`${row}.created`)}, ${row}.county, ${row}.township, ${row}.workflow_key, ${minus(sign)}1, ${minus(sign)}(${row}.status = 'active'), ${minus(sign)}(${row}.status = 'done'),
         ${minus(sign)}(${row}.outcome = 'approved'), ${minus(sign)}(${row}.outcome = 'rejected'), ${minus(sign)}(${row}.outcome = 'withdrawn'))
       ON CONFLICT (day, county, township, workflow_key) DO UPDATE SET started = started + excluded.started, active = active + excluded.active,
         done = done + excluded.done, approved = approved + excluded.approved, rejected = rejected + excluded.rejected, withdrawn = withdrawn + excluded.withdrawn;`,
  },
  ended: {
    columns: ['updated', 'county', 'township', 'status', 'due_at'],
    part: (row, sign) => `INSERT INTO dashboard_ended (day, county, township, on_time, late)
       SELECT ${chinaDay(`${row}.updated`)}, ${row}.county, ${row}.township, ${minus(sign)}(${row}.due_at = '' OR ${row}.updated <= ${row}.due_at), ${minus(sign)}(${row}.due_at != '' AND ${row}.updated > ${row}.due_at)
       WHERE ${row}.status = 'done'
       ON CONFLICT (day, county, township) DO UPDATE SET on_time = on_time + excluded.on_time, late = late + excluded.late;`,
    // Only a case that is or was done has a part.
    when: "(OLD.status = 'done' OR NEW.status = 'done')",
  },
  amounts: {
    columns: ['decisions', 'county', 'township', 'workflow_key'],
    part: (row, sign) => `INSERT INTO dashboard_amounts (day, county, township, workflow_key, amount, decisions)
       SELECT ${chinaDay("json_extract(d.value, '$.at')")}, ${row}.county, ${row}.township, ${row}.workflow_key,
         ${minus(sign)}SUM(COALESCE(json_extract(d.value, '$.amount'), 0)), ${minus(sign)}COUNT(*)
       FROM ${decisionsOf(row)} d WHERE ${approvedItem}
       GROUP BY 1
       ON CONFLICT (day, county, township, workflow_key) DO UPDATE SET amount = amount + excluded.amount, decisions = decisions + excluded.decisions;`,
  },
  running: {
    columns: ['county', 'township', 'village', 'workflow_key', 'step', 'step_name', 'status'],
    part: (row, sign) => `INSERT INTO dashboard_running (county, township, village, workflow_key, step, step_name, active)
       SELECT ${row}.county, ${row}.township, ${row}.village, ${row}.workflow_key, ${row}.step, ${row}.step_name, ${minus(sign)}1
       WHERE ${row}.status = 'active'
       ON CONFLICT (county, township, village, workflow_key, step, step_name) DO UPDATE SET active = active + excluded.active;`,
    // Only a case that is or was active has a part.
    when: "(OLD.status = 'active' OR NEW.status = 'active')",
  },
};

const figureTrigger = (name, figure) => {
  const changed = figure.columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const when = figure.when ? `${figure.when} AND (${changed})` : changed;
  return `CREATE TRIGGER dashboard_${name}_case_updated AFTER UPDATE OF ${figure.columns.join(', ')} ON applications WHEN ${when}
     BEGIN ${figure.part('OLD', -1)} ${figure.part('NEW', 1)} END`;
};
const figureTriggerNames = Object.keys(figures).map((name) => `dashboard_${name}_case_updated`);

// The old trigger, restored by the down migration (1764200201's text).
const watchedBefore = ['created', 'updated', 'county', 'township', 'village', 'workflow_key', 'status', 'outcome', 'due_at', 'step', 'step_name', 'decisions'];
const wholeCaseTrigger = `CREATE TRIGGER dashboard_case_updated AFTER UPDATE ON applications WHEN ${watchedBefore.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')} BEGIN
  ${Object.values(figures).map((f) => f.part('OLD', -1)).join('\n')} ${Object.values(figures).map((f) => f.part('NEW', 1)).join('\n')} END`;

const serialOf = (row) => `CAST(substr(${row}.case_no, length(rtrim(${row}.case_no, replace(${row}.case_no, '-', ''))) + 1) AS INTEGER)`;
const flagsOf = (row) => `CASE WHEN ${row}.flags IS NULL OR ${row}.flags IN ('', '[]', 'null') THEN '' ELSE ${row}.flags END`;

const taskCopiesChecked = `CREATE TRIGGER tasks_case_copies_checked BEFORE INSERT ON tasks BEGIN
  SELECT RAISE(ABORT, 'tasks: 任务的案件副本（workflow_key、case_serial、case_flags、case_flagged）与其案件不符')
  FROM applications a WHERE a.id = NEW.application AND (NEW.workflow_key IS NOT a.workflow_key OR NEW.case_serial IS NOT ${serialOf('a')}
    OR NEW.case_flags IS NOT (${flagsOf('a')}) OR NEW.case_flagged IS NOT ((${flagsOf('a')}) != '')); END`;

// The insert triggers restored by the down migration (1764200201's and 1764201301's text).
const caseSerial = (id) => `COALESCE((SELECT ${serialOf('a')} FROM applications a WHERE a.id = ${id}), 0)`;
const caseFlags = (id) => `COALESCE((SELECT ${flagsOf('a')} FROM applications a WHERE a.id = ${id}), '')`;
const taskInsertTriggersBefore = [
  `CREATE TRIGGER tasks_process_key_inserted AFTER INSERT ON tasks WHEN NEW.workflow_key = '' BEGIN
     UPDATE tasks SET workflow_key = COALESCE((SELECT workflow_key FROM applications WHERE id = NEW.application), '') WHERE id = NEW.id; END`,
  `CREATE TRIGGER tasks_case_filters_inserted AFTER INSERT ON tasks BEGIN UPDATE tasks SET case_serial = ${caseSerial('NEW.application')}, case_flags = ${caseFlags('NEW.application')}, case_flagged = (${caseFlags('NEW.application')} != '')
     WHERE id = NEW.id AND (case_serial IS NOT ${caseSerial('NEW.application')} OR case_flags IS NOT ${caseFlags('NEW.application')} OR case_flagged IS NOT (${caseFlags('NEW.application')} != '')); END`,
];

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  run(app, 'DROP TRIGGER IF EXISTS dashboard_case_updated');
  Object.entries(figures).forEach(([name, figure]) => run(app, figureTrigger(name, figure)));
  run(app, 'DROP TRIGGER IF EXISTS tasks_process_key_inserted');
  run(app, 'DROP TRIGGER IF EXISTS tasks_case_filters_inserted');
  run(app, taskCopiesChecked);
}, (app) => {
  run(app, 'DROP TRIGGER IF EXISTS tasks_case_copies_checked');
  taskInsertTriggersBefore.forEach((sql) => run(app, sql));
  figureTriggerNames.forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  run(app, wholeCaseTrigger);
});
