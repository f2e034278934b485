import { randomUUID } from 'node:crypto';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, demoUserId, type StaffMember } from '../../support/staff.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

/**
 * The rules and indexes the queues rely on at a county's scale (migration 1764100600): a 抄送
 * reader is matched through the case's own reader rows (a join on the case), not against every
 * 抄送 row of the county, and the lists the web asks for have indexes that carry their sort. The
 * rules stay exactly as strict: a reader sees the copied case and its records, nothing else.
 */
describe('queue rules and indexes at scale', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let otherTownship: PocketBase;
  let otherTownshipId: string;
  let notCopied: StaffMember;

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    otherTownship = await server.login('township-b');
    otherTownshipId = await demoUserId(server, 'township-b');
    notCopied = await addOfficer(server, 'township-b');
  });
  afterAll(() => server?.dispose());

  const send = async (pb: PocketBase, c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
    (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: randomUUID(), ...extra } })).case;
  async function atReview(): Promise<CaseSummary> {
    const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    return send(applicant, opened.case, 'submit');
  }
  const idsOf = async (pb: PocketBase, collection: string, filter: string) => (await pb.collection(collection).getList(1, 50, { filter, skipTotal: true })).items.map((r) => String(r.application ?? r.id));

  it('matches a 抄送 reader through the case’s own reader rows in every case collection’s list and view rule', async () => {
    for (const name of ['applications', 'tasks', 'events', 'documents', 'attachments']) {
      const c = await su.collections.getOne(name);
      const prefix = name === 'applications' ? '' : 'application.';
      for (const rule of [c.listRule, c.viewRule]) {
        expect(rule, name).toContain(`(@request.auth.id != "" && ${prefix}case_readers_via_application.user ?= @request.auth.id)`);
        expect(rule, name).not.toContain('@collection.case_readers');
      }
    }
  });

  it('lets no guest through the reader clause: without a token no case, task, event, document or attachment is listed', async () => {
    await atReview();
    const guest = new PocketBase(server.url);
    for (const name of ['applications', 'tasks', 'events', 'documents', 'attachments']) {
      expect((await guest.collection(name).getList(1, 5)).items, name).toEqual([]);
    }
  });

  it('keeps each list the web pages through on an index that carries its sort', async () => {
    const indexes = async (name: string) => (await su.collections.getOne(name)).indexes.join('\n');
    expect(await indexes('applications')).toMatch(/idx_applications_filed_by\W+ON\W+applications\W+\(\W*filed_by\W*,\W*created/);
    expect(await indexes('applications')).toMatch(/idx_applications_applicant_org\W+ON\W+applications\W+\(\W*applicant_org\W*,\W*created/);
    expect(await indexes('events')).toMatch(/idx_events_actor_created\W+ON\W+events\W+\(\W*actor_id\W*,\W*created/);
    expect(await indexes('events')).toMatch(/idx_events_legacy[\s\S]*WHERE format = 0/);
    expect(await indexes('events')).not.toMatch(/idx_events_actor_id\b/);
    expect(await indexes('case_readers')).toMatch(/idx_case_readers_user_created\W+ON\W+case_readers\W+\(\W*user\W*,\W*created/);
  });

  it('lets a 抄送 reader see the copied case with its tasks and events, and neither another case nor a colleague who was not copied', async () => {
    const copied = await atReview();
    const other = await atReview();
    await send(township, copied, 'verb.cc', { to: [otherTownshipId], comment: '请协助了解' });
    for (const [collection, field] of [['applications', 'id'], ['tasks', 'application'], ['events', 'application']] as const) {
      const filter = `${field} = "${copied.id}" || ${field} = "${other.id}"`;
      expect(new Set(await idsOf(otherTownship, collection, filter)), collection).toEqual(new Set([copied.id]));
      expect(await idsOf(notCopied.pb, collection, filter), collection).toEqual([]);
      expect(new Set(await idsOf(township, collection, filter)), collection).toEqual(new Set([copied.id, other.id]));
    }
    expect((await otherTownship.collection('applications').getOne(copied.id)).id).toBe(copied.id);
    await expect(otherTownship.collection('applications').getOne(other.id)).rejects.toMatchObject({ status: 404 });
    await expect(notCopied.pb.collection('applications').getOne(copied.id)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps every task’s own county, township and village (what the deadline counts and their indexes read) those of its case, through each kind of task write', async () => {
    const colleague = await addOfficer(server, 'township-a');
    const county = await server.login('county');
    const c = await atReview();
    const signed = await send(township, c, 'verb.addSigner', { to: [colleague.id], position: 'after', comment: '请复核' });
    const confirming = await send(colleague.pb, signed, 'approve');
    expect(confirming.step).toBe('confirm');
    expect((await send(county, confirming, 'confirm')).status).toBe('done');
    const theCase = await su.collection('applications').getOne(c.id);
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}"`, sort: 'created' });
    expect(tasks.map((t) => t.level)).toEqual(expect.arrayContaining(['applicant', 'township', 'county']));
    for (const t of tasks) expect([t.key, t.county, t.township, t.village]).toEqual([t.key, theCase.county, theCase.township, theCase.village]);
    expect(theCase.township).not.toBe('');
  });

  it('pages an applicant’s own cases by naming the applicant, and the rule still hides every other applicant’s', async () => {
    const mine = await atReview();
    const other = await server.login('applicant-b1');
    const me = applicant.authStore.record!.id;
    expect(await idsOf(applicant, 'applications', `applicant = "${me}"`)).toContain(mine.id);
    expect(await idsOf(other, 'applications', `applicant = "${me}"`)).toEqual([]);
  });
});
