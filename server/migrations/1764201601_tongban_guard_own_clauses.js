/// <reference path="../pb_data/types.d.ts" />
// A guest read cases that have no applicant account. The rules matched "the case's own applicant"
// with `applicant = @request.auth.id`, and for a request without a token `@request.auth.id` is the
// empty string: every case whose `applicant` is empty — a case a village officer files for a
// resident without an account (代办), an organisation's case a schedule opens, a case about a
// subject — matched, with its tasks, events, documents, attachments and the two queue views, in
// the record API's lists and views and in realtime. The same clause in the audit log's rule let a
// guest read the reveals of those cases, and 1764100900 had appended the organisation's clause to
// that rule without brackets, so its `&& action = "field.reveal"` no longer bound the applicant's.
//
// Every rule of Tongban's collections (list, view, create, update, delete; base, auth and view
// collections alike, so the queue views stay equal to the tasks' and events' rules) that compares
// a field with `@request.auth.id` now admits signed-in users only, as a whole:
// `@request.auth.id != "" && (<rule>)`. No rule of these collections serves a guest, so for a
// signed-in user nothing changes. The guard stands first and alone, not beside each comparison:
// SQLite tests a term that reads no table once per query, before its loop, where a guard inside the
// rule's `||` would be tested for every row (the 待办 search by name read 25–40 % more CPU per page
// that way on the million-case county). The audit log's rule is written out whole, bracketed as
// 1763800004 meant it.

/** A comparison of a record's own field with the caller's id (`=` only: `!=` and `?=` do not match). */
const ownComparison = /(^|[\s(])(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w* = @request\.auth\.id(?![\w.])/;
const guardPrefix = '@request.auth.id != "" && (';

const guarded = (rule) => (ownComparison.test(rule) ? `${guardPrefix}${rule})` : rule);
const unguarded = (rule) => {
  const inner = rule.startsWith(guardPrefix) && rule.endsWith(')') ? rule.slice(guardPrefix.length, -1) : '';
  return inner && ownComparison.test(inner) ? inner : rule;
};

const ruleNames = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'];

const auditReadRule = '@request.auth.role = "admin" || (application != "" && action = "field.reveal" && (application.applicant = @request.auth.id || (application.applicant_org != "" && application.applicant_org = @request.auth.organisation)))';
const auditReadRuleBefore = '@request.auth.role = "admin" || (application != "" && application.applicant = @request.auth.id || (application.applicant_org != "" && application.applicant_org = @request.auth.organisation) && action = "field.reveal")';

function rewriteRules(app, rewrite) {
  app.findAllCollections().forEach((c) => {
    if (c.system) return; // PocketBase's own (_superusers, _mfas …): their rules are its to keep
    let changed = false;
    ruleNames.forEach((ruleName) => {
      const value = c[ruleName];
      if (value === null || value === undefined) return;
      const rule = String(value);
      const next = rewrite(rule);
      if (next !== rule) {
        c[ruleName] = next;
        changed = true;
      }
    });
    if (changed) app.save(c);
  });
}

function setAuditRule(app, rule) {
  const log = app.findCollectionByNameOrId('audit_log');
  log.listRule = rule;
  log.viewRule = rule;
  app.save(log);
}

migrate((app) => {
  setAuditRule(app, auditReadRule);
  rewriteRules(app, guarded);
}, (app) => {
  rewriteRules(app, unguarded);
  setAuditRule(app, auditReadRuleBefore);
});
