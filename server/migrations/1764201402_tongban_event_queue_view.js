/// <reference path="../pb_data/types.d.ts" />
// The 已办 page as one read, like 待办's task_queue (1764201401): `event_queue`, a view of the events
// with what the page shows of their case (number, title, process, step, due date, status), instead
// of the events with each whole case expanded. Only the columns the page reads and the rules need:
// no comment, data or hash of an event. Its list and view rules are the events' own, copied here (a
// test asserts they stay equal): they read only the event's case (`application.…`), which the view
// keeps as the same relation, so it lists a user exactly the events the events collection lists them.

const viewQuery = `SELECT e.id, e.application, e.action, e.kind, e.actor_id, e.created, a.case_no, a.title, a.workflow_key, a.step_name, a.due_at, a.status
FROM events e JOIN applications a ON a.id = e.application`;

migrate((app) => {
  const events = app.findCollectionByNameOrId('events');
  const rule = (value) => (value === null || value === undefined ? null : String(value));
  app.save(new Collection({ type: 'view', name: 'event_queue', listRule: rule(events.listRule), viewRule: rule(events.viewRule), viewQuery }));
}, (app) => {
  app.delete(app.findCollectionByNameOrId('event_queue'));
});
