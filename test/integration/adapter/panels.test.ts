import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, failure, type CaseSummary } from '../../support/commands.js';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { panelDefinition } from '../../support/panelDefinition.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficers, type StaffMember } from '../../support/staff.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

interface PanelSummary { step: string; members: number; ballots: number; result: string | null; tally?: Record<string, number> }
type PanelCase = Omit<CaseSummary, 'tasks'> & { panels?: PanelSummary[]; tasks: { key: string; step: string; mode: string; assigneeUser?: string }[] };

/** The probe as an expert review (公益创投 style): three experts drawn from the county's pool score; an average of 60 passes. */
const expertReview: WorkflowDefinition = {
  ...panelDefinition,
  key: 'panel-pool-probe',
  name: '专家评审探针',
  steps: {
    ...panelDefinition.steps,
    review: { ...(panelDefinition.steps.review as Extract<WorkflowDefinition['steps'][string], { type: 'task' }>), name: '专家评审', panel: { members: { pool: { kind: 'expert_pool', draw: 3 } }, ballot: 'score', quorum: { count: 2 }, rule: { averageScoreAtLeast: 60 } } },
  },
};

/** A panel that can never reach its quorum: 3 ballots needed of 2 experts drawn. */
const unreachableQuorum: WorkflowDefinition = {
  ...expertReview,
  key: 'panel-quorum-probe',
  steps: { ...expertReview.steps, review: { ...(expertReview.steps.review as Extract<WorkflowDefinition['steps'][string], { type: 'task' }>), panel: { members: { pool: { kind: 'expert_pool', draw: 2 } }, ballot: 'vote', quorum: { count: 3 }, rule: 'majority' } } },
};

/**
 * A panel through the real server: the township's appraisers (officers added with the duty
 * `appraiser`) vote on a case of the panel probe, published through the superuser API; the
 * township officer organises and closes the panel (quorum 3, simple majority).
 */
