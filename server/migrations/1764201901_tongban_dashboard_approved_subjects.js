/// <reference path="../pb_data/types.d.ts" />
// Dashboards at a county's scale, third pass (issue 14, point 2; docs/benchmarks.md "The approved
// subjects, kept"): the subjects whose case was approved in a period, per process — a distinct count,
// which cannot be summed from per-day rows. The county over 2019–2026 counted 500,000 approved cases'
// distinct subjects on every request (0.4 s of the shell's CPU, ≈ 1 s in the server).
//
// dashboard_approved keeps one row per approved case: its process, subject, county, township, the
// moment it was approved, and, per scope (every division, its county, its township), the moment the
// same subject's previous case of the same process in that scope was approved (`''`: none; always
// `''` for a case without a subject, which counts alone). Cases are ordered by (at, id). A subject
// counts in a period exactly once: for its first approval in the period, the one whose previous
// approval is before the period. So the distinct count is a count of one index range per process:
// `at` in the period and `prev_<scope>` before its start.
//
// - The write path only notes which cases changed: the cases' triggers add the case's id to
//   dashboard_approved_changed — with the moment, when it became approved (its `updated` then: the
//   command that closed it writes both in one statement) — when a case is approved, is no longer
//   approved, is approved under another key, or an approved case is inserted or deleted. One upsert
//   of a one-index table: the chains' own upkeep, done by triggers, would be compiled into every
//   closing command's statement under the write lock (≈ 0.5 ms more per closing statement in the
//   sqlite3 shell, ≈ 1 ms in the server — measured).
// - The dashboard links the noted cases before it counts (server/adapter/approvedSubjects.ts): their
//   old rows out, their rows as they are now in, and the chains of every process and subject they
//   touch computed again, in one transaction; then the list is empty.
// - A later write to a done case (the product makes none; a tool might) does not move its moment:
//   the figure counts approvals when they were made.

const table = `CREATE TABLE dashboard_approved (id TEXT PRIMARY KEY NOT NULL, workflow_key TEXT NOT NULL, subject TEXT NOT NULL,
  county TEXT NOT NULL, township TEXT NOT NULL, at TEXT NOT NULL,
  prev_all TEXT NOT NULL DEFAULT '', prev_county TEXT NOT NULL DEFAULT '', prev_township TEXT NOT NULL DEFAULT '') WITHOUT ROWID`;

// at: the moment it became approved, when it did since the last linking; workflow_key, subject,
// kept_at: its kept row's, filled when the dashboard links it.
const changed = `CREATE TABLE dashboard_approved_changed (id TEXT PRIMARY KEY NOT NULL, at TEXT, workflow_key TEXT, subject TEXT, kept_at TEXT) WITHOUT ROWID`;

const indexes = [
  // The chains, recomputed per process and subject when a case of theirs changed.
  'CREATE INDEX idx_dashboard_approved_chain ON dashboard_approved (workflow_key, subject, at, id)',
  // The counts: one range per process (the dashboard names each).
  'CREATE INDEX idx_dashboard_approved_all ON dashboard_approved (workflow_key, at, prev_all)',
  'CREATE INDEX idx_dashboard_approved_county ON dashboard_approved (county, workflow_key, at, prev_county)',
  'CREATE INDEX idx_dashboard_approved_township ON dashboard_approved (township, workflow_key, at, prev_township)',
];

const caseColumns = ['outcome', 'workflow_key', 'subject', 'county', 'township'];
const becameApproved = "NEW.outcome = 'approved' AND OLD.outcome IS NOT 'approved'";

const triggers = [
  `CREATE TRIGGER dashboard_approved_case_inserted AFTER INSERT ON applications WHEN NEW.outcome = 'approved' BEGIN
  INSERT INTO dashboard_approved_changed (id, at) VALUES (NEW.id, NEW.updated) ON CONFLICT (id) DO UPDATE SET at = excluded.at; END`,
  `CREATE TRIGGER dashboard_approved_case_updated AFTER UPDATE OF ${caseColumns.join(', ')} ON applications
   WHEN (OLD.outcome = 'approved' OR NEW.outcome = 'approved') AND (${caseColumns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) BEGIN
  INSERT INTO dashboard_approved_changed (id, at) VALUES (NEW.id, CASE WHEN ${becameApproved} THEN NEW.updated END)
    ON CONFLICT (id) DO UPDATE SET at = COALESCE(excluded.at, at); END`,
  `CREATE TRIGGER dashboard_approved_case_deleted AFTER DELETE ON applications WHEN OLD.outcome = 'approved' BEGIN
  INSERT INTO dashboard_approved_changed (id) VALUES (OLD.id) ON CONFLICT (id) DO NOTHING; END`,
];
const triggerNames = triggers.map((sql) => sql.split(' ')[2]);

// The approved cases as they stand, each with its previous approvals per scope (the same order).
const previous = (columns) => `CASE WHEN subject = '' THEN '' ELSE COALESCE(lag(updated) OVER (PARTITION BY ${['workflow_key', 'subject'].concat(columns).join(', ')} ORDER BY updated, id), '') END`;
const backfill = `INSERT INTO dashboard_approved (id, workflow_key, subject, county, township, at, prev_all, prev_county, prev_township)
  SELECT id, workflow_key, subject, county, township, updated, ${previous([])}, ${previous(['county'])}, ${previous(['township'])}
  FROM applications WHERE outcome = 'approved'`;

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  run(app, table);
  run(app, changed);
  run(app, backfill);
  indexes.forEach((sql) => run(app, sql));
  triggers.forEach((sql) => run(app, sql));
}, (app) => {
  triggerNames.forEach((name) => run(app, `DROP TRIGGER IF EXISTS ${name}`));
  run(app, 'DROP TABLE IF EXISTS dashboard_approved_changed');
  run(app, 'DROP TABLE IF EXISTS dashboard_approved');
});
