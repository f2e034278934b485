/// <reference path="../pb_data/types.d.ts" />
// The audit log is append-only down to the database: besides the record hooks that refuse updates
// and deletes (server/pb_hooks/tongban_audit.pb.js), SQLite triggers abort any UPDATE or DELETE of
// audit_log rows, also one sent as raw SQL.

migrate((app) => {
  app.db().newQuery("CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").execute();
  app.db().newQuery("CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").execute();
}, (app) => {
  app.db().newQuery('DROP TRIGGER IF EXISTS audit_log_no_update').execute();
  app.db().newQuery('DROP TRIGGER IF EXISTS audit_log_no_delete').execute();
});
