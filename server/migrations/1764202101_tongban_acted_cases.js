/// <reference path="../pb_data/types.d.ts" />
// The queue counts with a filter (issue 14, point 2; docs/benchmarks.md "已办 with a filter, kept"):
// 已办 counts an officer's acts whose case meets the queue page's filter (its process, step, township,
// village, due date, flags). Those columns change with almost every command, so each act was looked
// up in its case: the generated township officer's 71,946 acts, 153–426 ms a count (budget 50 ms).
//
// acted_cases keeps one row per actor and case they acted on: how many events they wrote on it, the
// last one's moment, and a copy of the case's filter columns. An officer's filtered 已办 is then a sum
// over their own rows (the table's key begins with the actor): no case row is read, but for the acts
// before their last change of unit or role, which the rule decides case by case.
//
// - The write path only notes which cases changed: triggers add the case's id to
//   acted_cases_changed when an event with an actor is written, changed or deleted, and when a case is
//   written, or its filter columns change, or it is deleted. One upsert of a one-index table: keeping
//   the copies by triggers would rewrite every actor's row of a case in every command that moves it,
//   under the write lock.
// - Whoever counts links the noted cases first (server/adapter/actedCases.ts): their rows out, their
//   rows as their events and the case now stand in, in one transaction; the minute's background work
//   links them too, so a count seldom finds many.

const tables = [
  `CREATE TABLE acted_cases (actor_id TEXT NOT NULL, application TEXT NOT NULL, events INTEGER NOT NULL, last_at TEXT NOT NULL,
    workflow_key TEXT NOT NULL, step TEXT NOT NULL, township TEXT NOT NULL, village TEXT NOT NULL, due_at TEXT NOT NULL, flags TEXT,
    PRIMARY KEY (actor_id, application)) WITHOUT ROWID`,
  // The linking drops a noted case's rows.
  'CREATE INDEX idx_acted_cases_case ON acted_cases (application)',
  'CREATE TABLE acted_cases_changed (application TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID',
];

const note = (caseId) => `INSERT INTO acted_cases_changed (application) VALUES (${caseId}) ON CONFLICT (application) DO NOTHING;`;
const changed = (columns) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const eventColumns = ['actor_id', 'application', 'created'];
const caseColumns = ['id', 'workflow_key', 'step', 'township', 'village', 'due_at', 'flags'];

const triggers = [
  `CREATE TRIGGER acted_cases_event_inserted AFTER INSERT ON events WHEN NEW.actor_id != '' BEGIN ${note('NEW.application')} END`,
  `CREATE TRIGGER acted_cases_event_updated AFTER UPDATE OF ${eventColumns.join(', ')} ON events WHEN ${changed(eventColumns)}
   BEGIN ${note('OLD.application')} ${note('NEW.application')} END`,
  `CREATE TRIGGER acted_cases_event_deleted AFTER DELETE ON events WHEN OLD.actor_id != '' BEGIN ${note('OLD.application')} END`,
  // A case written after its events (an import) brings its acts in.
  `CREATE TRIGGER acted_cases_case_inserted AFTER INSERT ON applications BEGIN ${note('NEW.id')} END`,
  `CREATE TRIGGER acted_cases_case_updated AFTER UPDATE OF ${caseColumns.join(', ')} ON applications WHEN ${changed(caseColumns)}
   BEGIN ${note('OLD.id')} ${note('NEW.id')} END`,
  `CREATE TRIGGER acted_cases_case_deleted AFTER DELETE ON applications BEGIN ${note('OLD.id')} END`,
];
const triggerNames = triggers.map((sql) => sql.split(' ')[2]);

// Every actor's acts per case, as the linking writes them (server/adapter/actedCases.ts).
const backfill = `INSERT INTO acted_cases (actor_id, application, events, last_at, workflow_key, step, township, village, due_at, flags)
  SELECT e.actor_id, e.application, count(*), max(e.created), c.workflow_key, c.step, c.township, c.village, c.due_at, c.flags
  FROM events e JOIN applications c ON c.id = e.application WHERE e.actor_id != '' GROUP BY e.actor_id, e.application`;

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  tables.forEach((sql) => run(app, sql));
  run(app, backfill);
  triggers.forEach((sql) => run(app, sql));
}, (app) => {
  triggerNames.forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  run(app, 'DROP TABLE IF EXISTS acted_cases_changed');
  run(app, 'DROP TABLE IF EXISTS acted_cases');
});
