/// <reference path="../../pb_data/types.d.ts" />
// Versions and running cases (server/adapter/caseMigration.ts): an administrator moves a running
// case to another published version of its process, with a dry run first.

routerAdd('POST', '/api/tongban/admin/cases/{id}/migrate', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.migrateCase(e, e.request.pathValue('id')));
