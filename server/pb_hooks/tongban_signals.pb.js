/// <reference path="../pb_data/types.d.ts" />
// The live signals. The queue page's (server/adapter/queueSignals.ts): after every committed write of a
// task — a model save, or a command's prepared write announced after its commit — the subscribers
// of `tongban/queue` who may read the task hear that it changed (ids only), and nobody else.

onRecordAfterCreateSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalTaskChange(e.app, e.record, 'create');
  e.next();
}, 'tasks');
onRecordAfterUpdateSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalTaskChange(e.app, e.record, 'update');
  e.next();
}, 'tasks');
onRecordAfterDeleteSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalTaskChange(e.app, e.record, 'delete');
  e.next();
}, 'tasks');

// The inbox's live signal (server/adapter/inboxSignals.ts): a notice's recipient hears of it.
onRecordAfterCreateSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalNoticeChange(e.app, e.record, 'create');
  e.next();
}, 'notifications');
onRecordAfterUpdateSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalNoticeChange(e.app, e.record, 'update');
  e.next();
}, 'notifications');
onRecordAfterDeleteSuccess((e) => {
  require(`${__hooks}/generated/tongban.cjs`).signalNoticeChange(e.app, e.record, 'delete');
  e.next();
}, 'notifications');
