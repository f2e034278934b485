import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, demoUserId, type StaffMember } from '../../support/staff.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

interface Answer {
  case: CaseSummary;
  event: { seq: number; note?: string; actor_name: string; kind: string };
  verbs: { verb: string }[];
}

const start = new Date('2026-03-02T09:00:00+08:00');

/**
 * 转办, 加签, 抄送, 委托, 撤回 and 催办 through the real server, on a definition that declares
 * them (test/fixtures/taskVerbsWorkflow.ts): the township reviews, the county confirms.
 */
describe('task verbs through the command route', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let townshipId: string;
  let colleague: StaffMember;
  let county: PocketBase;
  let otherTownship: PocketBase;
  let otherTownshipId: string;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(start);
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    townshipId = await demoUserId(server, 'township-a');
    colleague = await addOfficer(server, 'township-a');
    county = await server.login('county');
    otherTownship = await server.login('township-b');
    otherTownshipId = await demoUserId(server, 'township-b');
  });
  afterAll(() => server?.dispose());

  const send = (pb: PocketBase, c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
    pb.send<Answer>(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: randomUUID(), ...extra } });
  const current = async (id: string) => (await su.collection('applications').getOne(id)) as unknown as { id: string; version: number; step: string };
  const verify = async (id: string) => su.send<{ ok: boolean; replay: { ok: boolean; reason?: string } }>(`/api/tongban/cases/${id}/verify`, {});
  const verbsOf = async (pb: PocketBase, id: string) => (await pb.send<{ verbs: { verb: string }[] }>(`/api/tongban/cases/${id}`, {})).verbs.map((v) => v.verb);
  const openTaskOf = async (id: string, step: string) => su.collection('tasks').getFirstListItem(`application = "${id}" && step = "${step}" && status = "open" && mode != "sign"`);

  /** A submitted case waiting for the township's review. */
  async function atReview(): Promise<CaseSummary> {
    const opened = await applicant.send<Answer>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    return (await send(applicant, opened.case, 'submit')).case;
  }

  it('转办: the worker hands the task to a colleague with the duty; the claim moves with it and replay stays exact', async () => {
    const c = await atReview();
    expect(await verbsOf(township, c.id)).toEqual(['transfer', 'addSigner', 'cc']);
    expect(await failure(send(township, c, 'verb.transfer', { to: [otherTownshipId] }))).toMatchObject({ status: 422, body: { code: 'invalid_data', errors: [{ path: '/to/0' }] } });
    expect(await failure(send(township, c, 'verb.transfer', { to: ['nosuchuser'] }))).toMatchObject({ status: 422, body: { errors: [{ path: '/to/0' }] } });
    const moved = await send(township, c, 'verb.transfer', { to: [colleague.id], comment: '出差，转同事办理' });
    expect(moved.event).toMatchObject({ kind: 'transfer', note: expect.stringMatching(/^转办给 工作人员/) });
    expect((await openTaskOf(c.id, 'review')).assignee_user).toBe(colleague.id);
    expect(await failure(send(township, moved.case, 'approve'))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    expect(await failure(send(township, moved.case, 'verb.transfer', { to: [colleague.id] }))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    expect((await send(colleague.pb, moved.case, 'approve')).case.step).toBe('confirm');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('加签 before oneself: the signer’s opinion first, then the adder decides; a signer of another unit only where the step allows, who may then read the case', async () => {
    const c = await atReview();
    expect(await failure(send(township, c, 'verb.addSigner', { to: [otherTownshipId], position: 'before' }))).toMatchObject({ status: 422, body: { errors: [{ path: '/to/0', message: expect.stringContaining('本单位') }] } });
    const added = await send(township, c, 'verb.addSigner', { to: [colleague.id], position: 'before' });
    expect(await failure(send(township, added.case, 'approve'))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    expect(await verbsOf(colleague.pb, c.id)).toContain('sign');
    const signed = await send(colleague.pb, added.case, 'verb.sign', { comment: '经核实，同意' });
    const atConfirm = (await send(township, signed.case, 'approve')).case;
    expect(atConfirm.step).toBe('confirm');

    expect((await failure(otherTownship.send(`/api/tongban/cases/${c.id}`, {}))).status).toBe(404);
    const asked = await send(county, atConfirm, 'verb.addSigner', { to: [otherTownshipId], position: 'before' });
    expect(asked.event.note).toBe('加签（在前）：孙庄街道 社会事务办');
    expect((await otherTownship.send<{ case: { id: string } }>(`/api/tongban/cases/${c.id}`, {})).case.id).toBe(c.id);
    expect((await otherTownship.collection('applications').getOne(c.id)).id).toBe(c.id);
    const opinion = await send(otherTownship, asked.case, 'verb.sign', { comment: '邻镇无异议' });
    expect((await send(county, opinion.case, 'confirm')).case.status).toBe('done');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('加签 after oneself: the adder’s opinion now, and the step’s decision is the signer’s alone', async () => {
    const c = await atReview();
    const added = await send(township, c, 'verb.addSigner', { to: [colleague.id], position: 'after', comment: '拟同意，请复核' });
    expect(await failure(send(township, added.case, 'approve'))).toMatchObject({ status: 403 });
    expect((await send(colleague.pb, added.case, 'approve')).case.step).toBe('confirm');
    expect(await verify(c.id)).toMatchObject({ ok: true });
  });

  it('抄送 gives an officer of another unit read access (custom routes and record API) and a notice', async () => {
    const c = await atReview();
    expect((await failure(otherTownship.send(`/api/tongban/cases/${c.id}`, {}))).status).toBe(404);
    expect((await failure(otherTownship.collection('applications').getOne(c.id))).status).toBe(404);
    const ccBody = { action: 'verb.cc', version: c.version, commandId: randomUUID(), to: [otherTownshipId], comment: '请协助了解' };
    const copied = await township.send<Answer>(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: ccBody });
    const repeated = await township.send<Answer>(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: ccBody });
    expect(repeated.event.seq).toBe(copied.event.seq);
    expect(await su.collection('case_readers').getFullList({ filter: `application = "${c.id}"` })).toHaveLength(1);
    expect(copied.event.note).toBe('抄送：孙庄街道 社会事务办');
    const seen = await otherTownship.send<{ case: { id: string }; actions: unknown[]; verbs: unknown[] }>(`/api/tongban/cases/${c.id}`, {});
    expect(seen).toMatchObject({ case: { id: c.id }, actions: [], verbs: [] });
    expect((await otherTownship.collection('applications').getOne(c.id)).id).toBe(c.id);
    expect((await otherTownship.collection('events').getFullList({ filter: `application = "${c.id}"` })).map((e) => e.kind)).toEqual(['start', 'submit', 'cc']);
    expect(await failure(send(otherTownship, copied.case, 'approve'))).toMatchObject({ status: 403 });
    await su.send('/api/tongban/admin/outbox/send', { method: 'POST' });
    const notices = await otherTownship.collection('notifications').getFullList({ filter: `application = "${c.id}"` });
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('抄送给您')]);
    expect(await verify(c.id)).toMatchObject({ ok: true });
  });

  it('委托: during the period the delegate acts on the delegator’s claimed task, shown as “delegate 代 delegator”; before it and after revocation not', async () => {
    const c = await atReview();
    const task = await openTaskOf(c.id, 'review');
    await township.send(`/api/tongban/tasks/${task.id}/claim`, { method: 'POST' });
    const tomorrow = new Date(start.getTime() + 86_400_000);
    expect(await failure(township.send('/api/tongban/delegations', { method: 'POST', body: { delegate: otherTownshipId, startsAt: start.toISOString(), endsAt: tomorrow.toISOString() } }))).toMatchObject({ status: 422, body: { errors: [{ path: '/delegate' }] } });
    const later = await township.send<{ delegation: { id: string } }>('/api/tongban/delegations', { method: 'POST', body: { delegate: colleague.id, startsAt: tomorrow.toISOString(), endsAt: new Date(tomorrow.getTime() + 7 * 86_400_000).toISOString(), reason: '休假' } });
    expect(await failure(send(colleague.pb, c, 'approve', { onBehalfOf: townshipId }))).toMatchObject({ status: 403, body: { code: 'no_delegation' } });
    expect(await failure(send(colleague.pb, c, 'approve'))).toMatchObject({ status: 409, body: { code: 'claimed' } });
    expect(await failure(colleague.pb.send(`/api/tongban/cases/${c.id}?onBehalfOf=${townshipId}`, {}))).toMatchObject({ status: 403, body: { code: 'no_delegation' } });
    await server.setClock(new Date(tomorrow.getTime() + 3_600_000));
    const asDelegator = await colleague.pb.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${c.id}?onBehalfOf=${townshipId}`, {});
    expect(asDelegator.actions.map((a) => a.action)).toEqual(['approve', 'refuse']);
    const done = await send(colleague.pb, c, 'approve', { onBehalfOf: townshipId });
    expect(done.case.step).toBe('confirm');
    expect(done.event.actor_name).toMatch(/^工作人员 .+ 代 曲塘镇 社会事务办$/);
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
    await township.send(`/api/tongban/delegations/${later.delegation.id}/revoke`, { method: 'POST' });
    const next = await atReview();
    expect(await failure(send(colleague.pb, next, 'verb.cc', { onBehalfOf: townshipId, to: [otherTownshipId] }))).toMatchObject({ status: 403, body: { code: 'no_delegation' } });
    await server.setClock(start);
  });

  it('撤回: the last actor takes back their forward action while the next step is untouched, not once it is claimed or acted on', async () => {
    const c = await atReview();
    const passed = await send(township, c, 'approve');
    expect(passed.verbs.map((v) => v.verb)).toEqual(['recall']);
    expect(await failure(send(colleague.pb, passed.case, 'verb.recall'))).toMatchObject({ status: 403 });
    const recalled = await send(township, passed.case, 'verb.recall');
    expect(recalled.case).toMatchObject({ step: 'review', tasks: [{ key: 'review#1' }] });
    expect(recalled.event).toMatchObject({ kind: 'recall', note: '撤回“审查通过”' });
    expect((await openTaskOf(c.id, 'review')).key).toBe('review#1');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });

    const again = await send(township, recalled.case, 'approve');
    const confirmTask = await openTaskOf(c.id, 'confirm');
    await county.send(`/api/tongban/tasks/${confirmTask.id}/claim`, { method: 'POST' });
    expect(await failure(send(township, again.case, 'verb.recall'))).toMatchObject({ status: 409, body: { code: 'next_step_claimed' } });
    await county.send(`/api/tongban/tasks/${confirmTask.id}/release`, { method: 'POST' });
    const acted = await send(county, again.case, 'verb.cc', { to: [otherTownshipId] });
    expect(await failure(send(township, acted.case, 'verb.recall'))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    expect((await current(c.id)).step).toBe('confirm');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('催办: the county reminds the township of its task, at most once a day; the township itself and a village may not', async () => {
    const c = await atReview();
    expect(await verbsOf(county, c.id)).toEqual(['urge']);
    const urged = await send(county, c, 'verb.urge', { comment: '请于本周内办结' });
    expect(urged.event).toMatchObject({ kind: 'urge', note: '催办' });
    const outbox = await su.collection('outbox').getFullList({ filter: `application = "${c.id}" && recipient = "township" && parent = ""` });
    expect(outbox.map((o) => o.message)).toEqual([expect.stringContaining('请于本周内办结')]);
    expect(await failure(send(county, urged.case, 'verb.urge'))).toMatchObject({ status: 429, body: { code: 'too_soon' } });
    expect(await failure(send(township, urged.case, 'verb.urge'))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    expect(await failure(send(await server.login('village-a1'), urged.case, 'verb.urge'))).toMatchObject({ status: 403 });
    await server.setClock(new Date(start.getTime() + 25 * 3_600_000));
    await send(county, urged.case, 'verb.urge');
    await server.setClock(start);
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
