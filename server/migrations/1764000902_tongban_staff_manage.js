/// <reference path="../pb_data/types.d.ts" />
// Administrators manage accounts in the studio: PocketBase's `manageRule` lets them see each
// account's email (hidden from everyone else unless it is their own) and set a new password for
// someone who lost theirs. Other users' emails stay hidden from officers and applicants.

migrate((app) => {
  const users = app.findCollectionByNameOrId('users');
  users.manageRule = '@request.auth.role = "admin"';
  app.save(users);
}, (app) => {
  const users = app.findCollectionByNameOrId('users');
  users.manageRule = null;
  app.save(users);
});
