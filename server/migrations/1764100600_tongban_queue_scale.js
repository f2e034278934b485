/// <reference path="../pb_data/types.d.ts" />
// Queues at a county's scale (issue 14, point 2; docs/benchmarks.md "Queues at scale").
//
// Rules, exactly as strict: a case's 抄送 readers (case_readers) were matched with
// `@collection.case_readers.application ?= id && @collection.case_readers.user ?= @request.auth.id`,
// which PocketBase joins without a join condition — every row of a list was tested against every
// 抄送 row of the county. The same condition, a reader row of this case naming the asker, is now
// written through the back-relation `case_readers_via_application.user ?= @request.auth.id`, joined on
// the case (the unique index case_readers (application, user)). Nothing else of the rules changes.
//
// Indexes for the lists the web asks for, each carrying its sort so a page reads only its rows:
// 我发起 (applications filed_by, newest first), an organisation's cases (applicant_org), 已办
// (events actor_id, newest first; replaces the index on actor_id alone), 抄送 (case_readers user,
// newest first; replaces the index on user alone). And a partial index of the legacy events the
// minute's cron looks for (`format = 0`), which otherwise walks every event each minute.

const oldReader = (idField) => `(@collection.case_readers.application ?= ${idField} && @collection.case_readers.user ?= @request.auth.id)`;
const newReader = (prefix) => `${prefix}case_readers_via_application.user ?= @request.auth.id`;
const ruled = [['applications', 'id', ''], ['tasks', 'application', 'application.'], ['events', 'application', 'application.'], ['documents', 'application', 'application.'], ['attachments', 'application', 'application.']];

const indexes = {
  applications: { add: ['CREATE INDEX idx_applications_filed_by ON applications (filed_by, created)', 'CREATE INDEX idx_applications_applicant_org ON applications (applicant_org, created)'], drop: [] },
  events: { add: ['CREATE INDEX idx_events_actor_created ON events (actor_id, created)', 'CREATE INDEX idx_events_legacy ON events (id) WHERE format = 0'], drop: ['CREATE INDEX idx_events_actor_id ON events (actor_id)'] },
  case_readers: { add: ['CREATE INDEX idx_case_readers_user_created ON case_readers (user, created)'], drop: ['CREATE INDEX idx_case_readers_user ON case_readers (user)'] },
};
const named = (sql) => sql.split(' ')[sql.startsWith('CREATE UNIQUE') ? 3 : 2];

function swapRules(app, from, to) {
  ruled.forEach(([name, idField, prefix]) => {
    const c = app.findCollectionByNameOrId(name);
    ['listRule', 'viewRule'].forEach((ruleName) => {
      // A rule reads as a Go string pointer here, not a JS string: made one with String().
      const rule = c[ruleName];
      if (rule !== null && rule !== undefined) c[ruleName] = String(rule).split(from(idField, prefix)).join(to(idField, prefix));
    });
    app.save(c);
  });
}

function swapIndexes(app, add, drop) {
  Object.keys(indexes).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    const gone = indexes[name][drop].map(named);
    c.indexes = c.indexes.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0)).concat(indexes[name][add]);
    app.save(c);
  });
}

migrate((app) => {
  swapRules(app, (idField) => oldReader(idField), (idField, prefix) => newReader(prefix));
  swapIndexes(app, 'add', 'drop');
}, (app) => {
  swapIndexes(app, 'drop', 'add');
  swapRules(app, (idField, prefix) => newReader(prefix), (idField) => oldReader(idField));
});
