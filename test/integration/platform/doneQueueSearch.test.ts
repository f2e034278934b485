import { randomUUID } from 'node:crypto';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

type Queues = typeof import('../../../web/src/api/queues.js');

/**
 * The 已办 search on the act's own copies (migration 1764202301): every event carries its case's
 * number and title, set by its writer and kept by triggers, so event_queue reads them from the event
 * and the search passes over an officer's acts in the index. It must find exactly the acts the search
 * through the case (`application.case_no ~ … || application.title ~ …`) found.
 */
describe('the 已办 search on each act’s copy of its case’s number and title', () => {
  let server: TestServer;
  let su: PocketBase;
  let officer: PocketBase;
  let queues: Queues;
  const cases: { id: string; caseNo: string; title: string }[] = [];

  const throughCase = (q: string) => `(application.case_no ~ "${q}" || application.title ~ "${q}")`;
  const listed = async (collection: string, filter: string) => (await officer.collection(collection).getFullList({ filter, sort: '-created', fields: 'id' })).map((e) => e.id);
  const onPage = (search: string) => queues.queueFilterOf('done', { search }, new Date(), undefined, true);
  const mine = () => queues.queueFilterOf('done', {});

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    const applicant = await server.login('applicant-a1');
    officer = await server.login('township-a');
    for (let i = 0; i < 3; i++) {
      const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
      const submitted = await applicant.send<{ case: CaseSummary }>(`/api/tongban/cases/${opened.case.id}/commands`, { method: 'POST', body: { action: 'submit', version: opened.case.version, commandId: randomUUID() } });
      // The township officer acts on the first two: their 已办 holds those acts.
      if (i < 2) await officer.send(`/api/tongban/cases/${opened.case.id}/commands`, { method: 'POST', body: { action: 'approve', version: submitted.case.version, commandId: randomUUID() } });
      const stored = await su.collection('applications').getOne(opened.case.id);
      cases.push({ id: stored.id, caseNo: String(stored.case_no), title: String(stored.title) });
    }
    // The web module's client, signed in as the officer (its filters name the user).
    (globalThis as { window?: unknown }).window = { location: { origin: server.url } };
    queues = await import('../../../web/src/api/queues.js');
    const { pb } = await import('../../../web/src/api/client.js');
    pb.authStore.save(officer.authStore.token, officer.authStore.record);
  }, 180_000);
  afterAll(() => server?.dispose());

  it('gives every act, the case’s start among them, its case’s number and title as the case has them', async () => {
    for (const c of cases) {
      const events = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
      expect(events.map((e) => e.action)).toEqual(cases.indexOf(c) < 2 ? ['start', 'submit', 'approve'] : ['start', 'submit']);
      expect(c.caseNo).toMatch(/-\d{4}-\d{6}$/);
      for (const e of events) expect([e.case_no, e.case_title], `${c.caseNo} ${String(e.action)}`).toEqual([c.caseNo, c.title]);
    }
  });

  it('finds the officer’s acts by a name, a case number or its tail on the page’s view, exactly the acts found through the case', async () => {
    expect(await listed(queues.pageCollectionOf.done, mine())).toHaveLength(2);
    const { caseNo } = cases[0]!;
    for (const typed of ['*', caseNo, caseNo.slice(caseNo.indexOf('-') + 1), cases[1]!.title, '没有这个名字']) {
      expect(onPage(typed), typed).not.toContain('application.');
      const found = await listed(queues.pageCollectionOf.done, onPage(typed));
      expect(found, typed).toEqual(await listed('events', `(${mine()}) && ${throughCase(typed)}`));
    }
    expect(await listed(queues.pageCollectionOf.done, onPage(caseNo))).toHaveLength(1);
    expect(await listed(queues.pageCollectionOf.done, onPage('没有这个名字'))).toEqual([]);
  });

  it('filters the officer’s acts by process, step, township, village, due date and flag on the view’s own columns, exactly as through the case', async () => {
    const c = await su.collection('applications').getOne(cases[0]!.id);
    // One case overdue and flagged, so those filters find something.
    await su.collection('applications').update(c.id, { due_at: '2020-01-01 00:00:00.000Z', flags: ['relativeFiling'] });
    const filters = [{ process: taskVerbsWorkflow.key }, { step: 'confirm' }, { step: 'review' }, { township: String(c.township) }, { village: String(c.village) }, { overdue: true }, { flag: 'relativeFiling' }, { process: 'dibao' }];
    const found: number[] = [];
    for (const f of filters) {
      const filter = queues.queueFilterOf('done', f, new Date(), undefined, true);
      expect(filter, JSON.stringify(f)).not.toContain('application.');
      const onView = await listed(queues.pageCollectionOf.done, filter);
      expect(onView, JSON.stringify(f)).toEqual(await listed('events', queues.queueFilterOf('done', f)));
      found.push(onView.length);
    }
    expect(found).toEqual([2, 2, 0, 2, 2, 1, 1, 0]);
    await su.collection('applications').update(c.id, { due_at: c.due_at, flags: c.flags });
  });

  it('counts a queue with a search on the collection its page reads, as many as the page lists', async () => {
    for (const typed of ['*', cases[0]!.caseNo, '没有这个名字']) {
      expect(await queues.queueCount('done', { search: typed }), typed).toBe((await listed('events', `(${mine()}) && ${throughCase(typed)}`)).length);
      expect(await queues.queueCount('tasks', { search: typed }), typed).toBe((await listed('tasks', queues.queueFilterOf('tasks', { search: typed }))).length);
    }
    // The one case the officer has not acted on is in their 待办, so a search for its number counts it there only.
    expect(await queues.queueCount('tasks', { search: cases[2]!.caseNo })).toBe(1);
    expect(await queues.queueCount('done', { search: cases[2]!.caseNo })).toBe(0);
  });

  it('shows a case’s new title in its 已办 rows and finds them by it, in the write that changes it', async () => {
    const c = cases[1]!;
    await su.collection('applications').update(c.id, { title: '低保：欧阳*峰' });
    // The officer's one act on it, in their 已办.
    const rows = await officer.collection('event_queue').getFullList({ filter: `(${mine()}) && application = "${c.id}"` });
    expect(rows.map((r) => r.title)).toEqual(['低保：欧阳*峰']);
    expect((await su.collection('events').getFullList({ filter: `application = "${c.id}"` })).map((e) => e.case_title)).toEqual(['低保：欧阳*峰', '低保：欧阳*峰', '低保：欧阳*峰']);
    expect(await listed(queues.pageCollectionOf.done, onPage('欧阳*峰'))).toEqual(rows.map((r) => r.id));
    await su.collection('applications').update(c.id, { title: c.title });
    expect(await listed(queues.pageCollectionOf.done, onPage('欧阳*峰'))).toEqual([]);
    expect((await officer.collection('event_queue').getOne(rows[0]!.id)).title).toBe(c.title);
  });

  it('sets an act saved with copies that are not its case’s, or moved to another case, back to its case’s, in the same write', async () => {
    const c = cases[0]!;
    const last = await su.collection('events').getFirstListItem(`application = "${c.id}"`, { sort: '-seq' });
    const { id, collectionId, collectionName, created, updated, expand, ...fields } = last;
    void [id, collectionId, collectionName, created, updated, expand];
    // A hand-made act, written as every writer writes one: with its case's copies (no trigger sets them on insert).
    const written = await su.collection('events').create({ ...fields, seq: Number(fields.seq) + 1, command_id: randomUUID() });
    expect(await su.collection('events').getOne(written.id)).toMatchObject({ case_no: c.caseNo, case_title: c.title });
    await su.collection('events').update(written.id, { case_title: '低保：张*三', case_no: 'X' });
    expect(await su.collection('events').getOne(written.id)).toMatchObject({ case_no: c.caseNo, case_title: c.title });
    await su.collection('events').update(written.id, { application: cases[2]!.id, seq: 99 });
    expect(await su.collection('events').getOne(written.id)).toMatchObject({ case_no: cases[2]!.caseNo, case_title: cases[2]!.title });
    await su.collection('events').delete(written.id);
  });

});
