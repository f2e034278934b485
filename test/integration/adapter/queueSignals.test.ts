import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe, type Subscription } from '../../support/realtime.js';
import { addOfficer, type StaffMember } from '../../support/staff.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

/** What the queue signal carries (server/adapter/queueSignals.ts). */
interface Signal {
  action: string;
  task: string;
  application: string;
}

const signalsOf = (subscription: Subscription) => subscription.messages as unknown as Signal[];

/**
 * The queue page's live signal (`tongban/queue`, server/adapter/queueSignals.ts) reaches, for every
 * task written, exactly the accounts whose record API may read that task — decided in memory from
 * the case's rule columns and readers instead of by one rule query per subscriber — with ids only.
 */
describe('the queue signal', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let reader: StaffMember;

  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_NO_BACKGROUND: '1' } });
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    reader = await addOfficer(server, 'township-b');
  }, 240_000);
  afterAll(() => server?.dispose());

  async function atReview(): Promise<CaseSummary> {
    const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    return (await command(applicant, opened.case, 'submit')).case;
  }

  /** Every account signed in and subscribed to the signal, with a client of its own for the record API. */
  async function everyoneListening(): Promise<{ email: string; pb: PocketBase; heard: Subscription }[]> {
    const users = await su.collection('users').getFullList({ fields: 'id,email' });
    const listening = [];
    for (const user of users) {
      const pb = await su.collection('users').impersonate(user.id, 3600);
      pb.autoCancellation(false);
      listening.push({ email: String(user.email), pb, heard: await subscribe(server.url, pb.authStore.token, ['tongban/queue']) });
    }
    return listening;
  }

  /** The ids of the case's tasks each listener heard of. */
  const heardTasks = (heard: Subscription, caseId: string) => new Set(signalsOf(heard).filter((s) => s.application === caseId).map((s) => s.task));

  /** The ids of the case's tasks the record API lets `pb` read. */
  const readableTasks = async (pb: PocketBase, caseId: string) => new Set((await pb.collection('tasks').getFullList({ filter: pb.filter('application = {:c}', { c: caseId }), fields: 'id' })).map((t) => t.id));

  it('reaches exactly the accounts the tasks’ rule lets read the task — applicant, chain, administrator — with ids only, and no guest', async () => {
    const listening = await everyoneListening();
    const guest = await subscribe(server.url, '', ['tongban/queue']);
    try {
      expect(listening.length).toBeGreaterThan(20);
      const submitted = await atReview();
      // The applicant's task and the township's, each heard after its command's commit.
      const ours = listening.find((l) => l.email === 'township-a@demo.tongban')!;
      await expect.poll(() => heardTasks(ours.heard, submitted.id).size, { timeout: 5_000 }).toBe(2);
      await new Promise((r) => setTimeout(r, 500));
      let heardBy = 0;
      for (const l of listening) {
        const heard = heardTasks(l.heard, submitted.id);
        expect(heard, l.email).toEqual(await readableTasks(l.pb, submitted.id));
        if (heard.size > 0) heardBy++;
      }
      // The applicant, their village, township and county, and the administrator heard it; the other township and the departments did not.
      expect(heardBy).toBeGreaterThanOrEqual(5);
      expect(heardTasks(listening.find((l) => l.email === 'township-b@demo.tongban')!.heard, submitted.id).size).toBe(0);
      expect(heardTasks(listening.find((l) => l.email === 'applicant-a1@demo.tongban')!.heard, submitted.id).size).toBe(2);
      // Ids only: nothing a mask would cover.
      for (const signal of signalsOf(ours.heard)) expect(Object.keys(signal).sort()).toEqual(['action', 'application', 'task']);
      // The opening creates the applicant's task; the submit closes it and creates the township's.
      expect(signalsOf(ours.heard).filter((s) => s.application === submitted.id).map((s) => s.action).sort()).toEqual(['create', 'create', 'update']);
      expect(guest.messages).toEqual([]);
    } finally {
      for (const l of listening) l.heard.close();
      guest.close();
    }
  }, 120_000);

  it('reaches a 抄送 reader from the copy on, and an officer of the other township only then', async () => {
    const copied = await atReview();
    const readerPb = reader.pb;
    const heard = await subscribe(server.url, readerPb.authStore.token, ['tongban/queue']);
    try {
      const after = (await command(township, copied, 'verb.cc', { to: [reader.id], comment: '请协助了解' })).case;
      expect(heardTasks(heard, copied.id).size).toBe(0);
      // The township approves: its task closes and the county's opens, tasks the reader may now read.
      await command(township, after, 'approve');
      await expect.poll(() => heardTasks(heard, copied.id).size, { timeout: 5_000 }).toBeGreaterThan(0);
      for (const task of heardTasks(heard, copied.id)) expect((await readableTasks(readerPb, copied.id)).has(task)).toBe(true);
    } finally {
      heard.close();
    }
  }, 120_000);
});
