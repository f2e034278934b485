/**
 * A command writes its tasks, event and case by prepared SQL and announces them to realtime after
 * its commit through PocketBase's own after-save hooks (server/adapter/preparedRowWrites.ts): the
 * same subscribers must hear of them as of a model save — those whose rules let them see the row,
 * masked as the record API masks it — and nobody else; a refused command is heard by nobody.
 */
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe, type Subscription } from '../../support/realtime.js';

const topics = ['tasks', 'events', 'applications'];
const rawIdNumber = demoHousehold.applicant.idNumber;
/** A date as PocketBase stamps `created` and `updated`. */
const stamped = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/;

/** What a subscription heard of one case: `collection action` per message, in order. */
function heardOf(subscription: Subscription, caseId: string): string[] {
  return subscription.messages
    .filter((m) => m.record.id === caseId || m.record.application === caseId)
    .map((m) => `${String(m.record.collectionName)} ${m.action}`);
}

describe('realtime of a command written by prepared SQL', () => {
  let server: TestServer;
  let applicant: PocketBase;
  let township: PocketBase;
  let otherTownship: PocketBase;

  beforeAll(async () => {
    server = await startPocketBase();
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    otherTownship = await server.login('township-b');
  });
  afterAll(() => server?.dispose());

  it('reaches the officers who may see the case, once per row written, with the rows as the API shows them, and no other officer', async () => {
    const opened = (await openCase(applicant, demoHousehold)).case;
    const updatedBefore = (await applicant.collection('applications').getOne(opened.id)).updated;
    expect(updatedBefore).toMatch(stamped);
    const ours = await subscribe(server.url, township.authStore.token, topics);
    const theirs = await subscribe(server.url, otherTownship.authStore.token, topics);
    try {
      const submitted = (await command(applicant, opened, 'submit')).case;
      // submit: the applicant's task closes, the township's opens, the event, the case.
      await ours.waitFor(3);
      await new Promise((r) => setTimeout(r, 500));
      const heard = heardOf(ours, submitted.id);
      expect(heard.filter((h) => h === 'events create')).toHaveLength(1);
      expect(heard.filter((h) => h === 'applications update')).toHaveLength(1);
      expect(heard).toContain('tasks create');
      // The event arrives as the record API shows it: masked, without the raw patch.
      const event = ours.messages.find((m) => m.record.collectionName === 'events' && m.record.application === submitted.id)!;
      expect(event.record).not.toHaveProperty('data_patch');
      expect(event.record).toMatchObject(await township.collection('events').getOne(String(event.record.id)));
      const task = ours.messages.find((m) => m.record.collectionName === 'tasks' && m.action === 'create')!;
      // Every field sent is the record API's (which adds the request-time `overdue` mark on top).
      expect(await township.collection('tasks').getOne(String(task.record.id))).toMatchObject(task.record);
      // Stamped in the form a model save stamps them.
      expect(task.record.created).toMatch(stamped);
      expect(task.record.updated).toMatch(stamped);
      expect(event.record.created).toMatch(stamped);
      const caseRecord = ours.messages.find((m) => m.record.collectionName === 'applications')!;
      expect(caseRecord.record).toMatchObject({ id: submitted.id, step: submitted.step, version: submitted.version });
      expect(String(caseRecord.record.updated) > updatedBefore).toBe(true);
      expect(ours.raw()).not.toContain(rawIdNumber);
      // Another township's officer hears nothing of the case.
      expect(heardOf(theirs, submitted.id)).toEqual([]);
    } finally {
      ours.close();
      theirs.close();
    }
  });

  it('is heard by nobody when the command is refused', async () => {
    const opened = (await openCase(applicant, demoHousehold)).case;
    const submitted = (await command(applicant, opened, 'submit')).case;
    const ours = await subscribe(server.url, township.authStore.token, topics);
    try {
      // Two commands decided on the same version: the first commits, the second loses the
      // compare-and-swap inside its transaction and rolls back.
      const results = await Promise.allSettled([
        command(township, submitted, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } }),
        command(township, submitted, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } }),
      ]);
      const committed = results.filter((r) => r.status === 'fulfilled');
      expect(committed).toHaveLength(1);
      expect((await failure(Promise.reject((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason))).status).toBe(409);
      await ours.waitFor(1);
      await new Promise((r) => setTimeout(r, 500));
      // One command's rows only: one event, one case update.
      const heard = heardOf(ours, submitted.id);
      expect(heard.filter((h) => h === 'events create')).toHaveLength(1);
      expect(heard.filter((h) => h === 'applications update')).toHaveLength(1);
    } finally {
      ours.close();
    }
  });
});
