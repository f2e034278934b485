/// <reference path="../pb_data/types.d.ts" />
// Notices in the app: a recipient marks their own notices read (`read_at`, and nothing else), so the
// shell can show how many are unread on every device.

migrate((app) => {
  const notifications = app.findCollectionByNameOrId('notifications');
  notifications.fields.add(new DateField({ name: 'read_at' }));
  notifications.updateRule = 'recipient = @request.auth.id && @request.body.recipient:isset = false && @request.body.application:isset = false && @request.body.message:isset = false && @request.body.key:isset = false';
  notifications.indexes = notifications.indexes.concat(['CREATE INDEX idx_notifications_unread ON notifications (recipient, read_at)']);
  app.save(notifications);
}, (app) => {
  const notifications = app.findCollectionByNameOrId('notifications');
  notifications.fields.removeByName('read_at');
  notifications.updateRule = null;
  notifications.indexes = notifications.indexes.filter((i) => i.indexOf('idx_notifications_unread') < 0);
  app.save(notifications);
});
