import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

/** The child: one member's home visit, started by either household process; the township finds for or against. */
const visitDefinition = {
  key: 'member-visit',
  version: 1,
  name: '成员入户核查',
  initial: 'visit',
  starters: [{ kind: 'parent', workflows: ['household-check', 'household-quick', 'household-slow'] }],
  steps: {
    visit: {
      type: 'task', name: '入户核查', assignee: { level: 'township' }, form: { sections: { member: 'write' } },
      actions: { pass: { kind: 'approve', label: '核查通过', target: 'passed' }, fail: { kind: 'reject', label: '核查不通过', target: 'failed' } },
    },
    passed: { type: 'final', name: '通过', outcome: 'approved' },
    failed: { type: 'final', name: '不通过', outcome: 'rejected' },
  },
};

/** A household process whose `assess` step starts one visit per member and waits as `wait` says. */
function householdDefinition(key: string, name: string, wait: unknown, deadline: Record<string, unknown> = {}) {
  return {
    key, version: 1, name, initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, form: { sections: { household: 'write' } }, actions: { submit: { kind: 'submit', label: '提交', target: 'assess', writes: ['household'] } } },
      assess: {
        type: 'children', name: '成员核查',
        start: [{ workflow: 'member-visit', forEach: '/household/members', passItem: { '/member': '' } }],
        wait,
        onSettled: [{ when: { children: 'assess', outcome: 'rejected', count: 'any' }, target: 'refused' }, { target: 'approved' }],
        ...deadline,
      },
      ...('onTimeout' in deadline ? { overdue: { type: 'final', name: '逾期终止', outcome: 'terminated' } } : {}),
      approved: { type: 'final', name: '通过', outcome: 'approved' },
      refused: { type: 'final', name: '不通过', outcome: 'rejected' },
    },
  };
}

interface ChildView { id: string; workflow: string; status: string; outcome: string | null; wait: string | null }
type CaseView = CommandAnswer & { case: CommandAnswer['case'] & { children: ChildView[]; parentCase: { id: string; wait: string | null } | null } };

