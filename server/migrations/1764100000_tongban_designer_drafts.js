/// <reference path="../pb_data/types.d.ts" />
// The studio's process designer (server/adapter/designerDrafts.ts): each version keeps its
// process's sample application (`sample`, workflows/<key>/form.sample.json, written by the loader
// and copied into drafts; hidden like the templates), and a draft remembers the published version
// it was copied from (`based_on`), which its diff and its audit entry are against.

migrate((app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.add(new JSONField({ name: 'sample', maxSize: 2000000, hidden: true }));
  definitions.fields.add(new NumberField({ name: 'based_on', onlyInt: true, min: 0 }));
  app.save(definitions);
}, (app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  ['sample', 'based_on'].forEach((f) => definitions.fields.removeByName(f));
  app.save(definitions);
});
