/// <reference path="../pb_data/types.d.ts" />
// Attachments: the supporting documents of a case (户口簿, 残疾人证, 收入证明 …), one file per record
// in a protected file field (viewing needs a file token). Whoever may see the case may upload to it
// and see its files; nobody changes or deletes one through the API — a wrong upload is simply not
// referenced by the case data, and the history of what was sent stays whole.

const isAdmin = '@request.auth.role = "admin"';
const isOfficer = '@request.auth.role = "officer" && @request.auth.org_unit != ""';
const inJurisdiction = (prefix) =>
  `(${prefix}county = @request.auth.org_unit || ${prefix}township = @request.auth.org_unit || ${prefix}village = @request.auth.org_unit)`;
const caseVisible = `(${isAdmin} || application.applicant = @request.auth.id || (${isOfficer} && ${inJurisdiction('application.')}))`;

/** What an attachment may be: photos or scans as JPEG/PNG/WebP, or PDF, up to 10 MB. */
const allowedTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const maxBytes = 10 * 1024 * 1024;

migrate((app) => {
  const applications = app.findCollectionByNameOrId('applications');
  const users = app.findCollectionByNameOrId('users');
  const attachments = new Collection({
    type: 'base',
    name: 'attachments',
    listRule: caseVisible,
    viewRule: caseVisible,
    createRule: `@request.auth.id != "" && uploaded_by = @request.auth.id && ${caseVisible}`,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, required: true, cascadeDelete: true },
      { name: 'uploaded_by', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'file', type: 'file', required: true, maxSelect: 1, maxSize: maxBytes, mimeTypes: allowedTypes, protected: true },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: ['CREATE INDEX idx_attachments_application ON attachments (application, created)'],
  });
  app.save(attachments);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('attachments'));
});
