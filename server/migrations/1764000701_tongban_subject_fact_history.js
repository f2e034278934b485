/// <reference path="../pb_data/types.d.ts" />
// subjects.fact_history: every change of a subject's fact made by a case (setSubjectFact), as
// { fact, from, to, at, case } in order — so a register's earlier particulars stay readable after a
// 变更登记 or 注销 (the facts hold only the current values). Written by the server only.

migrate((app) => {
  const subjects = app.findCollectionByNameOrId('subjects');
  subjects.fields.add(new JSONField({ name: 'fact_history', maxSize: 2000000 }));
  app.save(subjects);
}, (app) => {
  const subjects = app.findCollectionByNameOrId('subjects');
  subjects.fields.removeByName('fact_history');
  app.save(subjects);
});