describe('a children step through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-11-02T02:00:00Z'));
    su = await server.superuser();
    for (const d of [visitDefinition, householdDefinition('household-check', '家庭核查', 'all'), householdDefinition('household-quick', '家庭快查', 'any'), householdDefinition('household-slow', '家庭慢查', 'all', { deadline: { days: 10 }, onTimeout: 'overdue' })]) {
      await su.collection('workflow_definitions').create({ key: d.key, version: 1, status: 'published', name: d.name, definition: d });
    }
  });
  afterAll(() => server?.dispose());

  const members = { household: { members: [{ name: '张一' }, { name: '张二' }] } };
  const view = async (pb: PocketBase, id: string) => pb.send<CaseView>(`/api/tongban/cases/${id}`, {});
  const verify = (id: string) => su.send<{ ok: boolean; replay: { ok: boolean } }>(`/api/tongban/cases/${id}/verify`, {});

  /** Opens a household case and submits its two members: the parent waits for two visits. */
  async function submitted(workflow: string) {
    const applicant = await server.login('applicant-a1');
    const opened = await applicant.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow, commandId: randomUUID() } });
    const answer = await command(applicant, opened.case, 'submit', { data: members });
    expect(answer.case.step).toBe('assess');
    const children = await su.collection('applications').getFullList({ filter: `parent = "${opened.case.id}"`, sort: 'case_no' });
    return { parentId: opened.case.id, applicant, children };
  }

  it('waiting for all: the parent moves on only when both members’ visits are done, and every case replays', async () => {
    const { parentId, applicant, children } = await submitted('household-check');
    expect(children).toMatchObject([
      { workflow_key: 'member-visit', starter: 'parent', parent_wait: 'assess#1', data: { member: { name: '张一' } } },
      { workflow_key: 'member-visit', starter: 'parent', parent_wait: 'assess#1', data: { member: { name: '张二' } } },
    ]);
    const township = await server.login('township-a');

    // The first visit passes: the parent records it and still waits.
    await command(township, { id: children[0]!.id, version: 1 }, 'pass');
    const waiting = await view(applicant, parentId);
    expect(waiting.case).toMatchObject({ step: 'assess', status: 'active' });
    expect(waiting.case.children).toMatchObject([{ id: children[0]!.id, status: 'done', outcome: 'approved', wait: 'assess#1' }, { id: children[1]!.id, status: 'active', outcome: null }]);

    // The second passes: all are done, none rejected — the parent is approved, in the child's transaction.
    const second = await command(township, { id: children[1]!.id, version: 1 }, 'pass');
    expect(second.case.outcome).toBe('approved');
    const done = await view(applicant, parentId);
    expect(done.case).toMatchObject({ step: 'approved', status: 'done', outcome: 'approved' });
    const events = await su.collection('events').getFullList({ filter: `application = "${parentId}"`, sort: 'seq' });
    expect(events.map((e) => [e.action, e.kind, e.to_step, e.actor_name])).toEqual([
      ['start', 'start', 'apply', expect.any(String)],
      ['submit', 'submit', 'assess', expect.any(String)],
      ['child.settled', 'children', 'assess', '系统'],
      ['child.settled', 'children', 'approved', '系统'],
    ]);
    expect((await view(township, children[1]!.id)).case.parentCase).toMatchObject({ id: parentId, wait: 'assess#1' });
    for (const id of [parentId, children[0]!.id, children[1]!.id]) expect(await verify(id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('waiting for any: the first visit decides, a rejection routes to refusal, and the late visit is ignored', async () => {
    const { parentId, applicant, children } = await submitted('household-quick');
    const township = await server.login('township-a');
    await command(township, { id: children[1]!.id, version: 1 }, 'fail', { comment: '家中无人，多次走访未遇' });
    const refused = await view(applicant, parentId);
    expect(refused.case).toMatchObject({ step: 'refused', outcome: 'rejected' });
    const version = refused.case.version;

    // The other visit ends later: the child ends as usual, the parent has moved on and is untouched.
    const late = await command(township, { id: children[0]!.id, version: 1 }, 'pass');
    expect(late.case.outcome).toBe('approved');
    expect((await view(applicant, parentId)).case).toMatchObject({ step: 'refused', version });
    for (const id of [parentId, children[0]!.id, children[1]!.id]) expect(await verify(id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('with a deadline: the sweep times the wait out when it passes, and a child ending afterwards changes nothing', async () => {
    const { parentId, applicant, children } = await submitted('household-slow');
    const township = await server.login('township-a');
    await command(township, { id: children[0]!.id, version: 1 }, 'pass');
    expect((await view(applicant, parentId)).case.step).toBe('assess');
    // 10 calendar days from 11-02: the wait ends at 24:00 of 11-12; the first sweep after it times the wait out.
    await server.setClock(new Date('2026-11-12T15:00:00Z'));
    expect(await server.sweep()).toBe(0);
    await server.setClock(new Date('2026-11-13T01:00:00Z'));
    expect(await server.sweep()).toBe(1);
    const overdue = await view(applicant, parentId);
    expect(overdue.case).toMatchObject({ step: 'overdue', outcome: 'terminated' });
    await command(township, { id: children[1]!.id, version: 1 }, 'pass');
    expect((await view(applicant, parentId)).case).toMatchObject({ step: 'overdue', version: overdue.case.version });
    for (const id of [parentId, children[0]!.id, children[1]!.id]) expect(await verify(id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('refuses to publish a parent whose child process does not name it, or that waits for more children than it starts', async () => {
    const publish = (d: Record<string, unknown>) => su.collection('workflow_definitions').create({ key: d.key, version: 1, status: 'published', name: d.name, definition: d });
    const stranger = householdDefinition('household-stranger', '家庭核查（未声明）', 'all');
    expect(await failure(publish(stranger))).toMatchObject({ status: 409, body: { code: 'invalid_definition', errors: [{ path: '/definition/steps/assess/start/0/workflow', message: '流程“member-visit”没有声明可由“household-stranger”的案件发起 (starters 中的 parent)。' }] } });
    const greedy = householdDefinition('household-check', '家庭核查', { count: 3 });
    greedy.version = 2;
    greedy.steps.assess.start = [{ workflow: 'member-visit' }, { workflow: 'member-visit' }] as never;
    const refused = await failure(su.collection('workflow_definitions').create({ key: greedy.key, version: 2, status: 'published', name: greedy.name, definition: greedy }));
    expect(refused.body.errors).toEqual([{ path: '/definition/steps/assess/wait/count', message: '等待 3 个子案件办结，但此步骤只发起 2 个：案件会一直等待。' }]);
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
