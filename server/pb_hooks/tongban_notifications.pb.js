/// <reference path="../../pb_data/types.d.ts" />
// Notifications leave the outbox (server/adapter/sendNotifications.ts): every minute, outside any
// command transaction, so a failing channel never undoes or delays a decision. Administrators can
// also send now and put a dead-lettered delivery back in the queue.

cronAdd('tongban-outbox', '* * * * *', () => {
  require(`${__hooks}/generated/tongban.cjs`).onNotifyCron();
});

routerAdd('POST', '/api/tongban/admin/outbox/send', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.sendNotifications(e));
routerAdd('POST', '/api/tongban/admin/outbox/{id}/retry', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.retryNotification(e, e.request.pathValue('id')));
