/// <reference path="../pb_data/types.d.ts" />
// Deadlines that act (server/adapter/deadlineStats.ts; their timers fire in the sweep of tongban.pb.js):
// the counts for dashboards, and the queue's tasks marked overdue by the server's clock.

routerAdd('GET', '/api/tongban/stats/deadlines', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.deadlineStats(e));

onRecordEnrich((e) => {
  require(`${__hooks}/generated/tongban.cjs`).markOverdueTask(e);
  e.next();
}, 'tasks');
