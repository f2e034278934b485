/// <reference path="../pb_data/types.d.ts" />
// Subjects and links (issue 8, points 2–3): what a case is about — a person or household, keyed by
// a keyed hash (HMAC-SHA256 with the server's secret) of the 身份证 number, never the number; or an
// organisation, keyed by its 统一社会信用代码 — with the facts effects set and conditions read.
// Cases link to their subject, their parent case and the case they follow up. An organisation's
// accounts (users.organisation) act for it and read its cases. The subjects collection is read by
// administrators (and an organisation's accounts read their own); officers read a subject's history
// through GET /api/tongban/subjects/{id}, within their jurisdiction.

const isAdmin = '@request.auth.role = "admin"';

migrate((app) => {
  const orgUnits = app.findCollectionByNameOrId('org_units');
  const users = app.findCollectionByNameOrId('users');
  const subjects = new Collection({
    type: 'base',
    name: 'subjects',
    listRule: `${isAdmin} || (@request.auth.organisation != "" && id = @request.auth.organisation)`,
    viewRule: `${isAdmin} || (@request.auth.organisation != "" && id = @request.auth.organisation)`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'kind', type: 'select', values: ['person', 'organisation'], maxSelect: 1, required: true },
      // person: hex HMAC of the upper-cased ID number; organisation: the 统一社会信用代码.
      { name: 'key', type: 'text', required: true, max: 64 },
      // A person's name is stored masked (王*英); an organisation's in full.
      { name: 'name', type: 'text', max: 200 },
      // e.g. 社会团体, 民办非企业单位, 基金会 for an organisation.
      { name: 'org_kind', type: 'text', max: 50 },
      { name: 'village', type: 'relation', collectionId: orgUnits.id, maxSelect: 1 },
      { name: 'township', type: 'relation', collectionId: orgUnits.id, maxSelect: 1 },
      { name: 'county', type: 'relation', collectionId: orgUnits.id, maxSelect: 1 },
      { name: 'facts', type: 'json', maxSize: 200000 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_subjects_kind_key ON subjects (kind, key)'],
  });
  app.save(subjects);

  users.fields.add(new RelationField({ name: 'organisation', collectionId: subjects.id, maxSelect: 1 }));
  // A user may not set their own organisation.
  users.updateRule = users.updateRule + ' && @request.body.organisation:isset = false';
  app.save(users);

  const applications = app.findCollectionByNameOrId('applications');
  applications.fields.getByName('applicant').required = false;
  applications.fields.add(new RelationField({ name: 'subject', collectionId: subjects.id, maxSelect: 1 }));
  applications.fields.add(new RelationField({ name: 'applicant_org', collectionId: subjects.id, maxSelect: 1 }));
  applications.fields.add(new SelectField({ name: 'starter', values: ['resident', 'proxy', 'organisation', 'officer', 'parent'], maxSelect: 1 }));
  app.save(applications);
  applications.fields.add(new RelationField({ name: 'parent', collectionId: applications.id, maxSelect: 1 }));
  applications.fields.add(new RelationField({ name: 'follows', collectionId: applications.id, maxSelect: 1 }));
  applications.indexes = applications.indexes.concat([
    'CREATE INDEX idx_applications_subject ON applications (subject, created)',
    'CREATE INDEX idx_applications_parent ON applications (parent)',
  ]);
  app.save(applications);

  // The organisation's accounts read its cases (and their tasks, events, documents …) as an applicant reads theirs.
  app.findAllCollections().forEach((c) => {
    let changed = false;
    ['listRule', 'viewRule'].forEach((ruleName) => {
      const rule = c[ruleName];
      if (typeof rule !== 'string') return;
      const next = rule
        .replace(/(^|[^.\w])applicant = @request\.auth\.id/g, '$1applicant = @request.auth.id || (applicant_org != "" && applicant_org = @request.auth.organisation)')
        .replace(/application\.applicant = @request\.auth\.id/g, 'application.applicant = @request.auth.id || (application.applicant_org != "" && application.applicant_org = @request.auth.organisation)');
      if (next !== rule) { c[ruleName] = next; changed = true; }
    });
    if (changed) app.save(c);
  });

  // The secret of the person keys, kept in the data folder (superuser-only collection).
  const state = app.findCollectionByNameOrId('server_state');
  const secret = new Record(state);
  secret.set('key', 'subject_key_secret');
  secret.set('value', $security.randomString(64));
  app.save(secret);
}, (app) => {
  app.findAllCollections().forEach((c) => {
    let changed = false;
    ['listRule', 'viewRule'].forEach((ruleName) => {
      const rule = c[ruleName];
      if (typeof rule !== 'string') return;
      const next = rule.split(' || (applicant_org != "" && applicant_org = @request.auth.organisation)').join('').split(' || (application.applicant_org != "" && application.applicant_org = @request.auth.organisation)').join('');
      if (next !== rule) { c[ruleName] = next; changed = true; }
    });
    if (changed) app.save(c);
  });
  const applications = app.findCollectionByNameOrId('applications');
  ['subject', 'applicant_org', 'starter', 'parent', 'follows'].forEach((f) => applications.fields.removeByName(f));
  applications.indexes = applications.indexes.filter((i) => i.indexOf('idx_applications_subject') < 0 && i.indexOf('idx_applications_parent') < 0);
  applications.fields.getByName('applicant').required = true;
  app.save(applications);
  const users = app.findCollectionByNameOrId('users');
  users.fields.removeByName('organisation');
  users.updateRule = users.updateRule.replace(' && @request.body.organisation:isset = false', '');
  app.save(users);
  app.delete(app.findCollectionByNameOrId('subjects'));
  try { app.delete(app.findFirstRecordByFilter('server_state', 'key = "subject_key_secret"')); } catch (e) { /* none */ }
});
