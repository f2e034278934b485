/// <reference path="../pb_data/types.d.ts" />
// The write lock (issue 14, point 1): two indexes of the first schema that no query reads any more.
// idx_tasks_queue (assignee_unit, status, created) and idx_tasks_user (assignee_user, status,
// created) served queues sorted by creation; every queue is now sorted by due date and creation,
// and idx_tasks_queue_due and idx_tasks_user_due begin with the same two columns, so every lookup
// by unit or user and status is served by those. Each still cost every command: an entry written
// for each task opened and moved for each task closed (status is one of their columns), inside the
// write lock. Checked with EXPLAIN QUERY PLAN on the million-case county: no query of the app, the
// routes or the rules names either (docs/benchmarks.md, "Two task indexes no query reads").

const dropped = ['idx_tasks_queue', 'idx_tasks_user'];
const original = {
  idx_tasks_queue: 'CREATE INDEX idx_tasks_queue ON tasks (assignee_unit, status, created)',
  idx_tasks_user: 'CREATE INDEX idx_tasks_user ON tasks (assignee_user, status, created)',
};
const names = (sql) => sql.replace(/`/g, '').split(' ')[2];

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.filter((i) => dropped.indexOf(names(i)) < 0);
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.filter((i) => dropped.indexOf(names(i)) < 0).concat(dropped.map((d) => original[d]));
  app.save(tasks);
});
