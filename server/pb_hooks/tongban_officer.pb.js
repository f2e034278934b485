/// <reference path="../pb_data/types.d.ts" />
// The officers' list routes: a village's printable 公示 list (server/adapter/publicNoticeList.ts), the
// colleagues a task verb may name (colleagues.ts), the end of "due within N working days" on the
// server's working calendar (dueBy.ts), and the queue page's counts (queueCounts.ts).

routerAdd('GET', '/api/tongban/public-notices', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.publicNoticeList(e));
routerAdd('GET', '/api/tongban/cases/{id}/colleagues', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.listColleagues(e, e.request.pathValue('id')));
routerAdd('GET', '/api/tongban/calendar/due-by', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.dueBy(e));
routerAdd('GET', '/api/tongban/queues/counts', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.queueCounts(e));
