/// <reference path="../../pb_data/types.d.ts" />
// Publishing a process version (server/adapter/publishing.ts): the loader and any superuser client
// write workflow_definitions through the record API; a published version must carry every document
// template its definition names, and its templates must pass the template rules, or it is refused
// with 409 invalid_definition.

onRecordCreateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).publishingHooks.request(e), 'workflow_definitions');
onRecordUpdateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).publishingHooks.request(e), 'workflow_definitions');

// The versions of a process and the divisions' overlays over them (server/adapter/workflowVersions.ts), for administrators.
routerAdd('GET', '/api/tongban/admin/workflows/{key}/versions', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.workflowVersions(e, e.request.pathValue('key')));
