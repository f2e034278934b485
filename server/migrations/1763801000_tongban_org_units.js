/// <reference path="../pb_data/types.d.ts" />
// Organisations beside the administrative chain (docs/contracts.md): org units of level
// `department` with a `kind` (县残联, 登记管理机关, 业务主管单位, third-party assessors, expert pools),
// attached to a division through `parent` and `county`, coded by their 统一社会信用代码. Pool members
// carry an `affiliation` for 回避. A case records every unit it was routed to (`assigned_units`) and
// every pool member drawn for it (`assigned_users`); their officers see that case, its tasks, events,
// documents and attachments — and no other case of the county. Tasks gain the levels `department`
// and `pool`. The kinds are the engine's `unitKinds` (engine/org/unitKinds.ts).

const kinds = ['disabled_persons_federation', 'registration_authority', 'supervisory_unit', 'assessor', 'expert_pool'];
const codePattern = '^([0-9]{6}([0-9]{3}([0-9]{3})?)?|[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10})$';
const oldCodePattern = '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$';
const isOfficer = '@request.auth.role = "officer" && @request.auth.org_unit != ""';
const assigned = (prefix) => `(${isOfficer} && ${prefix}assigned_units.id ?= @request.auth.org_unit) || (@request.auth.id != "" && ${prefix}assigned_users.id ?= @request.auth.id)`;
const widen = (rule, prefix) => (rule === null || rule === undefined ? rule : `(${rule}) || ${assigned(prefix)}`);
const narrow = (rule, prefix) => {
  const tail = ` || ${assigned(prefix)}`;
  return rule && rule.endsWith(tail) && rule.startsWith('(') ? rule.slice(1, rule.length - tail.length - 1) : rule;
};
const children = ['tasks', 'events', 'documents', 'attachments'];

migrate((app) => {
  const orgUnits = app.findCollectionByNameOrId('org_units');
  orgUnits.fields.getByName('level').values = ['county', 'township', 'village', 'department'];
  orgUnits.fields.getByName('code').pattern = codePattern;
  orgUnits.fields.add(new SelectField({ name: 'kind', values: kinds, maxSelect: 1 }));
  app.save(orgUnits);

  const users = app.findCollectionByNameOrId('users');
  users.fields.add(new TextField({ name: 'affiliation', max: 100 }));
  app.save(users);

  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.add(new RelationField({ name: 'assigned_units', collectionId: orgUnits.id, maxSelect: 999 }));
  applications.fields.add(new RelationField({ name: 'assigned_users', collectionId: users.id, maxSelect: 999 }));
  applications.listRule = widen(applications.listRule, '');
  applications.viewRule = widen(applications.viewRule, '');
  app.save(applications);

  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.getByName('level').values = ['applicant', 'village', 'township', 'county', 'department', 'pool'];
  app.save(tasks);

  children.forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.listRule = widen(c.listRule, 'application.');
    c.viewRule = widen(c.viewRule, 'application.');
    if (name === 'attachments') c.createRule = c.createRule.replace('uploaded_by = @request.auth.id && ', 'uploaded_by = @request.auth.id && (') + ` || ${assigned('application.')})`;
    app.save(c);
  });
}, (app) => {
  children.forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.listRule = narrow(c.listRule, 'application.');
    c.viewRule = narrow(c.viewRule, 'application.');
    if (name === 'attachments') {
      const tail = ` || ${assigned('application.')})`;
      if (c.createRule.endsWith(tail)) c.createRule = c.createRule.slice(0, -tail.length).replace('uploaded_by = @request.auth.id && (', 'uploaded_by = @request.auth.id && ');
    }
    app.save(c);
  });
  const tasks = app.findCollectionByNameOrId('tasks');
  tasks.fields.getByName('level').values = ['applicant', 'village', 'township', 'county'];
  app.save(tasks);
  const applications = app.findCollectionByNameOrId('applications');
  applications.listRule = narrow(applications.listRule, '');
  applications.viewRule = narrow(applications.viewRule, '');
  applications.fields.removeByName('assigned_units');
  applications.fields.removeByName('assigned_users');
  app.save(applications);
  const users = app.findCollectionByNameOrId('users');
  users.fields.removeByName('affiliation');
  app.save(users);
  const orgUnits = app.findCollectionByNameOrId('org_units');
  orgUnits.fields.removeByName('kind');
  orgUnits.fields.getByName('level').values = ['county', 'township', 'village'];
  orgUnits.fields.getByName('code').pattern = oldCodePattern;
  app.save(orgUnits);
});
