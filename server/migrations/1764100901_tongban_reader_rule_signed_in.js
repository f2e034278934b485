/// <reference path="../pb_data/types.d.ts" />
// The 抄送 reader clause of 1764100600 (`case_readers_via_application.user ?= @request.auth.id`)
// let a guest through: the back-relation is a left join, a case nobody was copied on joins a NULL
// user, and PocketBase compares NULL as "" — equal to a guest's empty @request.auth.id. So a request
// without a token (or with a disabled user's dead token) listed every case, and a protected
// attachment opened without a file token. The clause now names a signed-in asker first; the rules
// are otherwise unchanged.

const open = (prefix) => `${prefix}case_readers_via_application.user ?= @request.auth.id`;
const guarded = (prefix) => `(@request.auth.id != "" && ${prefix}case_readers_via_application.user ?= @request.auth.id)`;
const ruled = [['applications', ''], ['tasks', 'application.'], ['events', 'application.'], ['documents', 'application.'], ['attachments', 'application.']];

function rewrite(app, change) {
  ruled.forEach(([name, prefix]) => {
    const c = app.findCollectionByNameOrId(name);
    ['listRule', 'viewRule'].forEach((ruleName) => {
      // A rule reads as a Go string pointer in a migration, not a JS string: made one with String().
      const value = c[ruleName];
      if (value === null || value === undefined) return;
      const rule = String(value);
      const next = change(rule, prefix);
      if (next !== rule) c[ruleName] = next;
    });
    app.save(c);
  });
}

// Up: wrap every open clause (a clause already guarded is left as it is). Down: unwrap.
const placeholder = '\u0000';
migrate(
  (app) => rewrite(app, (rule, prefix) => rule.split(guarded(prefix)).join(placeholder).split(open(prefix)).join(guarded(prefix)).split(placeholder).join(guarded(prefix))),
  (app) => rewrite(app, (rule, prefix) => rule.split(guarded(prefix)).join(open(prefix))),
);
