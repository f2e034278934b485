/// <reference path="../pb_data/types.d.ts" />
// The queue page's 待办 count (server/adapter/queueCounts.ts) counts a unit's open tasks from the
// index idx_tasks_queue_due alone; panel and drawn pool tasks count only for their own member, so
// the other members' are subtracted — read from this small partial index of the open panel and pool
// tasks (under 1,000 rows in a county of a million cases) instead of every open task's row.
// The 已办 count takes an officer's events from idx_events_actor_created alone, but for the cases
// they started (a case's first event, `start`): a command starts child cases in its actor's name,
// cases the actor need not read, so those are counted through their case — found by this index.

const added = {
  tasks: ["CREATE INDEX idx_tasks_open_drawn ON tasks (assignee_unit, assignee_user) WHERE status = 'open' AND (mode = 'panel' OR level = 'pool')"],
  events: ["CREATE INDEX idx_events_actor_starts ON events (actor_id, created) WHERE action = 'start'"],
};

migrate((app) => {
  Object.keys(added).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.indexes = c.indexes.concat(added[name]);
    app.save(c);
  });
}, (app) => {
  Object.keys(added).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    const gone = added[name].map((sql) => sql.split(' ')[2]);
    c.indexes = c.indexes.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));
    app.save(c);
  });
});
