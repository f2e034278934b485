/// <reference path="../pb_data/types.d.ts" />
// applications.parent_wait: for a child case started by a `children` step of its parent, the wait
// (the parent's `step#visit`) it was started for. When the child ends, its parent is told in the
// same transaction (a `child.settled` command); a child of a wait the parent has left is stale.
// Empty for every other case (children started by a `startChildCase` effect are not waited for).

migrate((app) => {
  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new TextField({ name: 'parent_wait', max: 120 }));
  app.save(applications);
}, (app) => {
  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.removeByName('parent_wait');
  app.save(applications);
});
