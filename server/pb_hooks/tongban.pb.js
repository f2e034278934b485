/// <reference path="../../pb_data/types.d.ts" />
// Thin loader: registers Tongban's routes and cron; all logic lives in the bundled adapter
// (server/adapter → generated/tongban.cjs, built by `npm start` and the tests).

routerAdd('POST', '/api/tongban/cases', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.openCase(e));
routerAdd('GET', '/api/tongban/cases/{id}', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.getCase(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/cases/{id}/commands', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.sendCommand(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/cases/{id}/reveal', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.revealField(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/cases/{id}/actions', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.getActions(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/cases/{id}/verify', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.verifyCase(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/subjects/{id}', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.subjectHistory(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/subjects/{id}/register', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.recordRegisterChange(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/organisations', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.listOrganisations(e));
routerAdd('POST', '/api/tongban/tasks/{id}/claim', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.claimTask(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/tasks/{id}/release', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.releaseTask(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/tasks/{id}/reassign', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.reassignTask(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/bulk-starts', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.startBulkRun(e));
routerAdd('GET', '/api/tongban/bulk-starts', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.listBulkRuns(e));
routerAdd('GET', '/api/tongban/bulk-starts/{id}/rows', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.bulkRunRows(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/bulk-starts/{id}', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.getBulkRun(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/bulk-starts/{id}/resume', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.resumeBulkRun(e, e.request.pathValue('id')));
routerAdd('POST', '/api/tongban/delegations', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.createDelegation(e));
routerAdd('POST', '/api/tongban/delegations/{id}/revoke', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.revokeDelegation(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/workflows/{key}/{version}/validator.js', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.validatorModule(e, e.request.pathValue('key'), e.request.pathValue('version')));
routerAdd('GET', '/api/tongban/admin/dashboard', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.dashboard(e));
routerAdd('POST', '/api/tongban/admin/users/import', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.importStaff(e));
routerAdd('POST', '/api/tongban/admin/staff-relatives/import', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.importRelatives(e));
routerAdd('POST', '/api/tongban/admin/subjects/import', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.importSubjects(e));
routerAdd('POST', '/api/tongban/admin/organisations/import', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.importOrganisations(e));
routerAdd('GET', '/api/tongban/admin/staff-relatives', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.listRelatives(e));
routerAdd('POST', '/api/tongban/admin/sweep', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.sweep(e));
// Bench mode only (TONGBAN_BENCH=1, set by test/bench): the floor routes and the lock hold figures; 404 otherwise.
routerAdd('GET', '/api/tongban/bench/noop', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.benchNoop(e));
routerAdd('POST', '/api/tongban/bench/write', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.benchWrite(e));
routerAdd('POST', '/api/tongban/bench/lock', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.benchLockHolds(e));
routerAdd('GET', '/api/tongban/bench/validators/{key}', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.benchValidatorSource(e, e.request.pathValue('key')));
routerAdd('POST', '/api/tongban/test/clock', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.setClock(e));

// Off-boarding: users with history are disabled, never deleted; disabled users are shut out.
onRecordDeleteRequest((e) => require(`${__hooks}/generated/tongban.cjs`).userHooks.deleteRequest(e), 'users');
onRecordDelete((e) => require(`${__hooks}/generated/tongban.cjs`).userHooks.delete(e), 'users');
onRecordAuthRequest((e) => require(`${__hooks}/generated/tongban.cjs`).userHooks.authRequest(e), 'users');
onRecordUpdate((e) => require(`${__hooks}/generated/tongban.cjs`).userHooks.update(e), 'users');

// An organisation subject's key is its 统一社会信用代码, checked per GB 32100.
onRecordCreateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).subjectHooks.writeRequest(e), 'subjects');
onRecordUpdateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).subjectHooks.writeRequest(e), 'subjects');

// Record API and realtime exits (and expanded relations): sensitive values masked for the viewer.
// Users from the small trust bundle: enrich hooks run nested, a VM per row of a page, and rows
// beyond the pool get fresh VMs, which would each load the whole adapter bundle.
onRecordEnrich((e) => {
  require(`${__hooks}/generated/trust.cjs`).maskUserRecord(e);
  e.next();
}, 'users');
onRecordEnrich((e) => {
  require(`${__hooks}/generated/tongban.cjs`).maskRecord(e);
  e.next();
}, 'documents');
// Uploaded files get random names: the name a person gave a scan may carry a name or an ID number.
onRecordCreateRequest((e) => {
  require(`${__hooks}/generated/tongban.cjs`).renameUploads(e, 'file');
  e.next();
}, 'attachments');

cronAdd('tongban-timers', '* * * * *', () => {
  require(`${__hooks}/generated/tongban.cjs`).onCron();
});

onBootstrap((e) => {
  e.next();
  try {
    const started = require(`${__hooks}/generated/tongban.cjs`).onServerStart();
    console.log(`tongban: ${started.workflows} workflows compiled, ${started.fired} overdue timers fired`);
  } catch (err) {
    // On the boot that applies migrations, PocketBase's record queries may not see the new
    // collections yet ("no rows in result set"); the cron's first run does the same work.
    console.log(`tongban: start-up work left to the first timer sweep (${err})`);
  }
});
