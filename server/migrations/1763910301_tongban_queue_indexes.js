/// <reference path="../pb_data/types.d.ts" />
// Queue indexes: an officer's 待办 page asks for the open tasks of their unit (or their own) urgent
// first — `assignee_unit = U && status = "open"` sorted by due_at, then created — so the index
// carries the sort and a page reads only its rows. The API rules are unchanged.

const added = [
  'CREATE INDEX idx_tasks_queue_due ON tasks (assignee_unit, status, due_at, created)',
  'CREATE INDEX idx_tasks_user_due ON tasks (assignee_user, status, due_at, created)',
];

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.concat(added);
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.indexes = tasks.indexes.filter((index) => !added.includes(index));
  app.save(tasks);
});
