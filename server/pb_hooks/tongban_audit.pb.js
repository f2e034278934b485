/// <reference path="../../pb_data/types.d.ts" />
// The configuration audit (server/adapter/configAudit.ts): every write of a holiday override, a
// workflow definition, an org unit or a user's role, unit, duties or `disabled` appends an audit_log entry in the same
// transaction; the audit log refuses updates and deletes, superusers included; admins export it.

const audited = ['calendar_overrides', 'calendar_arrangements', 'workflow_definitions', 'users', 'org_units'];

onRecordCreateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onRequest(e), ...audited);
onRecordUpdateRequest((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onRequest(e), ...audited);
onRecordDeleteRequest((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onRequest(e), ...audited);

onRecordCreateExecute((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onCreate(e), ...audited);
onRecordUpdateExecute((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onUpdate(e), ...audited);
onRecordDeleteExecute((e) => require(`${__hooks}/generated/tongban.cjs`).configAudit.onDelete(e), ...audited);

onRecordUpdateExecute(() => require(`${__hooks}/generated/tongban.cjs`).configAudit.refuseChange(), 'audit_log');
onRecordDeleteExecute(() => require(`${__hooks}/generated/tongban.cjs`).configAudit.refuseChange(), 'audit_log');

routerAdd('GET', '/api/tongban/admin/audit', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.auditExport(e));
