/// <reference path="../../pb_data/types.d.ts" />
// The studio's designer: a draft walked along a path with the real engine on a simulated clock
// (server/adapter/draftSimulation.ts), and one of its document templates previewed on A4 on the
// sample (server/adapter/templatePreview.ts). Administrators only; nothing is written.

routerAdd('POST', '/api/tongban/admin/workflows/{key}/drafts/{version}/simulate', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.simulateDraft(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('POST', '/api/tongban/admin/workflows/{key}/drafts/{version}/preview', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.previewTemplate(e, e.request.pathValue('key'), e.request.pathValue('version')));
