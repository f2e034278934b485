/// <reference path="../pb_data/types.d.ts" />
// Local rules (overlays, docs/definition-language.md): a published overlay is materialised as a
// version record of its process for one division — `division` (the GB/T 2260 or township code),
// `overlay` (the overlay document as published), `overlay_version` (its own version) and `base`
// (the national version record it was merged over); its `definition` is the merged definition and
// its `version` the base's. National versions have division '' and overlay_version 0. A key and
// version is now unique per division and overlay version.

migrate((app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.add(new TextField({ name: 'division', max: 12, pattern: '^([0-9]{6}([0-9]{3}([0-9]{3})?)?)?$' }));
  definitions.fields.add(new JSONField({ name: 'overlay', maxSize: 200000 }));
  definitions.fields.add(new NumberField({ name: 'overlay_version', onlyInt: true, min: 0 }));
  definitions.fields.add(new RelationField({ name: 'base', collectionId: definitions.id, maxSelect: 1 }));
  definitions.indexes = definitions.indexes.filter((i) => i.indexOf('idx_workflow_definitions_key_version ON') < 0).concat([
    'CREATE UNIQUE INDEX idx_workflow_definitions_key_version_division ON workflow_definitions (key, version, division, overlay_version)',
    'CREATE INDEX idx_workflow_definitions_division ON workflow_definitions (key, division, status)',
  ]);
  app.save(definitions);
}, (app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  app.db().newQuery("DELETE FROM workflow_definitions WHERE division != ''").execute();
  ['division', 'overlay', 'overlay_version', 'base'].forEach((f) => definitions.fields.removeByName(f));
  definitions.indexes = definitions.indexes.filter((i) => i.indexOf('idx_workflow_definitions_key_version_division') < 0 && i.indexOf('idx_workflow_definitions_division') < 0).concat(['CREATE UNIQUE INDEX idx_workflow_definitions_key_version ON workflow_definitions (key, version)']);
  app.save(definitions);
});
