/// <reference path="../pb_data/types.d.ts" />
// An organisation's accounts read its cases (and their tasks, events, documents …) as an applicant
// reads theirs. Migration 1763801100 meant to add this to the rules, but read each rule with
// `typeof rule === 'string'`, and in a migration a rule is a Go string pointer, not a JS string: it
// changed nothing, so a colleague of the account that filed never saw the organisation's cases in
// the record API's lists (the case routes, which check access themselves, were right). Applied
// here, reading each rule with String().
const own = / \|\| \(applicant_org != "" && applicant_org = @request\.auth\.organisation\)| \|\| \(application\.applicant_org != "" && application\.applicant_org = @request\.auth\.organisation\)/g;

function rewriteRules(app, rewrite) {
  app.findAllCollections().forEach((c) => {
    const hasOrganisation = !!c.fields.getByName('applicant_org');
    let changed = false;
    ['listRule', 'viewRule'].forEach((ruleName) => {
      const value = c[ruleName];
      if (value === null || value === undefined) return;
      const rule = String(value);
      const next = rewrite(rule, hasOrganisation);
      if (next !== rule) {
        c[ruleName] = next;
        changed = true;
      }
    });
    if (changed) app.save(c);
  });
}

migrate((app) => {
  // A collection's own applicant only where it keeps the organisation beside it (the cases); a
  // record of a case (task, event, document …) through its application.
  rewriteRules(app, (rule, hasOrganisation) =>
    rule
      .replace(own, '')
      .replace(/(^|[^.\w])applicant = @request\.auth\.id/g, (match, before) => (hasOrganisation ? `${before}applicant = @request.auth.id || (applicant_org != "" && applicant_org = @request.auth.organisation)` : match))
      .replace(/application\.applicant = @request\.auth\.id/g, 'application.applicant = @request.auth.id || (application.applicant_org != "" && application.applicant_org = @request.auth.organisation)'),
  );
}, (app) => {
  rewriteRules(app, (rule) => rule.replace(own, ''));
});
