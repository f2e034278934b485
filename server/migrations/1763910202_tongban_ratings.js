/// <reference path="../pb_data/types.d.ts" />
// 好差评: the applicant rates the service of their own case once it has ended — a score from 1
// (非常不满意) to 5 (非常满意), with a reason required for 不满意 and 非常不满意 (1–2). One rating
// per case (a unique index); only the case's applicant may write it, never change or delete it.
// The applicant reads their own; administrators read all.

migrate((app) => {
  const users = app.findCollectionByNameOrId('users');
  const applications = app.findCollectionByNameOrId('applications');
  const ratings = new Collection({
    type: 'base',
    name: 'ratings',
    listRule: 'applicant = @request.auth.id || @request.auth.role = "admin"',
    viewRule: 'applicant = @request.auth.id || @request.auth.role = "admin"',
    createRule: '@request.auth.id != "" && applicant = @request.auth.id && application.applicant = @request.auth.id && application.status = "done" && (score >= 3 || reason != "")',
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'application', type: 'relation', collectionId: applications.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'applicant', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: false },
      { name: 'score', type: 'number', onlyInt: true, min: 1, max: 5, required: true },
      { name: 'reason', type: 'text', max: 500 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_ratings_application ON ratings (application)'],
  });
  app.save(ratings);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('ratings'));
});
