/// <reference path="../pb_data/types.d.ts" />
// Notifications leave the outbox (server/adapter/notifications/): a row written by the `notify`
// effect is fanned out, from the cron and outside command transactions, into one delivery row per
// channel and recipient — the in-app inbox (`notifications`, read by its recipient), SMS through an
// HTTP gateway, a group-robot webhook — each with its own idempotency key, retries with backoff and
// a dead-letter state (`failed`) that administrators can read.

const isAdmin = '@request.auth.role = "admin"';

migrate((app) => {
  const outbox = app.findCollectionByNameOrId('outbox');
  const channel = outbox.fields.getByName('channel');
  channel.values = ['inbox', 'sms', 'webhook'];
  outbox.fields.add(new TextField({ name: 'parent', max: 40 }));
  outbox.fields.add(new TextField({ name: 'key', max: 200 }));
  outbox.fields.add(new TextField({ name: 'last_error', max: 2000 }));
  outbox.fields.add(new DateField({ name: 'sent_at' }));
  outbox.listRule = isAdmin;
  outbox.viewRule = isAdmin;
  outbox.indexes = outbox.indexes.concat([
    "CREATE UNIQUE INDEX idx_outbox_key ON outbox (key) WHERE key != ''",
    'CREATE INDEX idx_outbox_parent ON outbox (parent)',
  ]);
  app.save(outbox);

  const users = app.findCollectionByNameOrId('users');
  const applications = app.findCollectionByNameOrId('applications');
  const notifications = new Collection({
    type: 'base',
    name: 'notifications',
    listRule: 'recipient = @request.auth.id',
    viewRule: 'recipient = @request.auth.id',
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'recipient', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, cascadeDelete: false },
      { name: 'message', type: 'text', max: 2000 },
      { name: 'key', type: 'text', max: 200, required: true },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: [
      'CREATE UNIQUE INDEX idx_notifications_key ON notifications (key)',
      'CREATE INDEX idx_notifications_recipient ON notifications (recipient, created)',
    ],
  });
  app.save(notifications);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('notifications'));
  const outbox = app.findCollectionByNameOrId('outbox');
  ['parent', 'key', 'last_error', 'sent_at'].forEach((f) => outbox.fields.removeByName(f));
  outbox.fields.getByName('channel').values = ['inbox', 'sms'];
  outbox.listRule = null;
  outbox.viewRule = null;
  outbox.indexes = outbox.indexes.filter((i) => i.indexOf('idx_outbox_key') < 0 && i.indexOf('idx_outbox_parent') < 0);
  app.save(outbox);
});
