/// <reference path="../pb_data/types.d.ts" />
// Task verbs (转办, 加签, 抄送, 委托, 撤回, 催办; docs/definition-language.md "Task verbs"):
// - tasks: mode `sign` (an added signer's opinion, 加签 before the adder);
// - events: `note`, what a verb did for the timeline (e.g. `转办给 张三`), covered by the hash chain;
// - case_readers: users given read access to one case (抄送, a signer of another unit), written only
//   by commands; the case, its events, documents, tasks and attachments are readable by them through the record API;
// - delegations (委托): an officer's tasks handed to a colleague for a period, written only through
//   `POST /api/tongban/delegations`; readable by both parties and administrators.

const isAdmin = '@request.auth.role = "admin"';
const reader = (idField) => `(@collection.case_readers.application ?= ${idField} && @collection.case_readers.user ?= @request.auth.id)`;
const children = ['events', 'documents', 'tasks', 'attachments'];

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  const mode = tasks.fields.getByName('mode');
  if (mode.values.indexOf('sign') < 0) mode.values = mode.values.concat(['sign']);
  app.save(tasks);

  const events = app.findCollectionByNameOrId('events');
  events.fields.add(new TextField({ name: 'note', max: 2000 }));
  app.save(events);

  const users = app.findCollectionByNameOrId('users');
  const applications = app.findCollectionByNameOrId('applications');
  const readers = new Collection({
    type: 'base',
    name: 'case_readers',
    listRule: `user = @request.auth.id || ${isAdmin}`,
    viewRule: `user = @request.auth.id || ${isAdmin}`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, required: true, cascadeDelete: true },
      { name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'reason', type: 'select', maxSelect: 1, values: ['cc', 'signer'] },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_case_readers_case_user ON case_readers (application, user)', 'CREATE INDEX idx_case_readers_user ON case_readers (user)'],
  });
  app.save(readers);

  applications.listRule = `${applications.listRule} || ${reader('id')}`;
  applications.viewRule = `${applications.viewRule} || ${reader('id')}`;
  app.save(applications);
  children.forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.listRule = `${c.listRule} || ${reader('application')}`;
    c.viewRule = `${c.viewRule} || ${reader('application')}`;
    app.save(c);
  });

  const delegations = new Collection({
    type: 'base',
    name: 'delegations',
    listRule: `delegator = @request.auth.id || delegate = @request.auth.id || ${isAdmin}`,
    viewRule: `delegator = @request.auth.id || delegate = @request.auth.id || ${isAdmin}`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'delegator', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'delegate', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'starts_at', type: 'date', required: true },
      { name: 'ends_at', type: 'date', required: true },
      { name: 'reason', type: 'text', max: 500 },
      { name: 'revoked_at', type: 'date' },
      { name: 'created_by', type: 'relation', collectionId: users.id, maxSelect: 1, cascadeDelete: false },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE INDEX idx_delegations_to ON delegations (delegate, starts_at)', 'CREATE INDEX idx_delegations_from ON delegations (delegator, starts_at)'],
  });
  app.save(delegations);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('delegations'));
  const strip = (rule, idField) => rule.split(` || ${reader(idField)}`).join('');
  const applications = app.findCollectionByNameOrId('applications');
  applications.listRule = strip(applications.listRule, 'id');
  applications.viewRule = strip(applications.viewRule, 'id');
  app.save(applications);
  children.forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.listRule = strip(c.listRule, 'application');
    c.viewRule = strip(c.viewRule, 'application');
    app.save(c);
  });
  app.delete(app.findCollectionByNameOrId('case_readers'));
  const events = app.findCollectionByNameOrId('events');
  events.fields.removeByName('note');
  app.save(events);
  const tasks = app.findCollectionByNameOrId('tasks');
  const mode = tasks.fields.getByName('mode');
  mode.values = mode.values.filter((v) => v !== 'sign');
  app.save(tasks);
});
