/// <reference path="../pb_data/types.d.ts" />
// Bulk starts (issue 9 point 4): a run starts one process for a list of subjects, chunk by chunk,
// each chunk one transaction that also moves the run's cursor — so a run interrupted by a killed
// server resumes after the last committed chunk. bulk_runs and bulk_run_failures are read through
// GET /api/tongban/bulk-starts/{id} only (no record API rules). A case started by a run names it
// (applications.bulk_run); the unique index (bulk_run, subject) makes "once per run and subject" a
// property of the database, not only of the cursor. Cases a schedule starts are recorded with the
// starter "schedule".

migrate((app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  const users = app.findCollectionByNameOrId('users');
  const orgUnits = app.findCollectionByNameOrId('org_units');
  const runs = new Collection({
    type: 'base',
    name: 'bulk_runs',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'workflow', type: 'relation', collectionId: definitions.id, maxSelect: 1, required: true },
      { name: 'workflow_key', type: 'text', max: 64 },
      { name: 'workflow_version', type: 'number', onlyInt: true },
      // Who started it, by value (as events record actors); the user, when a person did.
      { name: 'started_by', type: 'json', maxSize: 20000 },
      { name: 'started_by_user', type: 'relation', collectionId: users.id, maxSelect: 1 },
      // The jurisdiction the starter had (their org unit), '' for an administrator or a schedule.
      { name: 'unit', type: 'relation', collectionId: orgUnits.id, maxSelect: 1 },
      { name: 'origin_kind', type: 'select', values: ['officer', 'schedule'], maxSelect: 1, required: true },
      { name: 'origin_key', type: 'text', required: true, max: 200 },
      // The subject ids in processing order, fixed when the run is created; the selector that chose them, if any.
      { name: 'subjects', type: 'json', maxSize: 8000000 },
      { name: 'selector', type: 'json', maxSize: 20000 },
      { name: 'chunk_size', type: 'number', onlyInt: true, min: 1 },
      // Rows before the cursor are done (started or failed), committed with their chunk.
      { name: 'cursor', type: 'number', onlyInt: true, min: 0 },
      { name: 'total', type: 'number', onlyInt: true, min: 0 },
      { name: 'started', type: 'number', onlyInt: true, min: 0 },
      { name: 'failed', type: 'number', onlyInt: true, min: 0 },
      { name: 'status', type: 'select', values: ['queued', 'running', 'done', 'failed'], maxSelect: 1, required: true },
      { name: 'error', type: 'text', max: 2000 },
      { name: 'finished_at', type: 'date' },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: [
      'CREATE UNIQUE INDEX idx_bulk_runs_origin ON bulk_runs (origin_kind, origin_key)',
      'CREATE INDEX idx_bulk_runs_status ON bulk_runs (status, created)',
    ],
  });
  app.save(runs);

  const failures = new Collection({
    type: 'base',
    name: 'bulk_run_failures',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'run', type: 'relation', collectionId: runs.id, maxSelect: 1, required: true, cascadeDelete: true },
      { name: 'row', type: 'number', onlyInt: true, min: 0 },
      { name: 'subject', type: 'text', max: 100 },
      { name: 'reason', type: 'text', max: 2000 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_bulk_run_failures_run_row ON bulk_run_failures (run, row)'],
  });
  app.save(failures);

  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new RelationField({ name: 'bulk_run', collectionId: runs.id, maxSelect: 1 }));
  const starter = applications.fields.getByName('starter');
  if (starter.values.indexOf('schedule') < 0) starter.values = starter.values.concat(['schedule']);
  applications.indexes = applications.indexes.concat([
    "CREATE UNIQUE INDEX idx_applications_bulk_run_subject ON applications (bulk_run, subject) WHERE bulk_run != ''",
  ]);
  app.save(applications);
}, (app) => {
  const applications = app.findCollectionByNameOrId('applications');
  applications.indexes = applications.indexes.filter((i) => i.indexOf('idx_applications_bulk_run_subject') < 0);
  applications.fields.removeByName('bulk_run');
  app.save(applications);
  app.delete(app.findCollectionByNameOrId('bulk_run_failures'));
  app.delete(app.findCollectionByNameOrId('bulk_runs'));
});
