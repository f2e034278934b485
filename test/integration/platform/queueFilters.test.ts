import { randomUUID } from 'node:crypto';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

type Queues = typeof import('../../../web/src/api/queues.js');

/**
 * The 待办 filters by case number and by case flag (issue 14, queues at scale): they read the task's
 * own copy of its case's serial and flags (migration 1764201301, kept by triggers; a new task must
 * carry them right, 1764201701) instead of testing
 * every open task's case through the rule joins. They must find exactly the tasks the old filters
 * (`application.case_no ~ … || application.title ~ …`, `application.flags ~ …`) found.
 */
describe('the queue page’s case number and flag filters', () => {
  let server: TestServer;
  let su: PocketBase;
  let officer: PocketBase;
  let queues: Queues;
  let open: { id: string; application: string; caseNo: string }[];

  const oldSearch = (q: string) => `(application.case_no ~ "${q}" || application.title ~ "${q}")`;
  const oldFlag = (f: string) => `application.flags ~ '"${f}"'`;
  const listed = async (collection: string, filter: string) => (await officer.collection(collection).getFullList({ filter, sort: 'due_at,created', fields: 'id' })).map((t) => t.id);
  // The tasks a filter finds, the same through the view the web's 待办 page reads (task_queue).
  const ids = async (filter: string) => {
    const tasks = await listed('tasks', filter);
    expect(await listed(queues.pageCollectionOf.tasks, filter), filter).toEqual(tasks);
    return tasks;
  };
  const queue = () => queues.queueFilterOf('tasks', {});

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    const applicant = await server.login('applicant-a1');
    for (let i = 0; i < 3; i++) {
      const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
      await applicant.send(`/api/tongban/cases/${opened.case.id}/commands`, { method: 'POST', body: { action: 'submit', version: opened.case.version, commandId: randomUUID() } });
    }
    officer = await server.login('township-a');
    // The web module's client, signed in as the officer (its filters name the user and unit).
    (globalThis as { window?: unknown }).window = { location: { origin: server.url } };
    queues = await import('../../../web/src/api/queues.js');
    const { pb } = await import('../../../web/src/api/client.js');
    pb.authStore.save(officer.authStore.token, officer.authStore.record);
    const tasks = await officer.collection('tasks').getFullList({ filter: queue(), expand: 'application' });
    open = tasks.map((t) => ({ id: t.id, application: String(t.application), caseNo: String((t.expand?.application as { case_no?: string } | undefined)?.case_no ?? '') }));
  }, 180_000);
  afterAll(() => server?.dispose());

  it('has open tasks in the township’s queue to search', () => {
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((t) => /-\d{4}-\d{6}$/.test(t.caseNo))).toBe(true);
  });

  it('finds by a whole case number, its year and serial, or its serial the same tasks as the contains-match did', async () => {
    const caseNo = open[0]!.caseNo;
    const tail = caseNo.slice(caseNo.indexOf('-') + 1);
    const serial = caseNo.slice(caseNo.lastIndexOf('-') + 1);
    for (const typed of [caseNo, caseNo.toLowerCase(), tail, serial]) {
      const now = queues.queueFilterOf('tasks', { search: typed });
      expect(now, typed).toContain('case_serial');
      const found = await ids(now);
      expect(found.length, typed).toBeGreaterThan(0);
      expect(found, typed).toEqual(await ids(`(${queue()}) && ${oldSearch(typed)}`));
    }
    expect(await ids(queues.queueFilterOf('tasks', { search: `${caseNo.slice(0, -6)}999999` }))).toEqual([]);
  });

  it('finds by process from the task’s own key the same tasks as through the case', async () => {
    const now = queues.queueFilterOf('tasks', { process: taskVerbsWorkflow.key });
    expect(now).not.toContain('application.workflow_key');
    expect(await ids(now)).toEqual(await ids(`(${queue()}) && application.workflow_key = "${taskVerbsWorkflow.key}"`));
    expect(await ids(now)).toHaveLength(open.length);
  });

  it('keeps the contains-match for a name', async () => {
    const name = '*';
    expect(await ids(queues.queueFilterOf('tasks', { search: name }))).toEqual(await ids(`(${queue()}) && ${oldSearch(name)}`));
  });

  it('searches the page’s view on its own case number and title, finding what the count finds through the case', async () => {
    const caseNo = open[0]!.caseNo;
    for (const typed of ['*', caseNo, caseNo.slice(caseNo.indexOf('-') + 1), '没有这个名字']) {
      const onPage = queues.queueFilterOf('tasks', { search: typed }, new Date(), undefined, true);
      expect(onPage, typed).not.toContain('application.');
      expect(await listed(queues.pageCollectionOf.tasks, onPage), typed).toEqual(await listed('tasks', queues.queueFilterOf('tasks', { search: typed })));
    }
    expect(await listed(queues.pageCollectionOf.tasks, queues.queueFilterOf('tasks', { search: '*' }, new Date(), undefined, true))).toHaveLength(open.length);
    // 已办's view carries them too; 抄送 lists reader rows, which reach their case through it.
    expect(queues.queueFilterOf('done', { search: '*' }, new Date(), undefined, true)).not.toContain('application.');
    expect(queues.queueFilterOf('cc', { search: '*' }, new Date(), undefined, true)).toContain('application.title');
  });

  it('finds a flagged case’s tasks by the flag as soon as the case’s flags change, and no longer once they are cleared', async () => {
    const flagged = open[0]!.application;
    const filter = queues.queueFilterOf('tasks', { flag: 'relativeFiling' });
    expect(await ids(filter)).toEqual(await ids(`(${queue()}) && ${oldFlag('relativeFiling')}`));
    await su.collection('applications').update(flagged, { flags: ['relativeFiling'] });
    const found = await ids(filter);
    expect(found).toEqual(open.filter((t) => t.application === flagged).map((t) => t.id).filter((id) => found.includes(id)));
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(await ids(`(${queue()}) && ${oldFlag('relativeFiling')}`));
    expect(await ids(queues.queueFilterOf('tasks', { flag: 'otherFlag' }))).toEqual([]);
    await su.collection('applications').update(flagged, { flags: [] });
    expect(await ids(filter)).toEqual([]);
  });

  it('sets a task saved with a stale copy back to its case’s flags, in the same write', async () => {
    const task = await su.collection('tasks').getOne(open[1]!.id);
    await su.collection('applications').update(open[1]!.application, { flags: ['relativeFiling'] });
    // A record loaded before its case changed and saved after: its copy is set back from the case.
    await su.collection('tasks').update(task.id, { case_flagged: task.case_flagged, case_flags: task.case_flags, case_serial: 7, case_no: 'X', case_title: 'Y' });
    const saved = await su.collection('tasks').getOne(task.id);
    expect([saved.case_flagged, saved.case_flags, saved.case_serial, saved.case_no]).toEqual([true, '["relativeFiling"]', Number(open[1]!.caseNo.slice(-6)), open[1]!.caseNo]);
    expect(saved.case_title).toBe((await su.collection('applications').getOne(open[1]!.application)).title);
    expect(await ids(queues.queueFilterOf('tasks', { flag: 'relativeFiling' }))).toContain(task.id);
    await su.collection('applications').update(open[1]!.application, { flags: [] });
  });

  it('shows a case’s new title in its tasks’ 待办 rows and finds them by it, in the write that changes it', async () => {
    const { title } = await su.collection('applications').getOne(open[2]!.application);
    await su.collection('applications').update(open[2]!.application, { title: '低保：欧阳*峰' });
    expect((await su.collection('task_queue').getOne(open[2]!.id)).title).toBe('低保：欧阳*峰');
    expect(await listed(queues.pageCollectionOf.tasks, queues.queueFilterOf('tasks', { search: '欧阳*峰' }, new Date(), undefined, true))).toEqual([open[2]!.id]);
    await su.collection('applications').update(open[2]!.application, { title });
    expect((await su.collection('task_queue').getOne(open[2]!.id)).title).toBe(title);
  });

  it('takes a new task as its writer wrote it (no check on insert, migration 1764202302), and sets its copies back from its case the next time they are saved', async () => {
    const { id, collectionId, collectionName, created, updated, expand, ...fields } = await su.collection('tasks').getOne(open[2]!.id);
    void [id, collectionId, collectionName, created, updated, expand];
    const serial = Number(open[2]!.caseNo.slice(-6));
    const written = await su.collection('tasks').create({ ...fields, key: `${String(fields.key)}-hand-made`, case_no: `${open[2]!.caseNo}X`, case_title: '低保：张*三' });
    expect(await su.collection('tasks').getOne(written.id)).toMatchObject({ case_no: `${open[2]!.caseNo}X`, case_title: '低保：张*三' });
    await su.collection('tasks').update(written.id, { case_serial: serial + 1 });
    expect(await su.collection('tasks').getOne(written.id)).toMatchObject({ case_serial: serial, case_no: open[2]!.caseNo, case_title: fields.case_title, workflow_key: taskVerbsWorkflow.key });
    await su.collection('tasks').delete(written.id);
  });

});
