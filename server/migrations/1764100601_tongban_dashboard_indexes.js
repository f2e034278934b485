/// <reference path="../pb_data/types.d.ts" />
// Dashboards at a county's scale (issue 14, point 2; docs/benchmarks.md "Queues at scale"): the
// bureau's dashboard (server/adapter/dashboardFigures.ts) and the deadline counts
// (deadlineStats.ts) each read an index range that holds every column they use, instead of walking
// every case (whose rows carry the snapshot and the data) or every task.
// - cases started in the period, by process and township: (created, …);
// - cases running now by step, and open past their due date: (status, due_at, …);
// - cases ended in the period, on time or late: (status, updated, …);
// - subjects approved in the period: (outcome, updated, …);
// - open tasks of a village, township or county, by the task's own jurisdiction columns: partial
//   indexes of the open tasks only (a closed task leaves them).

const indexes = {
  applications: [
    'CREATE INDEX idx_applications_started ON applications (created, workflow_key, status, outcome, township, village, county)',
    'CREATE INDEX idx_applications_running ON applications (status, due_at, workflow_key, step, step_name, township, village, county)',
    'CREATE INDEX idx_applications_ended ON applications (status, updated, due_at, township, village, county)',
    'CREATE INDEX idx_applications_approved ON applications (outcome, updated, workflow_key, subject, township, village, county)',
  ],
  tasks: [
    "CREATE INDEX idx_tasks_open_county ON tasks (county) WHERE status = 'open'",
    "CREATE INDEX idx_tasks_open_township ON tasks (township) WHERE status = 'open'",
    "CREATE INDEX idx_tasks_open_village ON tasks (village) WHERE status = 'open'",
  ],
};

migrate((app) => {
  Object.keys(indexes).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    c.indexes = c.indexes.concat(indexes[name]);
    app.save(c);
  });
}, (app) => {
  Object.keys(indexes).forEach((name) => {
    const c = app.findCollectionByNameOrId(name);
    const gone = indexes[name].map((sql) => sql.split(' ')[2]);
    c.indexes = c.indexes.filter((i) => !gone.some((n) => i.indexOf(` ${n} `) >= 0 || i.indexOf(`\`${n}\``) >= 0));
    app.save(c);
  });
});
