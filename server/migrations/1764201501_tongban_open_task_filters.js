/// <reference path="../pb_data/types.d.ts" />
// The queue page's counts with a filter at a county's scale (issue 14, point 2; docs/benchmarks.md
// "Queues at 1,000,000 cases"). 待办 counts the unit's open tasks on the task's own copies of its
// case's process, step, township, village and due date (server/adapter/queueCountFilter.ts), but no
// index held those columns: the count read every open task row of the unit — the county's 49,458,
// 112–119 ms of server CPU for a filter by process or village. idx_tasks_open_filters holds them for
// the open tasks only (a partial index: a task enters it when it opens and leaves it when it closes,
// and none of these columns change in between but the due date), so the count is a range of the
// index and no task row is read.

const index = "CREATE INDEX idx_tasks_open_filters ON tasks (assignee_unit, workflow_key, step, township, village, due_at) WHERE status = 'open'";
const named = (sql) => sql.split(' ')[2];
const withoutIt = (indexes) => indexes.filter((i) => i.indexOf(` ${named(index)} `) < 0 && i.indexOf(`\`${named(index)}\``) < 0);

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = withoutIt(tasks.indexes).concat([index]);
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = withoutIt(tasks.indexes);
  app.save(tasks);
});
