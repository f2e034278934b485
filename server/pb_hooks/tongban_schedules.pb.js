/// <reference path="../pb_data/types.d.ts" />
// Recurring schedules (server/adapter/scheduleList.ts; the cron in tongban.pb.js sweeps them).

routerAdd('GET', '/api/tongban/admin/schedules', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.listSchedules(e));
