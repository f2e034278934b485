/// <reference path="../pb_data/types.d.ts" />
// Deadlines that act (server/adapter/deadlineStats.ts; their timers fire in the sweep of tongban.pb.js):
// the counts for dashboards, and the queue's tasks marked overdue by the server's clock.

routerAdd('GET', '/api/tongban/stats/deadlines', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.deadlineStats(e));

// Once per answer, not per record: PocketBase runs onRecordEnrich hooks nested (each record's inside
// the previous one's next()), so a JS enrich hook would hold one VM per row of a page.
// The same for `task_queue`, the 待办 page's view of the tasks with their case's number and title.
onRecordsListRequest((e) => {
  require(`${__hooks}/generated/tongban.cjs`).markOverdueTasks(e.app, e.records);
  e.next();
}, 'tasks', 'task_queue');
onRecordViewRequest((e) => {
  require(`${__hooks}/generated/tongban.cjs`).markOverdueTasks(e.app, [e.record]);
  e.next();
}, 'tasks', 'task_queue');
