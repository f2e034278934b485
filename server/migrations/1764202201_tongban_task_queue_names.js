/// <reference path="../pb_data/types.d.ts" />
// The 待办 search by name at a county's scale (issue 14, point 2; docs/benchmarks.md "The 待办
// search, on the task's own copies"). The search matches the typed text anywhere in the case number
// or the (masked) title, which task_queue read from each task's case: a search for a name that few
// cases carry walked the unit's every open task and looked up its case — 8,946 for the generated
// township, 135–265 ms in the server.
//
// Each task now carries its case's number and title as it carries its serial and flags
// (1764201301, 1764201701): tasks.case_no and tasks.case_title, set by every writer of a task,
// refused by the insert check when they disagree with the case, set back from the case by the same
// triggers when a task is updated or the case's number or title changes (a title is written when
// the case opens). task_queue reads them from the task, with no join; and idx_tasks_queue_due, the
// queue's order, ends in every column the queue's filter reads, so a task the search does not meet
// is passed over in the index, its row never read.

const serialOf = (row) => `CAST(substr(${row}.case_no, length(rtrim(${row}.case_no, replace(${row}.case_no, '-', ''))) + 1) AS INTEGER)`;
const flagsOf = (row) => `CASE WHEN ${row}.flags IS NULL OR ${row}.flags IN ('', '[]', 'null') THEN '' ELSE ${row}.flags END`;

/** The copies a task keeps of its case `row`, and the SQL of each. */
const copiesOf = (row) => ({
  case_serial: serialOf(row),
  case_flags: flagsOf(row),
  case_flagged: `(${flagsOf(row)} != '')`,
  case_no: `${row}.case_no`,
  case_title: `${row}.title`,
});
const setFrom = (copies) => Object.keys(copies).map((c) => `${c} = ${copies[c]}`).join(', ');
const differsFrom = (copies, prefix) => Object.keys(copies).map((c) => `${prefix}${c} IS NOT ${copies[c]}`).join(' OR ');

/** A copy read from the case of a task (`id`: the expression of the case's id), `fallback` when there is none. */
const fromCaseOf = (id) => {
  const column = (sql, fallback) => `COALESCE((SELECT ${sql} FROM applications a WHERE a.id = ${id}), ${fallback})`;
  const a = copiesOf('a');
  return { case_serial: column(a.case_serial, 0), case_flags: column(a.case_flags, "''"), case_flagged: `(${column(a.case_flags, "''")} != '')`, case_no: column(a.case_no, "''"), case_title: column(a.case_title, "''") };
};

const checkMessage = 'tasks: 任务的案件副本（workflow_key、case_serial、case_flags、case_flagged、case_no、case_title）与其案件不符';
const triggers = {
  tasks_case_copies_checked: `CREATE TRIGGER tasks_case_copies_checked BEFORE INSERT ON tasks BEGIN
  SELECT RAISE(ABORT, '${checkMessage}')
  FROM applications a WHERE a.id = NEW.application AND (NEW.workflow_key IS NOT a.workflow_key OR ${differsFrom(copiesOf('a'), 'NEW.')}); END`,
  tasks_case_filters_updated: `CREATE TRIGGER tasks_case_filters_updated AFTER UPDATE OF application, ${Object.keys(copiesOf('a')).join(', ')} ON tasks BEGIN
  UPDATE tasks SET ${setFrom(fromCaseOf('NEW.application'))} WHERE id = NEW.id AND (${differsFrom(fromCaseOf('NEW.application'), '')}); END`,
  applications_case_filters_inserted: `CREATE TRIGGER applications_case_filters_inserted AFTER INSERT ON applications BEGIN
  UPDATE tasks SET ${setFrom(copiesOf('NEW'))} WHERE application = NEW.id AND (${differsFrom(copiesOf('NEW'), '')}); END`,
  applications_case_filters_updated: `CREATE TRIGGER applications_case_filters_updated AFTER UPDATE OF case_no, flags, title ON applications
  WHEN OLD.case_no IS NOT NEW.case_no OR OLD.flags IS NOT NEW.flags OR OLD.title IS NOT NEW.title BEGIN
  UPDATE tasks SET ${setFrom(copiesOf('NEW'))} WHERE application = NEW.id AND (${differsFrom(copiesOf('NEW'), '')}); END`,
};

