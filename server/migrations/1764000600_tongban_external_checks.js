/// <reference path="../pb_data/types.d.ts" />
// External checks (信息核对, server/adapter/checkRequests.ts): a step with `check` sends its request
// through the outbox (channel `check`) to a check service — the province's 核对 system over HTTP,
// or the local simulator — and the report comes back by a signed callback. `check_requests` holds
// each request's payload (household data: superuser-only, never on the admin-readable outbox), its
// state, and the signature of the report that was accepted (a replayed report is refused by it).

migrate((app) => {
  const outbox = app.findCollectionByNameOrId('outbox');
  outbox.fields.getByName('channel').values = ['inbox', 'sms', 'webhook', 'check'];
  app.save(outbox);

  const applications = app.findCollectionByNameOrId('applications');
  const requests = new Collection({
    type: 'base',
    name: 'check_requests',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'key', type: 'text', required: true, max: 200 },
      { name: 'request', type: 'text', required: true, max: 200 },
      { name: 'service', type: 'text', required: true, max: 64 },
      { name: 'payload', type: 'json', maxSize: 262144 },
      { name: 'status', type: 'select', maxSelect: 1, values: ['pending', 'sent', 'reported', 'failed'] },
      { name: 'error', type: 'text', max: 2000 },
      { name: 'simulated_report', type: 'json', maxSize: 262144 },
      { name: 'report_signature', type: 'text', max: 200 },
      { name: 'reported_at', type: 'date' },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: [
      'CREATE UNIQUE INDEX idx_check_requests_key ON check_requests (key)',
      "CREATE UNIQUE INDEX idx_check_requests_signature ON check_requests (report_signature) WHERE report_signature != ''",
      'CREATE INDEX idx_check_requests_application ON check_requests (application)',
    ],
  });
  app.save(requests);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('check_requests'));
  const outbox = app.findCollectionByNameOrId('outbox');
  outbox.fields.getByName('channel').values = ['inbox', 'sms', 'webhook'];
  app.save(outbox);
});
