/// <reference path="../pb_data/types.d.ts" />
// The queue counts of an officer who starts many cases (issue 14, point 2; docs/benchmarks.md
// "Counts with a filter, third pass"). 已办 counts an officer's acts from an index, but takes out
// the cases they started and do not read (a command starts child cases in its actor's name): each
// start was looked up in its case for the read rule — the generated township officer's 16,320
// starts, ≈ 25 ms in the sqlite3 shell and most of their counts' 62 ms — though nearly every
// officer reads every case they start.
//
// unread_starts keeps the starts that may be unread: every start event whose actor did not read
// its case by the rule's own columns when it was written (the administrator; the applicant or the
// applicant organisation's account; an officer of the case's county, township or village). Cases
// are never taken from a unit and an officer's unit change restarts their count
// (server/adapter/unitChangedAt.ts), so a start read then is read still; the count decides the full
// rule for the few rows kept here only. A trigger on events keeps the table — in the statement that
// writes the start, whatever writes it (a command, a bulk start's INSERT … SELECT, a schedule) —
// and one drops the row with its event. A start written before its case's row is kept (its case
// was not there to read): the count decides it.
//
// idx_events_actor_starts served only that count and is dropped. This migration fills the table
// from the data folder's start events.

const readAtStart = (actor, caseId) => `EXISTS (SELECT 1 FROM users u JOIN applications a ON a.id = ${caseId}
     WHERE u.id = ${actor} AND (u.role = 'admin' OR a.applicant = u.id OR (a.applicant_org != '' AND a.applicant_org = u.organisation)
       OR (u.role = 'officer' AND u.org_unit != '' AND (a.county = u.org_unit OR a.township = u.org_unit OR a.village = u.org_unit))))`;

const table = `CREATE TABLE unread_starts (actor_id TEXT NOT NULL, created TEXT NOT NULL, application TEXT NOT NULL,
  PRIMARY KEY (actor_id, created, application)) WITHOUT ROWID`;

const triggers = [
  `CREATE TRIGGER events_unread_start_inserted AFTER INSERT ON events WHEN NEW.action = 'start' AND NOT ${readAtStart('NEW.actor_id', 'NEW.application')}
   BEGIN INSERT OR IGNORE INTO unread_starts (actor_id, created, application) VALUES (NEW.actor_id, NEW.created, NEW.application); END`,
  `CREATE TRIGGER events_unread_start_deleted AFTER DELETE ON events WHEN OLD.action = 'start'
   BEGIN DELETE FROM unread_starts WHERE actor_id = OLD.actor_id AND created = OLD.created AND application = OLD.application; END`,
];
const triggerNames = ['events_unread_start_inserted', 'events_unread_start_deleted'];

const backfill = `INSERT OR IGNORE INTO unread_starts (actor_id, created, application)
  SELECT e.actor_id, e.created, e.application FROM events e WHERE e.action = 'start' AND NOT ${readAtStart('e.actor_id', 'e.application')}`;

const startsIndex = "CREATE INDEX idx_events_actor_starts ON events (actor_id, created, application, action) WHERE action = 'start'";
const named = (sql) => sql.split(' ')[2];
const withoutStartsIndex = (indexes) => indexes.filter((i) => i.indexOf(` ${named(startsIndex)} `) < 0 && i.indexOf(`\`${named(startsIndex)}\``) < 0);

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  run(app, table);
  run(app, backfill);
  triggers.forEach((sql) => run(app, sql));
  const events = app.findCollectionByNameOrId('events');
  events.indexes = withoutStartsIndex(events.indexes);
  app.save(events);
}, (app) => {
  triggerNames.forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  run(app, 'DROP TABLE IF EXISTS unread_starts');
  const events = app.findCollectionByNameOrId('events');
  events.indexes = withoutStartsIndex(events.indexes).concat([startsIndex]);
  app.save(events);
});
