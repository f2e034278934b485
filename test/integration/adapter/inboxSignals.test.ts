import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe } from '../../support/realtime.js';
import { addOfficer, type StaffMember } from '../../support/staff.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

/** What the inbox signal carries (server/adapter/inboxSignals.ts). */
interface Signal {
  action: string;
  notification: string;
}

/**
 * The inbox's live signal (`tongban/inbox`, server/adapter/inboxSignals.ts) reaches a notice's
 * recipient and nobody else — another officer of the same township, a guest — with ids only.
 */
describe('the inbox signal', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let copiedTo: StaffMember;
  let colleague: StaffMember;

  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_NO_BACKGROUND: '1' } });
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    copiedTo = await addOfficer(server, 'township-b');
    colleague = await addOfficer(server, 'township-b');
  }, 240_000);
  afterAll(() => server?.dispose());

  it('tells the recipient of a notice, with ids only, and neither a colleague nor a guest', async () => {
    const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    const submitted = (await command(applicant, opened.case, 'submit')).case;
    const theirs = await subscribe(server.url, copiedTo.pb.authStore.token, ['tongban/inbox']);
    const others = await subscribe(server.url, colleague.pb.authStore.token, ['tongban/inbox']);
    const guest = await subscribe(server.url, '', ['tongban/inbox']);
    try {
      // 抄送 queues a notice for the officer it names; the outbox (sent now, not by the minute's run) writes it to their inbox.
      await command(township, submitted, 'verb.cc', { to: [copiedTo.id], comment: '请协助了解' });
      await su.send('/api/tongban/admin/outbox/send', { method: 'POST' });
      await theirs.waitFor(1);
      await new Promise((r) => setTimeout(r, 500));
      const heard = theirs.messages as unknown as Signal[];
      expect(heard.map((s) => Object.keys(s).sort())).toEqual(heard.map(() => ['action', 'notification']));
      expect(heard.map((s) => s.action)).toContain('create');
      // Each notice heard is one the recipient reads in their inbox.
      for (const s of heard) expect((await copiedTo.pb.collection('notifications').getOne(s.notification)).recipient).toBe(copiedTo.id);
      expect(others.messages).toEqual([]);
      expect(guest.messages).toEqual([]);
    } finally {
      theirs.close();
      others.close();
      guest.close();
    }
  }, 120_000);
});
