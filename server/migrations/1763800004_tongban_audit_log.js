/// <reference path="../pb_data/types.d.ts" />
// The audit log: who changed configuration (holiday overrides, definitions, users' roles, units and
// duties) and every reveal of a masked field, with before/after. Append-only: no client writes it,
// and the adapter refuses updates and deletes even for superusers. Administrators read all of it;
// an applicant reads the reveals of their own cases (shown on their timeline).

const isAdmin = '@request.auth.role = "admin"';
const ownReveal = 'application != "" && application.applicant = @request.auth.id && action = "field.reveal"';

migrate((app) => {
  const applications = app.findCollectionByNameOrId('applications');
  const log = new Collection({
    type: 'base',
    name: 'audit_log',
    listRule: `${isAdmin} || (${ownReveal})`,
    viewRule: `${isAdmin} || (${ownReveal})`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'at', type: 'text', max: 40, required: true },
      { name: 'action', type: 'text', max: 80, required: true },
      { name: 'actor_id', type: 'text', max: 40 },
      { name: 'actor_name', type: 'text', max: 100 },
      { name: 'actor_role', type: 'text', max: 40 },
      { name: 'actor_unit', type: 'text', max: 200 },
      { name: 'target_collection', type: 'text', max: 80 },
      { name: 'target_id', type: 'text', max: 40 },
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, cascadeDelete: false },
      { name: 'field', type: 'text', max: 300 },
      { name: 'reason', type: 'text', max: 2000 },
      { name: 'before', type: 'json', maxSize: 200000 },
      { name: 'after', type: 'json', maxSize: 200000 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: [
      'CREATE INDEX idx_audit_log_at ON audit_log (at)',
      'CREATE INDEX idx_audit_log_application ON audit_log (application, at)',
      'CREATE INDEX idx_audit_log_target ON audit_log (target_collection, target_id, at)',
    ],
  });
  app.save(log);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('audit_log'));
});
