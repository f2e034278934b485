/// <reference path="../pb_data/types.d.ts" />
// The queue counts route (server/adapter/queueCounts.ts) at a county's scale (issue 14, point 2;
// docs/benchmarks.md "Queue counts"). An officer's 已办 counts the cases they started, and their
// events from before their last move, through the case, with the read rule as SQL: each such event
// read its event row (for its case) and its case's row (for the rule's columns) — 16,320 starts of a
// township officer of the generated million-case county cost 0.1 s of CPU. The same queries now read
// two indexes only:
// - idx_applications_case_access: a case's id with every column the read rule tests
//   (server/adapter/visibleCaseSql.ts), so the rule is decided from the index;
// - idx_events_actor_created and idx_events_actor_starts, and idx_applications_filed_by (我发起) carry
//   the case id after their columns (same names, same leading columns: the lists they serve sorted by
//   `created` use them as before).

const indexes = {
  applications: {
    add: [
      'CREATE INDEX idx_applications_case_access ON applications (id, county, township, village, applicant, applicant_org, assigned_units, assigned_users)',
      'CREATE INDEX idx_applications_filed_by ON applications (filed_by, created, id)',
    ],
    drop: ['CREATE INDEX idx_applications_filed_by ON applications (filed_by, created)'],
  },
  events: {
    add: [
      'CREATE INDEX idx_events_actor_created ON events (actor_id, created, application)',
      "CREATE INDEX idx_events_actor_starts ON events (actor_id, created, application, action) WHERE action = 'start'",
    ],
    drop: ['CREATE INDEX idx_events_actor_created ON events (actor_id, created)', "CREATE INDEX idx_events_actor_starts ON events (actor_id, created) WHERE action = 'start'"],
  },
};
const named = (sql) => sql.split(' ')[2];

function swapIndexes(app, add, drop) {
  Object.keys(indexes).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    const gone = indexes[name][drop].concat(indexes[name][add]).map(named);
    c.indexes = c.indexes.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0)).concat(indexes[name][add]);
    app.save(c);
  });
}

migrate((app) => swapIndexes(app, 'add', 'drop'), (app) => swapIndexes(app, 'drop', 'add'));
