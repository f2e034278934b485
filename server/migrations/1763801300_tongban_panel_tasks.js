/// <reference path="../pb_data/types.d.ts" />
// Panels (group decisions): each member of a panel gets a task of their own, `mode = panel`, held
// by that member (assignee_user) from the start.

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.getByName('mode').values = ['single', 'any', 'all', 'panel'];
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.getByName('mode').values = ['single', 'any', 'all'];
  app.save(tasks);
});
