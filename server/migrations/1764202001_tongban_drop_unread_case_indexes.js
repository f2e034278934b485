/// <reference path="../pb_data/types.d.ts" />
// The write lock (issue 14, point 1; docs/benchmarks.md "The approved subjects, kept"): three
// indexes of the cases that no query reads any more, dropped. Each was the dashboard's way to its
// figures before they were kept (1764100601): the cases started in a period `(created, …)`, ended in
// one `(status, updated, …)`, approved in one `(outcome, updated, …)`. The county, a township and
// every division now read the kept figures (1764200201, 1764201201, 1764201901) and a village its
// cases through idx_applications_village, which the dashboard names. Every command writes its case's
// `updated`, so two of them were rewritten under the write lock by every command, and all three by
// every opening and closing.

const dropped = [
  'CREATE INDEX idx_applications_started ON applications (created, workflow_key, status, outcome, township, village, county)',
  'CREATE INDEX idx_applications_ended ON applications (status, updated, due_at, township, village, county)',
  'CREATE INDEX idx_applications_approved ON applications (outcome, updated, workflow_key, subject, township, village, county)',
];
const named = (sql) => sql.split(' ')[2];
/** The cases' indexes without the dropped ones. */
const without = (current) => current.filter((i) => !dropped.map(named).some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));

migrate((app) => {
  const cases = app.findCollectionByNameOrId('applications');
  cases.indexes = without(cases.indexes);
  app.save(cases);
}, (app) => {
  const cases = app.findCollectionByNameOrId('applications');
  cases.indexes = without(cases.indexes).concat(dropped);
  app.save(cases);
});
