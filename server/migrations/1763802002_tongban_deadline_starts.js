/// <reference path="../pb_data/types.d.ts" />
// tasks.opened_at, timers.opened_at: the instant the decision that opened the task or scheduled the
// timer was made, which its working-day deadline counts from. When an administrator enters a year's
// official holiday arrangement, running deadlines are counted anew from it (docs/api.md, "工作日历").
// Rows written before this migration have none; their start is taken from the case's events.

migrate((app) => {
  for (const name of ['tasks', 'timers']) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.add(new DateField({ name: 'opened_at' }));
    app.save(collection);
  }
}, (app) => {
  for (const name of ['tasks', 'timers']) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.removeByName('opened_at');
    app.save(collection);
  }
});
