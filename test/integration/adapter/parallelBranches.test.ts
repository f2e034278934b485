import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

/**
 * 成立登记 with a parallel review (issue 9, point 5), published through the superuser API as an
 * administrator would: the 业务主管单位 the applicant names and the 县残联 review at the same time,
 * each on its own task, form section and deadline; the case joins when both approved, and a
 * refusal in either ends the review.
 */
const definition = {
  key: 'parallel-review-probe',
  version: 1,
  name: '并行审核探针',
  initial: 'apply',
  steps: {
    apply: {
      type: 'task',
      name: '提出申请',
      assignee: { level: 'applicant' },
      form: { sections: { organisation: 'write' } },
      actions: { submit: { kind: 'submit', label: '提交', target: 'review', writes: ['organisation'] } },
    },
    review: {
      type: 'parallel',
      name: '部门并行审查',
      branches: {
        supervisor: {
          name: '业务主管单位审查',
          assignee: { unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } },
          deadline: { workingDays: 10 },
          form: { sections: { organisation: 'read', supervisorOpinion: 'write' } },
          actions: { approve: { kind: 'approve', label: '同意', writes: ['supervisorOpinion'] }, reject: { kind: 'reject', label: '不同意', target: 'refused' } },
        },
        dpf: {
          name: '残联意见',
          assignee: { department: 'disabled_persons_federation' },
          deadline: { workingDays: 5 },
          form: { sections: { organisation: 'read', dpfOpinion: 'write' } },
          actions: { approve: { kind: 'approve', label: '同意', writes: ['dpfOpinion'] }, reject: { kind: 'reject', label: '不同意', target: 'refused' } },
        },
      },
      join: 'all',
      target: 'registered',
    },
    registered: { type: 'final', name: '准予登记', outcome: 'approved' },
    refused: { type: 'final', name: '不予登记', outcome: 'rejected' },
  },
};

interface CaseView {
  case: CommandAnswer['case'] & { branches?: Record<string, { result: string }> };
  actions: { action: string; label: string }[];
  verbs: { verb: string }[];
  permissions: Record<string, string>;
}

