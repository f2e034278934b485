/// <reference path="../pb_data/types.d.ts" />
// Documents belong to their process version: each published version keeps its document templates
// (`templates`: its own documents and the shared GB/T 9704 layout, hidden like the validator module);
// each document carries its 发文字号 (`number`), allocated from a counter per issuing unit and year
// (`document_counters`, written only by the command transaction); a unit may set its own 机关代字
// (`org_units.document_code`, e.g. 海民发).

migrate((app) => {
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.add(new JSONField({ name: 'templates', maxSize: 2000000, hidden: true }));
  app.save(definitions);

  const documents = app.findCollectionByNameOrId('documents');
  documents.fields.add(new TextField({ name: 'number', max: 60 }));
  app.save(documents);

  const units = app.findCollectionByNameOrId('org_units');
  units.fields.add(new TextField({ name: 'document_code', max: 20 }));
  app.save(units);

  const counters = new Collection({
    type: 'base',
    name: 'document_counters',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'issuer', type: 'relation', collectionId: units.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'year', type: 'number', onlyInt: true, required: true },
      { name: 'last', type: 'number', onlyInt: true },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_document_counters_issuer_year ON document_counters (issuer, year)'],
  });
  app.save(counters);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('document_counters'));
  const units = app.findCollectionByNameOrId('org_units');
  units.fields.removeByName('document_code');
  app.save(units);
  const documents = app.findCollectionByNameOrId('documents');
  documents.fields.removeByName('number');
  app.save(documents);
  const definitions = app.findCollectionByNameOrId('workflow_definitions');
  definitions.fields.removeByName('templates');
  app.save(definitions);
});
