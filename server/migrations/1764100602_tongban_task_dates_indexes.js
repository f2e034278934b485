/// <reference path="../pb_data/types.d.ts" />
// Two task lists by date that walked every task of a county of a million cases (docs/benchmarks.md,
// "Queues at scale"): the calendar status's latest due date of an open task (asked at start-up: 3 s
// there) and the dashboard's tasks closed in the period (`stepTimes`). Each now reads an index range.

const added = [
  'CREATE INDEX idx_tasks_status_due ON tasks (status, due_at)',
  "CREATE INDEX idx_tasks_closed ON tasks (closed_at) WHERE status = 'done'",
];

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.concat(added);
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  const gone = added.map((sql) => sql.split(' ')[2]);
  tasks.indexes = tasks.indexes.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));
  app.save(tasks);
});
