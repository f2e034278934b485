/// <reference path="../pb_data/types.d.ts" />
// Each published workflow version keeps its form validator precompiled as an ES module (ajv
// standalone code), served at /api/tongban/workflows/{key}/{version}/validator.js, so the page
// validates without generating code (a strict Content-Security-Policy forbids `new Function`) —
// for every version that still has open cases, not only the newest. Hidden: the record API does not
// carry ~100 KB of code to every reader of a definition.

migrate((app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.add(new TextField({ name: 'validator_module', max: 5000000, hidden: true }));
  app.save(definitions);
}, (app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.removeByName('validator_module');
  app.save(definitions);
});
