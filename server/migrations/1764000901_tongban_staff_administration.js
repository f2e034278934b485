/// <reference path="../pb_data/types.d.ts" />
// The administrators' studio manages people and units without the PocketBase dashboard:
// administrators create users and change their name, role, unit, duties, phone and `disabled`
// (never their own role or `disabled`, so an administrator cannot lock themselves out; nobody
// deletes a user with history — userLifecycle refuses it), and create and rename org units
// (never delete them: cases, tasks and users point at them). Org-unit writes are audited like
// users' (configAudit, `org_unit.create|update`).

const isAdmin = '@request.auth.role = "admin"';
const adminEdit = `(${isAdmin} && (id != @request.auth.id || (@request.body.role:isset = false && @request.body.disabled:isset = false)))`;

migrate((app) => {
  const users = app.findCollectionByNameOrId('users');
  users.createRule = isAdmin;
  users.updateRule = `(${users.updateRule}) || ${adminEdit}`;
  app.save(users);

  const orgUnits = app.findCollectionByNameOrId('org_units');
  orgUnits.createRule = isAdmin;
  orgUnits.updateRule = isAdmin;
  app.save(orgUnits);
}, (app) => {
  const users = app.findCollectionByNameOrId('users');
  users.createRule = null;
  const tail = ` || ${adminEdit}`;
  if (users.updateRule.endsWith(tail)) users.updateRule = users.updateRule.slice(1, users.updateRule.length - tail.length - 1);
  app.save(users);

  const orgUnits = app.findCollectionByNameOrId('org_units');
  orgUnits.createRule = null;
  orgUnits.updateRule = null;
  app.save(orgUnits);
});
