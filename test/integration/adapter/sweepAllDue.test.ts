import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../support/pocketbase.js';
import { reviewRunOnSimulatedClock } from '../../support/reviewHouseholds.js';
import { subscribe, type Subscription } from '../../support/realtime.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

const china = (local: string) => new Date(`${local}+08:00`);
/** More due timers than the sweep reads in one page (200). */
const households = 230;

/** The cases of `caseIds` whose 复核 reminder event a subscription heard created. */
function remindersHeard(subscription: Subscription, caseIds: Set<string>): Set<string> {
  return new Set(subscription.messages
    .filter((m) => m.action === 'create' && m.record.collectionName === 'events' && m.record.action === 'deadline.remind' && caseIds.has(String(m.record.application)))
    .map((m) => String(m.record.application)));
}

describe('one timer sweep fires every due timer, and one outbox run sends every due notice, page after page, each once', () => {
  let server: TestServer;
  let su: PocketBase;
  let run: string;

  beforeAll(async () => {
    ({ server, su, run } = await reviewRunOnSimulatedClock(households));
  }, 300_000);
  afterAll(() => server?.dispose());

  it('fires all 230 复核 reminders falling due at once in one sweep, one reminder event per case, heard live by the township\'s officer and no other, and nothing at the next sweep', async () => {
    // The reminder falls 3 working days before the 15-working-day deadline; the deadline itself is later.
    await server.setClock(china('2026-03-19T09:00:00'));
    const due = (await su.collection('timers').getList(1, 1, { filter: `status = "pending" && due_at <= "2026-03-19 01:00:00.000Z"` })).totalItems;
    expect(due).toBeGreaterThanOrEqual(households);
    const runCases = new Set((await su.collection('applications').getFullList({ filter: `bulk_run = "${run}"`, fields: 'id' })).map((r) => r.id));
    expect(runCases.size).toBe(households);
    // 曲塘镇's officer may see the cases; 孙庄街道's may not.
    const ours = await subscribe(server.url, (await server.login('township-a')).authStore.token, ['events']);
    const theirs = await subscribe(server.url, (await server.login('township-b')).authStore.token, ['events']);
    try {
      expect(await server.sweep()).toBe(due);

      // Each reminder is announced after its own timer's commit, over realtime.
      for (let waited = 0; remindersHeard(ours, runCases).size < households && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(remindersHeard(ours, runCases).size).toBe(households);
      expect(theirs.messages.filter((m) => runCases.has(String(m.record.application)))).toEqual([]);
    } finally {
      ours.close();
      theirs.close();
    }

    const reminders = await su.collection('events').getFullList({ filter: `action = "deadline.remind" && application.bulk_run = "${run}"`, fields: 'application' });
    expect(reminders).toHaveLength(households);
    expect(new Set(reminders.map((e) => e.application as string)).size).toBe(households);
    expect((await su.collection('timers').getList(1, 1, { filter: `status = "pending" && due_at <= "2026-03-19 01:00:00.000Z"` })).totalItems).toBe(0);
    expect(await server.sweep()).toBe(0);
  }, 300_000);

  it('sends the 230 reminder notices in one outbox run: each fanned out once, every delivery made, nothing left due', async () => {
    const pending = (filter: string) => su.collection('outbox').getList(1, 1, { filter: `status = "pending" && application.bulk_run = "${run}" && ${filter}` }).then((l) => l.totalItems);
    expect(await pending('parent = ""')).toBe(households);

    const report = await su.send<{ expanded: number; sent: number; retrying: number; failed: number }>('/api/tongban/admin/outbox/send', { method: 'POST' });

    expect(report.expanded).toBeGreaterThanOrEqual(households);
    expect(report).toMatchObject({ retrying: 0, failed: 0 });
    expect(await pending('id != ""')).toBe(0);
    const deliveries = await su.collection('outbox').getFullList({ filter: `parent != "" && application.bulk_run = "${run}"`, fields: 'key,status' });
    expect(deliveries.length).toBeGreaterThanOrEqual(households);
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(report.sent).toBeGreaterThanOrEqual(deliveries.length);
    const inbox = await su.collection('notifications').getFullList({ filter: `application.bulk_run = "${run}"`, fields: 'key' });
    expect(new Set(inbox.map((n) => n.key as string)).size).toBe(inbox.length);
    expect(inbox.length).toBe(deliveries.filter((d) => (d.key as string).includes(':inbox:')).length);
  }, 300_000);

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
