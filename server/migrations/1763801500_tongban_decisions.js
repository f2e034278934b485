/// <reference path="../pb_data/types.d.ts" />
// Decision items and milestones (docs/definition-language.md): a case's decided items
// (`decisions`: item key → name, outcome, amount, reasons, when) and its milestones reached
// (`milestones`: key → name, when), copied from the snapshot on every command, and
// `milestones_reached` (`|granted|paid|`, empty when none) so that queues and dashboards filter by a
// milestone with the record API: `milestones_reached ~ '|paid|'`.

migrate((app) => {
  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new JSONField({ name: 'decisions', maxSize: 100000 }));
  applications.fields.add(new JSONField({ name: 'milestones', maxSize: 100000 }));
  applications.fields.add(new TextField({ name: 'milestones_reached', max: 2000 }));
  app.save(applications);
}, (app) => {
  const applications = app.findCollectionByNameOrId('applications');
  ['decisions', 'milestones', 'milestones_reached'].forEach((f) => applications.fields.removeByName(f));
  app.save(applications);
});
