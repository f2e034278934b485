/// <reference path="../pb_data/types.d.ts" />
// Recurring schedules (issue 9, point 4; docs/definition-language.md "Recurring schedules",
// server/adapter/scheduleSweep.ts).
//
// schedule_runs: one row per process, schedule and period (unique): `running` while the sweep
//   starts its cases chunk by chunk (`cursor`: the last subject id done, so an interrupted run goes
//   on where it stopped), `done` when every matching subject has its case, `missed` for a period
//   that ended while no sweep ran (reported by GET /api/tongban/admin/schedules, never started late).
//   Written by the sweep only; administrators read it.
// applications.schedule_run: the run that started the case; with the subject it is unique, so no
//   subject gets two cases of one period.

migrate((app) => {
  const isAdmin = '@request.auth.role = "admin"';
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  const runs = new Collection({
    type: 'base',
    name: 'schedule_runs',
    listRule: isAdmin,
    viewRule: isAdmin,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'workflow_key', type: 'text', required: true, max: 64 },
      { name: 'schedule', type: 'text', required: true, max: 64 },
      { name: 'every', type: 'select', values: ['year', 'halfYear', 'quarter', 'month'], maxSelect: 1, required: true },
      { name: 'period', type: 'text', required: true, max: 16 },
      { name: 'status', type: 'select', values: ['running', 'done', 'missed'], maxSelect: 1, required: true },
      // The version whose definition the run follows to its end.
      { name: 'workflow', type: 'relation', collectionId: definitions.id, maxSelect: 1 },
      { name: 'cursor', type: 'text', max: 30 },
      { name: 'matched', type: 'number', onlyInt: true, min: 0 },
      { name: 'started', type: 'number', onlyInt: true, min: 0 },
      // [{subject, message}] of subjects whose case could not be started (at most 100 kept).
      { name: 'failures', type: 'json', maxSize: 100000 },
      { name: 'started_at', type: 'date' },
      { name: 'finished_at', type: 'date' },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: [
      'CREATE UNIQUE INDEX idx_schedule_runs_period ON schedule_runs (workflow_key, schedule, period)',
      'CREATE INDEX idx_schedule_runs_status ON schedule_runs (status)',
    ],
  });
  app.save(runs);

  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new RelationField({ name: 'schedule_run', collectionId: runs.id, maxSelect: 1 }));
  applications.indexes = applications.indexes.concat([
    "CREATE UNIQUE INDEX idx_applications_schedule_subject ON applications (schedule_run, subject) WHERE schedule_run != ''",
  ]);
  app.save(applications);
}, (app) => {
  const applications = app.findCollectionByNameOrId('applications');
  applications.indexes = applications.indexes.filter((i) => i.indexOf('idx_applications_schedule_subject') < 0);
  applications.fields.removeByName('schedule_run');
  app.save(applications);
  app.delete(app.findCollectionByNameOrId('schedule_runs'));
});