// The same four as 1764201301 and 1764201701 left them, for the down migration.
const before = {
  tasks_case_copies_checked: `CREATE TRIGGER tasks_case_copies_checked BEFORE INSERT ON tasks BEGIN
  SELECT RAISE(ABORT, 'tasks: 任务的案件副本（workflow_key、case_serial、case_flags、case_flagged）与其案件不符')
  FROM applications a WHERE a.id = NEW.application AND (NEW.workflow_key IS NOT a.workflow_key OR NEW.case_serial IS NOT ${serialOf('a')}
    OR NEW.case_flags IS NOT (${flagsOf('a')}) OR NEW.case_flagged IS NOT ((${flagsOf('a')}) != '')); END`,
  tasks_case_filters_updated: (() => {
    const f = fromCaseOf('NEW.application');
    const old = { case_serial: f.case_serial, case_flags: f.case_flags, case_flagged: f.case_flagged };
    return `CREATE TRIGGER tasks_case_filters_updated AFTER UPDATE OF application, case_serial, case_flags, case_flagged ON tasks BEGIN UPDATE tasks SET ${setFrom(old)}
     WHERE id = NEW.id AND (${differsFrom(old, '')}); END`;
  })(),
  applications_case_filters_inserted: `CREATE TRIGGER applications_case_filters_inserted AFTER INSERT ON applications BEGIN
     UPDATE tasks SET case_serial = ${serialOf('NEW')}, case_flags = ${flagsOf('NEW')}, case_flagged = (${flagsOf('NEW')} != '')
     WHERE application = NEW.id AND (case_serial IS NOT ${serialOf('NEW')} OR case_flags IS NOT ${flagsOf('NEW')}); END`,
  applications_case_filters_updated: `CREATE TRIGGER applications_case_filters_updated AFTER UPDATE OF case_no, flags ON applications
     WHEN OLD.case_no IS NOT NEW.case_no OR OLD.flags IS NOT NEW.flags BEGIN
     UPDATE tasks SET case_serial = ${serialOf('NEW')}, case_flags = ${flagsOf('NEW')}, case_flagged = (${flagsOf('NEW')} != '')
     WHERE application = NEW.id AND (case_serial IS NOT ${serialOf('NEW')} OR case_flags IS NOT ${flagsOf('NEW')}); END`,
};

const taskColumns = 't.id, t.application, t.key, t.step, t.step_name, t.level, t.assignee_unit, t.assignee_user, t.role, t.mode, t.status, t.due_at, t.village, t.township, t.county, t.closed_at, t.opened_at, t.workflow_key, t.case_serial, t.case_flags, t.case_flagged, t.created, t.updated';
const viewQuery = `SELECT ${taskColumns}, t.case_no, t.case_title AS title FROM tasks t`;
const viewQueryBefore = `SELECT ${taskColumns}, a.case_no, a.title
FROM tasks t JOIN applications a ON a.id = t.application`;

// The queue's order, then every column its filter reads without its case: the unit's tasks the filter
// does not meet are passed over in the index.
const queueIndex = 'CREATE INDEX idx_tasks_queue_due ON tasks (assignee_unit, status, due_at, created, mode, level, assignee_user, case_no, case_title)';
const queueIndexBefore = 'CREATE INDEX idx_tasks_queue_due ON tasks (assignee_unit, status, due_at, created)';
const named = (sql) => sql.replace(/`/g, '').split(' ')[2];
const withQueueIndex = (indexes, sql) => indexes.filter((i) => named(i) !== named(sql)).concat([sql]);

const run = (app, sql) => app.db().newQuery(sql).execute();
const replaceTriggers = (app, definitions) => Object.keys(definitions).forEach((name) => {
  run(app, `DROP TRIGGER IF EXISTS ${name}`);
  run(app, definitions[name]);
});

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.add(new TextField({ name: 'case_no', max: 40 }));
  tasks.fields.add(new TextField({ name: 'case_title', max: 200 }));
  app.save(tasks);
  run(app, `UPDATE tasks SET case_no = a.case_no, case_title = a.title FROM applications a WHERE a.id = tasks.application AND (a.case_no != '' OR a.title != '')`);
  replaceTriggers(app, triggers);
  const withCopies = app.findCollectionByNameOrId('tasks');
  withCopies.indexes = withQueueIndex(withCopies.indexes, queueIndex);
  app.save(withCopies);
  const view = app.findCollectionByNameOrId('task_queue');
  view.viewQuery = viewQuery;
  app.save(view);
}, (app) => {
  const view = app.findCollectionByNameOrId('task_queue');
  view.viewQuery = viewQueryBefore;
  app.save(view);
  replaceTriggers(app, before);
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = withQueueIndex(tasks.indexes, queueIndexBefore);
  tasks.fields.removeByName('case_no');
  tasks.fields.removeByName('case_title');
  app.save(tasks);
});
