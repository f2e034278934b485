/// <reference path="../pb_data/types.d.ts" />
// The 已办 search by name at a county's scale (issue 14, point 2; docs/benchmarks.md "The 已办
// search, on the act's own copies"). The search matches the typed text anywhere in the case number or
// the (masked) title, which event_queue read from each event's case: a search for a name that few
// cases carry walked all of an officer's acts and looked each one's case up — 71,946 for the
// generated township officer, 252–261 ms in the server.
//
// Each event now carries its case's number and title as a task does (1764202201): events.case_no and
// events.case_title, set by every writer of an event (the command path, a case's opening, the bulk
// copies). Triggers set them from the case when a case's number or title changes, and when an event
// is saved with other values or moved to another case: an event is history, so a stale copy is set
// right, not refused. No trigger checks or sets them on insert: measured side by side with the build
// before, the event's write under the lock read 0.26 → 0.47 ms with one and 0.26 → 0.30 ms without
// (SQLite compiles a table's triggers into every statement that writes it, and goja's statements
// are compiled for each call). The integration tests of every flow check instead that each act they
// wrote carries its case's copies (test/support/caseCopies.ts). The hash chain does not cover the
// copies (server/adapter/hashChain.ts), so setting them breaks nothing.
// event_queue reads them from the event, and idx_events_actor_created, the 已办 order, ends in them:
// an act the search does not meet is passed over in the index, its row and its case never read.
//
// The process, step, due date and flags are not copied: they change with every command on the case,
// and would rewrite every event of a case in each. The view gives them from the case it joins, so the
// page's other filters read that one row instead of joining the case once more through the relation.

/** The copies an event keeps of its case `row`. */
const copiesOf = (row) => ({ case_no: `${row}.case_no`, case_title: `${row}.title` });
/** The same read from the case of an event (`id`: the expression of the case's id), '' when there is none. */
const fromCaseOf = (id) => ({
  case_no: `COALESCE((SELECT a.case_no FROM applications a WHERE a.id = ${id}), '')`,
  case_title: `COALESCE((SELECT a.title FROM applications a WHERE a.id = ${id}), '')`,
});
const setFrom = (copies) => Object.keys(copies).map((c) => `${c} = ${copies[c]}`).join(', ');
const differsFrom = (copies, prefix) => Object.keys(copies).map((c) => `${prefix}${c} IS NOT ${copies[c]}`).join(' OR ');

const triggers = {
  events_case_copies_updated: `CREATE TRIGGER events_case_copies_updated AFTER UPDATE OF application, case_no, case_title ON events
  WHEN ${differsFrom(fromCaseOf('NEW.application'), 'NEW.')} BEGIN
  UPDATE events SET ${setFrom(fromCaseOf('NEW.application'))} WHERE id = NEW.id; END`,
  applications_event_copies_updated: `CREATE TRIGGER applications_event_copies_updated AFTER UPDATE OF case_no, title ON applications
  WHEN OLD.case_no IS NOT NEW.case_no OR OLD.title IS NOT NEW.title BEGIN
  UPDATE events SET ${setFrom(copiesOf('NEW'))} WHERE application = NEW.id AND (${differsFrom(copiesOf('NEW'), '')}); END`,
};

const eventColumns = 'e.id, e.application, e.action, e.kind, e.actor_id, e.created';
const caseColumns = 'a.workflow_key, a.step_name, a.due_at, a.status';
// …and the case's columns the page's other filters read (process, step, township, village, due date,
// flags), so they are tested on the case the view joins already, not through the relation once more.
const viewQuery = `SELECT ${eventColumns}, e.case_no, e.case_title AS title, ${caseColumns}, a.step, a.township, a.village, a.flags
FROM events e JOIN applications a ON a.id = e.application`;
const viewQueryBefore = `SELECT ${eventColumns}, a.case_no, a.title, ${caseColumns}
FROM events e JOIN applications a ON a.id = e.application`;

// 已办's order (and the counts' covering columns, 1764201101), then the columns its search reads.
const actorIndex = 'CREATE INDEX idx_events_actor_created ON events (actor_id, created, application, case_no, case_title)';
const actorIndexBefore = 'CREATE INDEX idx_events_actor_created ON events (actor_id, created, application)';
const named = (sql) => sql.replace(/`/g, '').split(' ')[2];
const withIndex = (indexes, sql) => indexes.filter((i) => named(i) !== named(sql)).concat([sql]);

const run = (app, sql) => app.db().newQuery(sql).execute();
const backfillRange = 20000;

migrate((app) => {
  const events = app.findCollectionByNameOrId('events');
  events.fields.add(new TextField({ name: 'case_no', max: 40 }));
  events.fields.add(new TextField({ name: 'case_title', max: 200 }));
  app.save(events);
  // In ranges of rowids, each event's case looked up by its key. One statement over all events keeps
  // every page it changes in its statement journal, in memory (PocketBase keeps temporary files
  // there): for the millions of events of a county, more memory than the server has.
  const last = new DynamicModel({ n: 0 });
  app.db().newQuery('SELECT COALESCE(MAX(rowid), 0) AS n FROM events').one(last);
  for (let from = 0; from < last.n; from += backfillRange) {
    run(app, `UPDATE events SET ${setFrom(fromCaseOf('events.application'))} WHERE rowid > ${from} AND rowid <= ${from + backfillRange} AND (${differsFrom(fromCaseOf('events.application'), '')})`);
  }
  Object.keys(triggers).forEach((name) => {
    run(app, `DROP TRIGGER IF EXISTS ${name}`);
    run(app, triggers[name]);
  });
  const withCopies = app.findCollectionByNameOrId('events');
  withCopies.indexes = withIndex(withCopies.indexes, actorIndex);
  app.save(withCopies);
  // A data folder whose planner has statistics gets them for the rebuilt index too (one without them
  // looks cheaper than it is); a folder without statistics keeps none.
  const stats = new DynamicModel({ n: 0 });
  app.db().newQuery("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").one(stats);
  if (stats.n > 0) {
    run(app, 'PRAGMA analysis_limit = 1000');
    run(app, `ANALYZE ${named(actorIndex)}`);
  }
  const view = app.findCollectionByNameOrId('event_queue');
  view.viewQuery = viewQuery;
  app.save(view);
}, (app) => {
  const view = app.findCollectionByNameOrId('event_queue');
  view.viewQuery = viewQueryBefore;
  app.save(view);
  Object.keys(triggers).forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  const events = app.findCollectionByNameOrId('events');
  events.indexes = withIndex(events.indexes, actorIndexBefore);
  events.fields.removeByName('case_no');
  events.fields.removeByName('case_title');
  app.save(events);
});
