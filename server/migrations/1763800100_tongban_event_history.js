/// <reference path="../pb_data/types.d.ts" />
// History that is safe to show and survives staff changes (docs/contracts.md, "events").
//
// events:
// - `data_patch` (the raw data a command sent) becomes hidden: clients can neither read nor filter
//   it, nor receive it over realtime. The timeline shows `data_masked`, the same patch with the
//   form's `x-mask` fields masked.
// - `actor` (a relation, blanked when a user is deleted) gives way to the actor by value:
//   `actor_id`, `actor_name`, `actor_unit_name`, and in the hidden `replay` the whole actor as it
//   was (kind, duties, unit and unit path) with what replaying the event needs (the calendar
//   version, the return target, the timer key, how the case was opened).
// - `format`: 0 for events written before this migration (their hash covers the old fields; the
//   server fills their masked copy and names at its next start and marks them 1), 2 for new events
//   (the hash covers every field above).
// calendar_versions (hidden): every set of 工作日 overrides a decision used, by content hash, so a
//   later change to the overrides does not change what replaying an old event computes.
// users: `disabled`. A user with history is disabled, never deleted; a disabled user cannot sign in
//   and their tokens stop working. Users cannot set it on themselves.

migrate((app) => {
  const events = app.findCollectionByNameOrId('events');
  events.fields.getByName('data_patch').hidden = true;
  events.fields.add(new NumberField({ name: 'format', onlyInt: true, min: 0 }));
  events.fields.add(new TextField({ name: 'actor_id', max: 40 }));
  events.fields.add(new TextField({ name: 'actor_name', max: 100 }));
  events.fields.add(new TextField({ name: 'actor_unit_name', max: 200 }));
  events.fields.add(new JSONField({ name: 'data_masked', maxSize: 2000000 }));
  events.fields.add(new JSONField({ name: 'replay', maxSize: 200000, hidden: true }));
  app.save(events);
  app.db().newQuery("UPDATE events SET actor_id = COALESCE(actor, ''), format = 0").execute();
  events.fields.removeByName('actor');
  events.indexes = events.indexes.concat(['CREATE INDEX idx_events_actor_id ON events (actor_id)']);
  app.save(events);

  const versions = new Collection({
    type: 'base',
    name: 'calendar_versions',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'hash', type: 'text', required: true, max: 64 },
      { name: 'overrides', type: 'json', maxSize: 2000000 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_calendar_versions_hash ON calendar_versions (hash)'],
  });
  app.save(versions);

  const users = app.findCollectionByNameOrId('users');
  users.fields.add(new BoolField({ name: 'disabled' }));
  if (users.updateRule) users.updateRule = `(${users.updateRule}) && @request.body.disabled:isset = false`;
  app.save(users);
}, (app) => {
  const users = app.findCollectionByNameOrId('users');
  users.fields.removeByName('disabled');
  if (users.updateRule) users.updateRule = users.updateRule.replace(/^\((.*)\) && @request\.body\.disabled:isset = false$/, '$1');
  app.save(users);
  app.delete(app.findCollectionByNameOrId('calendar_versions'));
  const events = app.findCollectionByNameOrId('events');
  const usersId = users.id;
  events.fields.add(new RelationField({ name: 'actor', collectionId: usersId, maxSelect: 1 }));
  events.indexes = events.indexes.filter((i) => i.indexOf('idx_events_actor_id') < 0);
  app.save(events);
  app.db().newQuery("UPDATE events SET actor = actor_id").execute();
  ['format', 'actor_id', 'actor_name', 'actor_unit_name', 'data_masked', 'replay'].forEach((f) => events.fields.removeByName(f));
  events.fields.getByName('data_patch').hidden = false;
  app.save(events);
});
