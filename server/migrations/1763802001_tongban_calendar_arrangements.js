/// <reference path="../pb_data/types.d.ts" />
// The yearly official holiday arrangement (docs/api.md, "工作日历").
//
// calendar_arrangements: one row per year whose official arrangement (the State Council notice:
//   holidays and 调休 make-up working days) an administrator imported into calendar_overrides. A
//   year neither the shipped tables nor this collection know counts only the statutory holidays
//   computed from the lunar calendar, and deadlines in it are shown as provisional. Written by the
//   import route only (audited); signed-in users may read it.
// calendar_versions.rules: how the version counts years the shipped tables do not cover
//   (`statutory-2024`); empty for versions stored before, which count every weekday of such a year.

migrate((app) => {
  const versions = app.findCollectionByNameOrId('calendar_versions');
  versions.fields.add(new TextField({ name: 'rules', max: 40 }));
  app.save(versions);

  const signedIn = '@request.auth.id != ""';
  const arrangements = new Collection({
    type: 'base',
    name: 'calendar_arrangements',
    listRule: signedIn,
    viewRule: signedIn,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'year', type: 'number', required: true, onlyInt: true, min: 1901, max: 2099 },
      { name: 'note', type: 'text', max: 200 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_calendar_arrangements_year ON calendar_arrangements (year)'],
  });
  app.save(arrangements);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('calendar_arrangements'));
  const versions = app.findCollectionByNameOrId('calendar_versions');
  versions.fields.removeByName('rules');
  app.save(versions);
});
