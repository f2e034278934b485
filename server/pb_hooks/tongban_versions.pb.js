/// <reference path="../../pb_data/types.d.ts" />
// Versions and running cases (server/adapter/caseMigration.ts): an administrator moves a running
// case to another published version of its process, with a dry run first; the dry run over every
// running case of a version (server/adapter/versionMigrationDryRun.ts) reports per case.

routerAdd('POST', '/api/tongban/admin/cases/{id}/migrate', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.migrateCase(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/{version}/migration-dry-run', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.versionMigrationDryRun(e, e.request.pathValue('key'), e.request.pathValue('version')));
