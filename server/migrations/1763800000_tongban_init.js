/// <reference path="../pb_data/types.d.ts" />
// Tongban's collections (docs/contracts.md). Workflow collections have no client create, update or
// delete rule: every write goes through the custom routes of the command adapter. Reads are scoped
// by jurisdiction: an applicant sees their own cases; an officer sees cases whose county, township
// or village is their org unit; an admin sees everything.

const signedIn = '@request.auth.id != ""';
const isAdmin = '@request.auth.role = "admin"';
const isOfficer = '@request.auth.role = "officer" && @request.auth.org_unit != ""';
const inJurisdiction = (prefix) =>
  `(${prefix}county = @request.auth.org_unit || ${prefix}township = @request.auth.org_unit || ${prefix}village = @request.auth.org_unit)`;

const caseRule = `${isAdmin} || applicant = @request.auth.id || (${isOfficer} && ${inJurisdiction('')})`;
const childRule = `${isAdmin} || application.applicant = @request.auth.id || (${isOfficer} && ${inJurisdiction('application.')})`;

function text(name, extra) { return Object.assign({ name: name, type: 'text', max: 2000 }, extra || {}); }
function num(name, extra) { return Object.assign({ name: name, type: 'number' }, extra || {}); }
function json(name) { return { name: name, type: 'json', maxSize: 2000000 }; }
function date(name) { return { name: name, type: 'date' }; }
function bool(name) { return { name: name, type: 'bool' }; }
function select(name, values, extra) { return Object.assign({ name: name, type: 'select', maxSelect: 1, values: values }, extra || {}); }
function rel(name, collectionId, extra) {
  return Object.assign({ name: name, type: 'relation', collectionId: collectionId, maxSelect: 1, cascadeDelete: false }, extra || {});
}
function autodates() {
  return [
    { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
  ];
}

migrate((app) => {
  // Org tree: county → township → village, GB/T 2260-style codes.
  const orgUnits = new Collection({
    type: 'base',
    name: 'org_units',
    listRule: signedIn,
    viewRule: signedIn,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [text('code', { required: true, pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' }), text('name', { required: true }), select('level', ['county', 'township', 'village'], { required: true })].concat(autodates()),
    indexes: ['CREATE UNIQUE INDEX idx_org_units_code ON org_units (code)'],
  });
  app.save(orgUnits);
  orgUnits.fields.add(new RelationField({ name: 'parent', collectionId: orgUnits.id, maxSelect: 1 }));
  orgUnits.fields.add(new RelationField({ name: 'county', collectionId: orgUnits.id, maxSelect: 1 }));
  orgUnits.fields.add(new RelationField({ name: 'township', collectionId: orgUnits.id, maxSelect: 1 }));
  app.save(orgUnits);

  // Users: role, org unit and duties are set by administrators only.
  const users = app.findCollectionByNameOrId('users');
  users.fields.add(new TextField({ name: 'name', max: 100 }));
  users.fields.add(new SelectField({ name: 'role', values: ['applicant', 'officer', 'admin'], maxSelect: 1 }));
  users.fields.add(new RelationField({ name: 'org_unit', collectionId: orgUnits.id, maxSelect: 1 }));
  users.fields.add(new JSONField({ name: 'duties', maxSize: 10000 }));
  users.fields.add(new TextField({ name: 'phone', max: 20 }));
  users.listRule = `id = @request.auth.id || ${isAdmin}`;
  users.viewRule = `id = @request.auth.id || ${isAdmin} || (${isOfficer} && org_unit != "" && (org_unit = @request.auth.org_unit || org_unit.township = @request.auth.org_unit || org_unit.county = @request.auth.org_unit))`;
  users.createRule = null;
  users.updateRule = `id = @request.auth.id && @request.body.role:isset = false && @request.body.org_unit:isset = false && @request.body.duties:isset = false`;
  users.deleteRule = null;
  app.save(users);

  const definitions = new Collection({
    type: 'base',
    name: 'workflow_definitions',
    listRule: `${signedIn} && (status = "published" || ${isAdmin})`,
    viewRule: `${signedIn} && (status = "published" || ${isAdmin})`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [text('key', { required: true, max: 64 }), num('version', { required: true, onlyInt: true, min: 1 }), select('status', ['draft', 'published', 'retired'], { required: true }), text('name', { required: true }), json('definition'), json('form_schema'), json('ui_schema'), text('sha256', { max: 64 })].concat(autodates()),
    indexes: ['CREATE UNIQUE INDEX idx_workflow_definitions_key_version ON workflow_definitions (key, version)'],
  });
  app.save(definitions);

  const applications = new Collection({
    type: 'base',
    name: 'applications',
    listRule: caseRule,
    viewRule: caseRule,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      text('case_no', { required: true, max: 40 }),
      rel('workflow', definitions.id, { required: true }),
      text('workflow_key', { max: 64 }),
      num('workflow_version', { onlyInt: true }),
      rel('applicant', users.id, { required: true }),
      rel('filed_by', users.id),
      rel('village', orgUnits.id),
      rel('township', orgUnits.id),
      rel('county', orgUnits.id),
      text('step', { max: 100 }),
      text('step_name', { max: 200 }),
      select('status', ['active', 'done']),
      select('outcome', ['approved', 'rejected', 'withdrawn', 'terminated']),
      json('snapshot'),
      { name: 'data', type: 'json', maxSize: 2000000, hidden: true },
      num('version', { onlyInt: true, min: 0 }),
      json('flags'),
      date('due_at'),
      text('title', { max: 200 }),
    ].concat(autodates()),
    indexes: [
      'CREATE UNIQUE INDEX idx_applications_case_no ON applications (case_no)',
      'CREATE INDEX idx_applications_applicant ON applications (applicant, created)',
      'CREATE INDEX idx_applications_county ON applications (county, status, created)',
      'CREATE INDEX idx_applications_township ON applications (township, status, created)',
      'CREATE INDEX idx_applications_village ON applications (village, status, created)',
    ],
  });
  app.save(applications);

  const child = (name, fields, indexes) => {
    const c = new Collection({
      type: 'base',
      name: name,
      listRule: childRule,
      viewRule: childRule,
      createRule: null,
      updateRule: null,
      deleteRule: null,
      fields: [rel('application', applications.id, { required: true, cascadeDelete: true })].concat(fields, autodates()),
      indexes: indexes,
    });
    app.save(c);
    return c;
  };

  child('tasks', [
    text('key', { required: true, max: 120 }),
    text('step', { max: 100 }),
    text('step_name', { max: 200 }),
    select('level', ['applicant', 'village', 'township', 'county']),
    rel('assignee_unit', orgUnits.id),
    rel('assignee_user', users.id),
    text('role', { max: 64 }),
    select('mode', ['single', 'any', 'all']),
    select('status', ['open', 'done', 'cancelled']),
    date('due_at'),
    rel('village', orgUnits.id),
    rel('township', orgUnits.id),
    rel('county', orgUnits.id),
    date('closed_at'),
  ], [
    'CREATE UNIQUE INDEX idx_tasks_application_key ON tasks (application, key)',
    'CREATE INDEX idx_tasks_queue ON tasks (assignee_unit, status, created)',
    'CREATE INDEX idx_tasks_user ON tasks (assignee_user, status, created)',
  ]);

  child('events', [
    num('seq', { required: true, onlyInt: true, min: 1 }),
    text('action', { max: 100 }),
    text('kind', { max: 40 }),
    text('from_step', { max: 100 }),
    text('to_step', { max: 100 }),
    rel('actor', users.id),
    text('comment', { max: 5000 }),
    json('data_patch'),
    text('at', { max: 40 }),
    text('command_id', { max: 100 }),
    text('prev_hash', { max: 64 }),
    text('hash', { max: 64 }),
  ], ['CREATE UNIQUE INDEX idx_events_application_seq ON events (application, seq)']);

  child('documents', [text('kind', { max: 40 }), text('title', { max: 200 }), text('template', { max: 100 }), { name: 'html', type: 'text', max: 500000 }, text('sha256', { max: 64 })], [
    'CREATE INDEX idx_documents_application ON documents (application)',
  ]);

  const hidden = (name, fields, indexes) => {
    const c = new Collection({ type: 'base', name: name, listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null, fields: fields.concat(autodates()), indexes: indexes });
    app.save(c);
    return c;
  };

  hidden('timers', [rel('application', applications.id, { required: true, cascadeDelete: true }), text('key', { required: true, max: 120 }), text('step', { max: 100 }), date('due_at'), select('status', ['pending', 'fired', 'cancelled']), date('fired_at')], [
    'CREATE UNIQUE INDEX idx_timers_application_key ON timers (application, key)',
    'CREATE INDEX idx_timers_due ON timers (status, due_at)',
  ]);
  hidden('commands', [text('command_id', { required: true, max: 100 }), rel('application', applications.id), rel('actor', users.id), num('status', { onlyInt: true }), json('response')], [
    'CREATE UNIQUE INDEX idx_commands_command_id ON commands (command_id)',
  ]);
  hidden('outbox', [rel('application', applications.id), select('channel', ['inbox', 'sms']), text('recipient', { max: 100 }), text('message', { max: 2000 }), select('status', ['pending', 'sent', 'failed']), num('attempts', { onlyInt: true }), date('next_attempt_at')], [
    'CREATE INDEX idx_outbox_status ON outbox (status, next_attempt_at)',
  ]);
  hidden('staff_relatives', [rel('staff', users.id, { required: true }), text('relative_name', { max: 100 }), text('relative_id_hash', { required: true, max: 64 })], [
    'CREATE INDEX idx_staff_relatives_hash ON staff_relatives (relative_id_hash)',
  ]);

  const overrides = new Collection({
    type: 'base',
    name: 'calendar_overrides',
    listRule: signedIn,
    viewRule: signedIn,
    createRule: isAdmin,
    updateRule: isAdmin,
    deleteRule: isAdmin,
    fields: [text('date', { required: true, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), bool('working'), text('note', { max: 200 })].concat(autodates()),
    indexes: ['CREATE UNIQUE INDEX idx_calendar_overrides_date ON calendar_overrides (date)'],
  });
  app.save(overrides);

  // Settings of the simulated clock (tests only) and other server state: superuser-only.
  hidden('server_state', [text('key', { required: true, max: 64 }), text('value', { max: 2000 })], ['CREATE UNIQUE INDEX idx_server_state_key ON server_state (key)']);
}, (app) => {
  ['server_state', 'calendar_overrides', 'staff_relatives', 'outbox', 'commands', 'timers', 'documents', 'events', 'tasks', 'applications', 'workflow_definitions'].forEach((name) => {
    app.delete(app.findCollectionByNameOrId(name));
  });
  const users = app.findCollectionByNameOrId('users');
  ['name', 'role', 'org_unit', 'duties', 'phone'].forEach((f) => users.fields.removeByName(f));
  app.save(users);
  app.delete(app.findCollectionByNameOrId('org_units'));
});
