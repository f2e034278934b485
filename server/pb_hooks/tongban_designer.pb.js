/// <reference path="../../pb_data/types.d.ts" />
// The studio's process designer (server/adapter/designerRouteHandlers.ts): the processes and their
// versions, drafts of a new version, the live check, publishing, the diff between versions and
// retiring a version — administrators only. A published or retired version never changes, by any
// path (server/adapter/versionImmutability.ts).

routerAdd('GET', '/api/tongban/admin/processes', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.processes(e));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/drafts', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.openDraft(e, e.request.pathValue('key')));
routerAdd('GET', '/api/tongban/admin/workflows/{key}/drafts/{version}', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.getDraft(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('PUT', '/api/tongban/admin/workflows/{key}/drafts/{version}', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.saveDraft(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('DELETE', '/api/tongban/admin/workflows/{key}/drafts/{version}', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.discardDraft(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/drafts/{version}/publish', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.publish(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/check', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.check(e, e.request.pathValue('key')));
routerAdd('GET', '/api/tongban/admin/workflows/{key}/diff', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.diff(e, e.request.pathValue('key')));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/versions/{version}/retire', (e) => require(`${__hooks}/generated/tongban.cjs`).designerRoutes.retire(e, e.request.pathValue('key'), e.request.pathValue('version')));

// A published version is immutable and never deleted, also for saves that no request hook sees (routes, the server's own work).
onRecordUpdate((e) => require(`${__hooks}/generated/tongban.cjs`).versionHooks.update(e), 'workflow_definitions');
onRecordDeleteRequest((e) => require(`${__hooks}/generated/tongban.cjs`).versionHooks.deleteRequest(e), 'workflow_definitions');
onRecordDelete((e) => require(`${__hooks}/generated/tongban.cjs`).versionHooks.delete(e), 'workflow_definitions');