describe('a parallel review through the server', () => {
  let server: TestServer;
  let su: PocketBase;
  let supervisorUnit: string;

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: definition.key, version: 1, status: 'published', name: definition.name, definition });
    supervisorUnit = (await su.collection('org_units').getFirstListItem('kind = "supervisory_unit"')).id;
  });
  afterAll(() => server?.dispose());

  const submitted = async (): Promise<CommandAnswer['case']> => {
    const a1 = await server.login('applicant-a1');
    const opened = await a1.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID(), data: { organisation: { name: '海安市助残服务中心', supervisorUnit } } } });
    return (await command(a1, opened.case, 'submit')).case;
  };
  const view = async (pb: PocketBase, id: string) => pb.send<CaseView>(`/api/tongban/cases/${id}`, {});
  const verify = async (id: string) => (await server.login('county')).send<{ ok: boolean; replay?: { ok: boolean } }>(`/api/tongban/cases/${id}/verify`, {});

  it('opens one task per branch, each department sees and writes only its own, and joins when both approved', async () => {
    const c = await submitted();
    expect(c.step).toBe('review');
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"`, sort: 'key' });
    expect(tasks.map((t) => [t.key, t.level, t.step_name, (t.due_at as string).slice(0, 10)])).toEqual([
      ['review#1:dpf', 'department', '部门并行审查：残联意见', expect.any(String)],
      ['review#1:supervisor', 'department', '部门并行审查：业务主管单位审查', expect.any(String)],
    ]);
    expect(tasks[0]!.due_at < tasks[1]!.due_at).toBe(true);
    expect(tasks[1]!.assignee_unit).toBe(supervisorUnit);

    const dpf = await server.login('dpf');
    const education = await server.login('education');
    const dpfView = await view(dpf, c.id);
    const eduView = await view(education, c.id);
    expect(dpfView.actions.map((a) => a.action)).toEqual(['dpf.approve', 'dpf.reject']);
    expect(eduView.actions.map((a) => a.action)).toEqual(['supervisor.approve', 'supervisor.reject']);
    expect(dpfView.verbs).toEqual([]);
    expect(dpfView.permissions).toMatchObject({ '/organisation': 'read', '/dpfOpinion': 'write' });
    expect(dpfView.permissions['/supervisorOpinion']).not.toBe('write');
    expect(eduView.permissions).toMatchObject({ '/supervisorOpinion': 'write' });

    // Neither may act on, nor write into, the other's branch; nothing changes.
    expect((await failure(command(dpf, c, 'supervisor.approve'))).body).toMatchObject({ code: 'not_your_task' });
    expect((await failure(command(dpf, c, 'dpf.approve', { data: { supervisorOpinion: { text: '同意' } } }))).status).toBe(422);
    expect((await failure(command(dpf, c, 'verb.transfer'))).body).toMatchObject({ code: 'not_allowed', message: '并行审核步骤的分支任务不能转办：各分支由其办理单位直接办理。' });

    // Both act on the version they saw at the same moment: one goes through, the other is told to refresh and then does.
    const both = await Promise.allSettled([
      command(dpf, c, 'dpf.approve', { data: { dpfOpinion: { text: '符合助残服务条件' } } }),
      command(education, c, 'supervisor.approve', { data: { supervisorOpinion: { text: '同意成立' } } }),
    ]);
    const done = both.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<CommandAnswer>[];
    const stale = both.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(done.length).toBe(1);
    expect(stale.length).toBe(1);
    expect((stale[0]!.reason as { status: number; response: { code: string } }).response.code).toBe('stale_version');
    expect(done[0]!.value.case.step).toBe('review');
    const firstWasDpf = both[0]!.status === 'fulfilled';
    const [late, lateAction, lateData] = firstWasDpf ? [education, 'supervisor.approve', { supervisorOpinion: { text: '同意成立' } }] : [dpf, 'dpf.approve', { dpfOpinion: { text: '符合助残服务条件' } }];
    expect((await view(firstWasDpf ? dpf : education, c.id)).actions).toEqual([]);
    const joined = (await command(late, done[0]!.value.case, lateAction, { data: lateData })).case;
    expect(joined.step).toBe('registered');
    expect(joined.outcome).toBe('approved');
    expect((await view(dpf, c.id)).case.branches).toMatchObject({ dpf: { result: 'approved' }, supervisor: { result: 'approved' } });
    expect((await su.collection('applications').getOne(c.id)).data).toMatchObject({ dpfOpinion: { text: '符合助残服务条件' }, supervisorOpinion: { text: '同意成立' } });
    expect(await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` })).toEqual([]);
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('refuses to publish a parallel step whose join can never be reached, naming the path', async () => {
    const broken = { ...definition, key: 'parallel-broken-probe', steps: { ...definition.steps, review: { ...definition.steps.review, join: { count: 3 } } } };
    const refused = await failure(su.collection('workflow_definitions').create({ key: broken.key, version: 1, status: 'published', name: broken.name, definition: broken }));
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toContainEqual({ path: '/definition/steps/review/join/count', message: '汇合所需的分支数 3 超过分支总数 2：案件永远不会离开此步骤。' });
  });

  it('ends the review on a refusal in one branch, cancelling the other department’s task', async () => {
    const c = await submitted();
    const education = await server.login('education');
    // A branch task is claimed like any task; the holder then acts on it.
    const own = await su.collection('tasks').getFirstListItem(`application = "${c.id}" && key = "review#1:supervisor"`);
    await education.send(`/api/tongban/tasks/${own.id}/claim`, { method: 'POST' });
    expect((await su.collection('tasks').getOne(own.id)).assignee_user).toBe(education.authStore.record!.id);
    const refused = (await command(education, c, 'supervisor.reject', { comment: '宗旨与业务范围不符' })).case;
    expect(refused.step).toBe('refused');
    expect(refused.outcome).toBe('rejected');
    const rows = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && step = "review"`, sort: 'key' });
    expect(rows.map((t) => [t.key, t.status])).toEqual([['review#1:dpf', 'cancelled'], ['review#1:supervisor', 'done']]);
    expect((await failure(command(await server.login('dpf'), refused, 'dpf.approve'))).body.code).toBe('not_allowed');
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
