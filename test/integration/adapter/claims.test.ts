import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, demoUserId, type StaffMember } from '../../support/staff.js';
import { subscribe } from '../../support/realtime.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

const accepted = { acceptance: { complete: true, relativeFiling: false } };

describe('claims on tasks (认领)', () => {
  let server: TestServer;
  let applicant: PocketBase;
  let township: PocketBase;
  let townshipId: string;
  let colleague: StaffMember;
  let withoutDuty: StaffMember;
  let admin: PocketBase;

  beforeAll(async () => {
    server = await startPocketBase();
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    townshipId = await demoUserId(server, 'township-a');
    colleague = await addOfficer(server, 'township-a');
    withoutDuty = await addOfficer(server, 'township-a', { duties: [] });
    admin = await server.login('admin');
  });
  afterAll(() => server?.dispose());

  /** A submitted case waiting for 受理, and the id of its open task. */
  async function caseAtAcceptance(): Promise<{ c: CaseSummary; taskId: string }> {
    const c = (await command(applicant, (await openCase(applicant, demoHousehold)).case, 'submit')).case;
    const su = await server.superuser();
    const task = await su.collection('tasks').getFirstListItem(`application = "${c.id}" && status = "open"`);
    return { c, taskId: task.id };
  }
  const claim = (pb: PocketBase, taskId: string) => pb.send<{ task: { assigneeUser: string | null } }>(`/api/tongban/tasks/${taskId}/claim`, { method: 'POST' });
  const release = (pb: PocketBase, taskId: string) => pb.send<{ task: { assigneeUser: string | null } }>(`/api/tongban/tasks/${taskId}/release`, { method: 'POST' });
  const reassign = (pb: PocketBase, taskId: string, userId: string) => pb.send<{ task: { assigneeUser: string | null } }>(`/api/tongban/tasks/${taskId}/reassign`, { method: 'POST', body: { userId } });

  it('may be made only by an officer of the task’s unit with the task’s duty', async () => {
    const { taskId } = await caseAtAcceptance();
    expect(await failure(claim(withoutDuty.pb, taskId))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    expect((await failure(claim(await server.login('village-a1'), taskId))).status).toBe(404);
    expect((await failure(claim(await server.login('township-b'), taskId))).status).toBe(404);
    expect((await failure(claim(admin, taskId))).status).toBe(403);
    expect((await claim(township, taskId)).task.assigneeUser).toBe(townshipId);
    expect(await failure(claim(colleague.pb, taskId))).toMatchObject({ status: 409, body: { code: 'already_claimed' } });
  });

  it('is seen live by the unit’s other officers: a claim and a release reach their task subscription', async () => {
    const { taskId } = await caseAtAcceptance();
    const watching = await subscribe(server.url, colleague.pb.authStore.token, ['tasks']);
    try {
      await claim(township, taskId);
      await watching.waitFor(1);
      await release(township, taskId);
      await watching.waitFor(2);
      const seen = watching.messages.filter((m) => m.record.id === taskId);
      expect(seen.map((m) => [m.action, m.record.assignee_user])).toEqual([['update', townshipId], ['update', '']]);
    } finally {
      watching.close();
    }
  });

  it('reserves the task: anyone else’s command on it gets 409 claimed and changes nothing, the holder acts', async () => {
    const { c, taskId } = await caseAtAcceptance();
    const actionsOf = async (pb: PocketBase) => (await pb.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${c.id}/actions`, {})).actions.map((a) => a.action);
    expect(await actionsOf(colleague.pb)).toContain('accept');
    await claim(township, taskId);
    expect(await actionsOf(colleague.pb)).toEqual([]);
    expect(await actionsOf(township)).toContain('accept');
    expect(await failure(command(colleague.pb, c, 'accept', { data: accepted }))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    const su = await server.superuser();
    expect((await su.collection('applications').getOne(c.id)).version).toBe(c.version);
    expect((await command(township, c, 'accept', { data: accepted })).case.step).toBe('investigation');
    expect(await failure(claim(colleague.pb, taskId))).toMatchObject({ status: 409, body: { code: 'task_closed' } });
  });

  it('and a colleague’s command sent at the same moment never both win: either the claim is refused on the closed task or the command as claimed', async () => {
    const cases = await Promise.all(Array.from({ length: 8 }, () => caseAtAcceptance()));
    const outcomes = await Promise.all(cases.map(async ({ c, taskId }) => {
      const [claimed, commanded] = await Promise.allSettled([claim(township, taskId), command(colleague.pb, c, 'accept', { data: accepted })]);
      return { claimed: claimed.status === 'fulfilled', commanded: commanded.status === 'fulfilled', refusal: commanded.status === 'rejected' ? (commanded.reason as { response?: { code?: string } }).response?.code : undefined };
    }));
    for (const o of outcomes) {
      expect(o.claimed && o.commanded).toBe(false);
      if (!o.commanded) expect(o.refusal).toBe('claimed');
    }
  });

  it('is released by its holder or an administrator, not by a colleague, and then others may act', async () => {
    const { c, taskId } = await caseAtAcceptance();
    await claim(township, taskId);
    expect(await failure(release(colleague.pb, taskId))).toMatchObject({ status: 403 });
    expect((await release(township, taskId)).task.assigneeUser).toBeNull();
    expect(await failure(release(township, taskId))).toMatchObject({ status: 409, body: { code: 'not_claimed' } });
    await claim(colleague.pb, taskId);
    expect(await failure(command(township, c, 'accept', { data: accepted }))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    expect((await release(admin, taskId)).task.assigneeUser).toBeNull();
    expect((await command(township, c, 'accept', { data: accepted })).case.step).toBe('investigation');
  });

  it('is reassigned by an administrator or handed over by its holder, only to an eligible officer, and the move is audited', async () => {
    const { c, taskId } = await caseAtAcceptance();
    await claim(township, taskId);
    expect(await failure(reassign(colleague.pb, taskId, colleague.id))).toMatchObject({ status: 403 });
    expect(await failure(reassign(admin, taskId, withoutDuty.id))).toMatchObject({ status: 422, body: { errors: [{ path: '/userId' }] } });
    expect(await failure(reassign(admin, taskId, await demoUserId(server, 'township-b')))).toMatchObject({ status: 422 });
    expect((await reassign(admin, taskId, colleague.id)).task.assigneeUser).toBe(colleague.id);
    expect(await failure(command(township, c, 'accept', { data: accepted }))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    expect((await reassign(colleague.pb, taskId, townshipId)).task.assigneeUser).toBe(townshipId);
    expect((await command(township, c, 'accept', { data: accepted })).case.step).toBe('investigation');
    const audit = await admin.collection('audit_log').getFullList({ filter: `action = "task.reassign" && target_id = "${taskId}"` });
    expect(audit).toHaveLength(2);
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
