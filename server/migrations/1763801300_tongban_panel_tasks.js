/// <reference path="../pb_data/types.d.ts" />
// Panels (group decisions): each member of a panel gets a task of their own, `mode = panel`, held
// by that member (assignee_user) from the start.

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  // Added to the values other migrations may have added (`sign`, task verbs), not in their place.
  const mode = tasks.fields.getByName('mode');
  if (mode.values.indexOf('panel') < 0) mode.values = mode.values.concat(['panel']);
  app.save(tasks);
}, (app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  const mode = tasks.fields.getByName('mode');
  mode.values = mode.values.filter((v) => v !== 'panel');
  app.save(tasks);
});