describe('a panel (民主评议) through the server', () => {
  let server: TestServer;
  let applicant: PocketBase;
  let organiser: PocketBase;
  let appraisers: StaffMember[];

  beforeAll(async () => {
    server = await startPocketBase();
    const su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: panelDefinition.key, version: 1, status: 'published', name: panelDefinition.name, definition: panelDefinition });
    await su.collection('workflow_definitions').create({ key: expertReview.key, version: 1, status: 'published', name: expertReview.name, definition: expertReview });
    appraisers = await addOfficers(server, 'township-a', 4, { duties: ['appraiser'] });
    applicant = await server.login('applicant-a1');
    organiser = await server.login('township-a');
  });
  afterAll(() => server?.dispose());

  /** A submitted case of the probe, with its panel seated. */
  async function caseAtPanel(): Promise<PanelCase> {
    const opened = await applicant.send<{ case: PanelCase }>('/api/tongban/cases', { method: 'POST', body: { workflow: panelDefinition.key, commandId: randomUUID() } });
    return (await command(applicant, opened.case, 'submit')).case as PanelCase;
  }
  const vote = async (member: StaffMember, c: { id: string; version: number }, ballot: Record<string, unknown>, comment?: string) =>
    (await command(member.pb, c, 'vote', { ballot, ...(comment ? { comment } : {}) })).case as PanelCase;
  const actionsOf = async (pb: PocketBase, c: { id: string }) => (await pb.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${c.id}/actions`, {})).actions.map((a) => a.action);
  const verify = (c: { id: string }) => organiser.send<{ ok: boolean; replay?: { ok: boolean } }>(`/api/tongban/cases/${c.id}/verify`, {});

  it('seats every appraiser with a task only they hold, reaches its quorum and passes', async () => {
    let c = await caseAtPanel();
    expect(c.step).toBe('review');
    const memberTasks = c.tasks.filter((t) => t.mode === 'panel');
    expect(memberTasks.map((t) => t.assigneeUser).sort()).toEqual(appraisers.map((a) => a.id).sort());
    const su = await server.superuser();
    const stored = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && mode = "panel"` });
    expect(stored.map((t) => t.assignee_user).sort()).toEqual(appraisers.map((a) => a.id).sort());
    expect(await actionsOf(appraisers[0]!.pb, c)).toEqual(['vote']);
    expect(await actionsOf(organiser, c)).toEqual(['close']);

    c = await vote(appraisers[0]!, c, { choice: 'for' });
    c = await vote(appraisers[1]!, c, { choice: 'against' });
    // One ballot each: a second one, or one on another member's behalf, changes nothing.
    expect(await failure(vote(appraisers[1]!, c, { choice: 'for' }))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    expect(await failure(command(organiser, c, 'vote', { ballot: { choice: 'for' } }))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    expect(await failure(vote(appraisers[2]!, c, { choice: 'maybe' }))).toMatchObject({ status: 422, body: { errors: [{ path: '/ballot/choice' }] } });
    expect((await su.collection('applications').getOne(c.id)).version).toBe(c.version);
    c = await vote(appraisers[2]!, c, { choice: 'for' });
    expect(c.panels).toEqual([{ step: 'review', members: 4, ballots: 3, result: null }]);

    const closed = (await command(organiser, c, 'close')).case as PanelCase;
    expect(closed).toMatchObject({ step: 'approved', outcome: 'approved' });
    expect(closed.panels).toEqual([{ step: 'review', members: 4, ballots: 3, result: 'passed', tally: { eligible: 4, cast: 3, quorum: 3, for: 2, against: 1, abstain: 0, recused: 0 } }]);
    // Each ballot is recorded with its own member's event (hidden from clients), and replay rebuilds the panel exactly.
    const events = await su.collection('events').getFullList({ filter: `application = "${c.id}" && action = "vote"`, sort: 'seq' });
    expect(events.map((e) => [e.actor_id, (e.replay as { ballot?: unknown }).ballot])).toEqual([
      [appraisers[0]!.id, { choice: 'for' }],
      [appraisers[1]!.id, { choice: 'against' }],
      [appraisers[2]!.id, { choice: 'for' }],
    ]);
    const seen = await appraisers[3]!.pb.collection('events').getFullList({ filter: `application = "${c.id}"` }).catch(() => []);
    for (const e of seen) expect(e.replay).toBeUndefined();
    expect(await verify(c)).toMatchObject({ ok: true });
  });

  it('misses its quorum when too few vote and the organiser closes it; a member’s 回避 does not count', async () => {
    let c = await caseAtPanel();
    // A member's task is theirs alone: not released back to the unit, not handed to a colleague.
    const su = await server.superuser();
    const own = await su.collection('tasks').getFirstListItem(`application = "${c.id}" && assignee_user = "${appraisers[0]!.id}"`);
    expect(await failure(appraisers[0]!.pb.send(`/api/tongban/tasks/${own.id}/release`, { method: 'POST' }))).toMatchObject({ status: 409, body: { code: 'panel_member_task' } });
    expect(await failure(appraisers[0]!.pb.send(`/api/tongban/tasks/${own.id}/reassign`, { method: 'POST', body: { userId: appraisers[3]!.id } }))).toMatchObject({ status: 409, body: { code: 'panel_member_task' } });
    c = await vote(appraisers[0]!, c, { choice: 'for' });
    expect(await failure(vote(appraisers[1]!, c, { choice: 'recuse' }))).toMatchObject({ status: 422, body: { errors: [{ path: '/comment' }] } });
    c = await vote(appraisers[1]!, c, { choice: 'recuse' }, '评议对象是本人的邻居，申请回避');
    c = await vote(appraisers[2]!, c, { choice: 'abstain' });
    expect(await actionsOf(appraisers[1]!.pb, c)).toEqual([]);
    const closed = (await command(organiser, c, 'close')).case as PanelCase;
    expect(closed).toMatchObject({ step: 'inconclusive', outcome: 'terminated' });
    expect(closed.panels?.[0]).toMatchObject({ result: 'quorumNotReached', tally: { eligible: 3, cast: 2, quorum: 3, recused: 1, abstain: 1 } });
    const open = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` });
    expect(open).toEqual([]);
    expect(await verify(c)).toMatchObject({ ok: true });
  });

  it('decides on the last ballot when every member has voted', async () => {
    let c = await caseAtPanel();
    for (const [i, choice] of ['against', 'against', 'for', 'abstain'].entries()) c = await vote(appraisers[i]!, c, { choice });
    expect(c).toMatchObject({ step: 'refused', outcome: 'rejected' });
    expect(c.panels?.[0]).toMatchObject({ result: 'failed', tally: { cast: 4, for: 1, against: 2 } });
    expect(await verify(c)).toMatchObject({ ok: true });
  });

  it('draws experts from the demo county’s pool: only the drawn see the case and score it, and the average decides', async () => {
    const opened = await applicant.send<{ case: PanelCase }>('/api/tongban/cases', { method: 'POST', body: { workflow: expertReview.key, commandId: randomUUID() } });
    let c = (await command(applicant, opened.case, 'submit')).case as PanelCase;
    const drawn = c.tasks.filter((t) => t.mode === 'panel').map((t) => t.assigneeUser!);
    expect(drawn).toHaveLength(3);
    const su = await server.superuser();
    const pool = await su.collection('users').getFullList({ filter: 'email ~ "expert-%@demo.tongban"' });
    expect(pool).toHaveLength(5);
    const as = async (id: string) => {
      const pb = await su.collection('users').impersonate(id, 600);
      pb.autoCancellation(false);
      return pb;
    };
    const outsider = pool.find((u) => !drawn.includes(u.id))!;
    expect((await failure((await as(outsider.id)).send(`/api/tongban/cases/${c.id}`, {}))).status).toBe(404);
    for (const [i, id] of drawn.entries()) {
      const expert = await as(id);
      expect(await actionsOf(expert, c)).toEqual(['vote']);
      c = (await command(expert, c, 'vote', { ballot: { score: [72, 55, 64][i] } })).case as PanelCase;
    }
    expect(c).toMatchObject({ step: 'approved', outcome: 'approved' });
    expect(c.panels?.[0]).toMatchObject({ result: 'passed', tally: { cast: 3, averageScore: 63.67 } });
    expect(await verify(c)).toMatchObject({ ok: true });
  });

  it('refuses to publish a definition whose panel can never reach its quorum, so no case runs on it', async () => {
    const su = await server.superuser();
    const published = await failure(su.collection('workflow_definitions').create({ key: unreachableQuorum.key, version: 1, status: 'published', name: unreachableQuorum.name, definition: unreachableQuorum }));
    expect(published).toMatchObject({ status: 409, body: { code: 'invalid_definition', errors: [{ path: '/definition/steps/review/panel/quorum/count' }] } });
    const refused = await failure(applicant.send('/api/tongban/cases', { method: 'POST', body: { workflow: unreachableQuorum.key, commandId: randomUUID() } }));
    expect(refused.status).toBe(404);
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
