/// <reference path="../pb_data/types.d.ts" />
// A task's copies of its case (workflow_key, case_serial, case_flags, case_flagged, case_no,
// case_title: migrations 1764200201, 1764201301, 1764202201), as an event's (1764202301), are set by
// its writers, and no trigger checks them on insert (issue 14, point 1: the write lock).
//
// tasks_case_copies_checked (1764201701, widened by 1764202201) refused a task whose copies
// disagreed with its case. SQLite compiles a table's triggers into every statement that writes it,
// and goja's statements are compiled for each call, so every task a command opened paid for it.
// Side by side with the build before (`npx tsx test/bench/compareBuilds.ts … 10 5 3-level`, marks
// on), without it the command's `effects` piece under the lock read 0.47 → 0.33 ms at one client
// and 0.99 → 0.66 ms at 16, the opening's 0.46 → 0.28 and 1.12 → 0.57 ms.
//
// Every writer of a task sets the copies (server/adapter/queueFilterCopies.ts: the command path, a
// case's opening once its number is allocated, the bulk copies, the generated counties), and the
// integration tests of every flow check that each task they wrote carries them
// (test/support/caseCopies.ts). The triggers that set them again when a task or its case changes
// stay.

const checked = `CREATE TRIGGER tasks_case_copies_checked BEFORE INSERT ON tasks BEGIN
  SELECT RAISE(ABORT, 'tasks: 任务的案件副本（workflow_key、case_serial、case_flags、case_flagged、case_no、case_title）与其案件不符')
  FROM applications a WHERE a.id = NEW.application AND (NEW.workflow_key IS NOT a.workflow_key OR NEW.case_serial IS NOT CAST(substr(a.case_no, length(rtrim(a.case_no, replace(a.case_no, '-', ''))) + 1) AS INTEGER) OR NEW.case_flags IS NOT CASE WHEN a.flags IS NULL OR a.flags IN ('', '[]', 'null') THEN '' ELSE a.flags END OR NEW.case_flagged IS NOT (CASE WHEN a.flags IS NULL OR a.flags IN ('', '[]', 'null') THEN '' ELSE a.flags END != '') OR NEW.case_no IS NOT a.case_no OR NEW.case_title IS NOT a.title); END`;

const run = (app, sql) => app.db().newQuery(sql).execute();

migrate((app) => {
  run(app, 'DROP TRIGGER IF EXISTS tasks_case_copies_checked');
}, (app) => {
  run(app, checked);
});
