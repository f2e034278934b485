/// <reference path="../pb_data/types.d.ts" />
// The 待办 page as one read: `task_queue`, a view of the open and closed tasks with the two things
// of their case the queue shows (case number, title). The page asked for the tasks with
// `expand=application`, and PocketBase's cost of a page is per record it loads, checks and writes
// out: 51 whole cases (35 fields each) on top of 51 tasks doubled the page's server CPU. The view's
// list and view rules are the tasks' own rules, copied here (a test asserts they stay equal): a
// task's rules read only its case (`application.…`), which the view keeps as the same relation, so
// the view shows a user exactly the tasks the tasks collection shows them. The view names every
// column of the tasks (a column added to the tasks later is added here by a migration of its own),
// the queue filters' case_serial, case_flags and case_flagged (1764201301) among them.

const viewQuery = `SELECT t.id, t.application, t.key, t.step, t.step_name, t.level, t.assignee_unit, t.assignee_user, t.role, t.mode, t.status, t.due_at, t.village, t.township, t.county, t.closed_at, t.opened_at, t.workflow_key, t.case_serial, t.case_flags, t.case_flagged, t.created, t.updated, a.case_no, a.title
FROM tasks t JOIN applications a ON a.id = t.application`;

migrate((app) => {
  const tasks = app.findCollectionByNameOrId('tasks');
  const rule = (value) => (value === null || value === undefined ? null : String(value));
  const view = new Collection({
    type: 'view',
    name: 'task_queue',
    listRule: rule(tasks.listRule),
    viewRule: rule(tasks.viewRule),
    viewQuery,
  });
  app.save(view);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('task_queue'));
});
