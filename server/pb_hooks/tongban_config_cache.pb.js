/// <reference path="../../pb_data/types.d.ts" />
// The configuration the JS VMs cache (server/adapter/configCache.ts: 工作日 overrides, org units,
// published versions) is renewed by a fresh generation token in the app's shared store after every
// committed write of those collections. Inline, without the bundle: org unit imports save many rows.

onRecordAfterCreateSuccess((e) => {
  $app.store().set(`tongban.generation.${e.record.collection().name}`, $security.randomString(20));
  e.next();
}, 'calendar_overrides', 'org_units', 'workflow_definitions');
onRecordAfterUpdateSuccess((e) => {
  $app.store().set(`tongban.generation.${e.record.collection().name}`, $security.randomString(20));
  e.next();
}, 'calendar_overrides', 'org_units', 'workflow_definitions');
onRecordAfterDeleteSuccess((e) => {
  $app.store().set(`tongban.generation.${e.record.collection().name}`, $security.randomString(20));
  e.next();
}, 'calendar_overrides', 'org_units', 'workflow_definitions');
