/// <reference path="../pb_data/types.d.ts" />
// A schedule's period starts its cases as one bulk run (server/adapter/bulkRuns.ts, origin kind
// `schedule`, origin key `<process>/<schedule>/<period>`), which starts them chunk by chunk,
// resumably, with its own failures and progress, and never twice for a subject (its unique index
// on applications (bulk_run, subject)). So a schedule run now only records the period:
// schedule_runs.status `started` (its bulk run created; `bulk_run` its id, text because the
// bulk_runs collection is created by a later migration) or `missed`; `matched` the subjects that
// matched; `skipped` those of them that cannot get a case (no county), with the reason. The cursor, counts and failures of the first version and applications.schedule_run go.

migrate((app) => {
  const runs = app.findCollectionByNameOrId('schedule_runs');
  ['cursor', 'started', 'failures'].forEach((f) => runs.fields.removeByName(f));
  runs.fields.getByName('status').values = ['started', 'missed'];
  runs.fields.add(new TextField({ name: 'bulk_run', max: 30 }));
  // [{subject, message}]: subjects that matched but cannot get a case (no county to route it to).
  runs.fields.add(new JSONField({ name: 'skipped', maxSize: 100000 }));
  app.save(runs);

  const applications = app.findCollectionByNameOrId('applications');
  applications.indexes = applications.indexes.filter((i) => i.indexOf('idx_applications_schedule_subject') < 0);
  applications.fields.removeByName('schedule_run');
  app.save(applications);
}, (app) => {
  const runs = app.findCollectionByNameOrId('schedule_runs');
  runs.fields.removeByName('bulk_run');
  runs.fields.removeByName('skipped');
  runs.fields.getByName('status').values = ['running', 'done', 'missed'];
  runs.fields.add(new TextField({ name: 'cursor', max: 30 }));
  runs.fields.add(new NumberField({ name: 'started', onlyInt: true, min: 0 }));
  runs.fields.add(new JSONField({ name: 'failures', maxSize: 100000 }));
  app.save(runs);
  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new RelationField({ name: 'schedule_run', collectionId: runs.id, maxSelect: 1 }));
  applications.indexes = applications.indexes.concat(["CREATE UNIQUE INDEX idx_applications_schedule_subject ON applications (schedule_run, subject) WHERE schedule_run != ''"]);
  app.save(applications);
});
