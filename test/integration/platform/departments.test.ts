import { createHash, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoExpertAffiliations } from '../../../server/demo/demoCounty.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CommandAnswer } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe } from '../../support/realtime.js';
import { freshIdNumber } from '../../support/idNumbers.js';

/**
 * An organisation's application routed beside the administrative chain, published through the
 * superuser API as an administrator would: the 业务主管单位 the applicant names, then the 县残联,
 * then two experts drawn from the county's pool, with 回避 of members of the applicant organisation.
 */
const definition = {
  key: 'org-review-probe',
  version: 1,
  name: '单位审查探针',
  initial: 'apply',
  steps: {
    apply: {
      type: 'task',
      name: '提出申请',
      assignee: { level: 'applicant' },
      form: { sections: { organisation: 'write' } },
      actions: { submit: { kind: 'submit', label: '提交', target: 'supervisor', writes: ['organisation'] } },
    },
    supervisor: { type: 'task', name: '业务主管单位审查', assignee: { unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } }, actions: { approve: { kind: 'approve', label: '同意', target: 'federation' } } },
    federation: { type: 'task', name: '残联意见', assignee: { department: 'disabled_persons_federation' }, actions: { approve: { kind: 'approve', label: '同意', target: 'experts' } } },
    experts: {
      type: 'task',
      name: '专家评审',
      assignee: { pool: { kind: 'expert_pool', draw: 2, recuseAffiliationsFrom: ['/organisation/creditCode'] } },
      actions: { approve: { kind: 'approve', label: '推荐', target: 'done' } },
    },
    done: { type: 'final', name: '通过', outcome: 'approved' },
  },
};

const open = (pb: PocketBase, organisation: Record<string, string>): Promise<CommandAnswer> =>
  pb.send('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID(), data: { organisation } } });

describe('organisations beside the administrative chain', () => {
  let server: TestServer;
  let su: PocketBase;
  const unit: Record<string, string> = {};
  let dibaoCaseId: string;

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: definition.key, version: 1, status: 'published', name: definition.name, definition });
    for (const u of await su.collection('org_units').getFullList({ filter: 'level = "department"' })) unit[u.kind as string] = u.id;
    // Another case of the same county, on the 低保 chain: no department ever sees it.
    const b1 = await server.login('applicant-b1');
    const dibao = await openCase(b1, demoHousehold);
    dibaoCaseId = (await command(b1, dibao.case, 'submit')).case.id;
  });
  afterAll(() => server?.dispose());

  const seesCase = async (user: string, caseId: string): Promise<boolean> => {
    const pb = await server.login(user);
    const listed = (await pb.collection('applications').getFullList()).some((r) => r.id === caseId);
    const routed = await pb.send(`/api/tongban/cases/${caseId}`, {}).then(() => true, (e: { status: number }) => (e.status === 404 ? false : Promise.reject(e)));
    expect(routed, `${user}: the record API and the route agree`).toBe(listed);
    return listed;
  };

  it('refuses a 业务主管单位 the form names that is not one of that kind in the county, and changes nothing', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await open(a1, { supervisorUnit: unit.disabled_persons_federation!, creditCode: demoExpertAffiliations.lawFirm });
    const refused = await failure(command(a1, opened.case, 'submit'));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'invalid_data', errors: [{ path: '/data/organisation/supervisorUnit', message: '所选单位不是本县（市、区）的业务主管单位。' }] });
    expect((await su.collection('applications').getOne(opened.case.id)).step).toBe('apply');
  });

  it('routes the case to the units it names and the 县残联, whose officers see it — also after acting — and never another case', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await open(a1, { supervisorUnit: unit.supervisory_unit!, creditCode: demoExpertAffiliations.lawFirm });
    const dpfLogin = await server.login('dpf');
    const realtime = await subscribe(server.url, dpfLogin.authStore.token, ['applications']);
    let c = (await command(a1, opened.case, 'submit')).case;
    expect(c.step).toBe('supervisor');
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` });
    expect(tasks.map((t) => [t.level, t.assignee_unit])).toEqual([['department', unit.supervisory_unit]]);

    // Before its turn the 县残联 sees nothing; the 业务主管单位 sees this case and not the 低保 case of the county.
    expect(await seesCase('dpf', c.id)).toBe(false);
    expect(await seesCase('education', c.id)).toBe(true);
    expect(await seesCase('education', dibaoCaseId)).toBe(false);
    expect((await failure(command(dpfLogin, c, 'approve'))).status).toBe(404);
    c = (await command(await server.login('education'), c, 'approve')).case;
    expect(c.step).toBe('federation');

    const dpf = await server.login('dpf');
    expect(await seesCase('dpf', c.id)).toBe(true);
    expect((await dpf.collection('tasks').getFullList({ filter: `application = "${c.id}"` })).length).toBeGreaterThan(0);
    expect((await dpf.collection('events').getFullList({ filter: `application = "${c.id}"` })).length).toBe(3);
    c = (await command(dpf, c, 'approve')).case;
    expect(c.step).toBe('experts');

    // Its task done, the 县残联 keeps seeing the case; still not the other case, nor anything of it.
    expect(await seesCase('dpf', c.id)).toBe(true);
    expect(await seesCase('dpf', dibaoCaseId)).toBe(false);
    for (const collection of ['tasks', 'events', 'documents', 'attachments']) {
      expect(await dpf.collection(collection).getFullList({ filter: `application = "${dibaoCaseId}"` }), collection).toEqual([]);
    }
    // Units never assigned see nothing; the county (the chain) sees both cases.
    expect(await seesCase('registration', c.id)).toBe(false);
    expect(await seesCase('county', c.id)).toBe(true);
    expect(await seesCase('county', dibaoCaseId)).toBe(true);

    // Realtime: the 县残联 heard of its case's changes only, never of the other case.
    await new Promise((r) => setTimeout(r, 500));
    realtime.close();
    const heard = new Set(realtime.messages.map((m) => m.record.id));
    expect(heard.has(c.id)).toBe(true);
    expect(heard.has(dibaoCaseId)).toBe(false);
  });

  it('draws two experts with 回避 of members of the applicant organisation; only they see and act; replay draws the same', async () => {
    const a1 = await server.login('applicant-a1');
    // Experts 2 and 4 work for the applicant organisation (社工中心): they must never be drawn.
    const opened = await open(a1, { supervisorUnit: unit.supervisory_unit!, creditCode: demoExpertAffiliations.socialWorkCentre });
    let c = (await command(a1, opened.case, 'submit')).case;
    c = (await command(await server.login('education'), c, 'approve')).case;
    c = (await command(await server.login('dpf'), c, 'approve')).case;
    const record = await su.collection('applications').getOne(c.id);
    const experts = await su.collection('users').getFullList({ filter: `org_unit = "${unit.expert_pool}"`, sort: 'email' });
    const idOf = new Map(experts.map((e) => [e.id, (e.email as string).replace('@demo.tongban', '')]));
    const draw = (record.snapshot as { draws: { drawn: string[]; recused: string[] }[] }).draws[0]!;
    expect(draw.recused.map((id) => idOf.get(id)).sort()).toEqual(['expert-2', 'expert-4']);
    const drawn = draw.drawn.map((id) => idOf.get(id)!);
    expect(drawn).toHaveLength(2);
    expect(drawn.every((e) => ['expert-1', 'expert-3', 'expert-5'].includes(e))).toBe(true);
    expect([...(record.assigned_users as string[])].sort()).toEqual([...draw.drawn].sort());
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` });
    expect(tasks.map((t) => [t.level, t.assignee_user]).sort()).toEqual(draw.drawn.map((id) => ['pool', id]).sort());

    for (const expert of ['expert-1', 'expert-2', 'expert-3', 'expert-4', 'expert-5']) expect(await seesCase(expert, c.id), expert).toBe(drawn.includes(expert));
    expect(await seesCase(drawn[0]!, dibaoCaseId)).toBe(false);
    // The draw stands: a drawn member's task is neither released nor handed to a member not drawn.
    const own = tasks.find((t) => t.assignee_user === draw.drawn[0])!;
    const released = await failure((await server.login(drawn[0]!)).send(`/api/tongban/tasks/${own.id}/release`, { method: 'POST', body: {} }));
    expect([released.status, released.body.code]).toEqual([409, 'drawn_task']);
    const notDrawn = experts.find((e) => !draw.drawn.includes(e.id) && !draw.recused.includes(e.id))!;
    const handed = await failure((await server.login('admin')).send(`/api/tongban/tasks/${own.id}/reassign`, { method: 'POST', body: { userId: notDrawn.id } }));
    expect([handed.status, handed.body.code]).toEqual([409, 'drawn_task']);
    c = (await command(await server.login(drawn[0]!), c, 'approve')).case;
    expect(c.outcome).toBe('approved');

    const verdict = await (await server.login('county')).send<{ ok: boolean; replay: { ok: boolean } }>(`/api/tongban/cases/${c.id}/verify`, {});
    expect(verdict).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('never draws an expert the 近亲属 register names for the person the case is about', async () => {
    // The same process with a form whose 法定代表人 ID number the register is checked against.
    const withForm = { ...definition, key: 'org-review-register-probe' };
    const formSchema = {
      type: 'object',
      properties: {
        organisation: {
          type: 'object',
          properties: {
            supervisorUnit: { type: 'string', 'x-org-unit': { kind: 'supervisory_unit' } },
            creditCode: { type: 'string' },
            legalRepIdNumber: { type: 'string', format: 'cn-id-card', 'x-mask': 'id-card' },
          },
        },
      },
    };
    await su.collection('workflow_definitions').create({ key: withForm.key, version: 1, status: 'published', name: withForm.name, definition: withForm, form_schema: formSchema });
    const experts = await su.collection('users').getFullList({ filter: `org_unit = "${unit.expert_pool}"`, sort: 'email' });
    const idOf = (name: string) => experts.find((e) => e.email === `${name}@demo.tongban`)!.id;
    const legalRep = freshIdNumber();
    await su.collection('staff_relatives').create({ staff: idOf('expert-1'), relative_name: '周某', relative_id_hash: createHash('sha256').update(legalRep.toUpperCase()).digest('hex') });

    const a1 = await server.login('applicant-a1');
    const organisation = { supervisorUnit: unit.supervisory_unit!, creditCode: demoExpertAffiliations.socialWorkCentre, legalRepIdNumber: legalRep };
    const opened = await a1.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: withForm.key, commandId: randomUUID(), data: { organisation } } });
    let c = (await command(a1, opened.case, 'submit')).case;
    c = (await command(await server.login('education'), c, 'approve')).case;
    c = (await command(await server.login('dpf'), c, 'approve')).case;
    const draw = ((await su.collection('applications').getOne(c.id)).snapshot as { draws: { drawn: string[]; recused: string[] }[] }).draws[0]!;
    // Expert 1 by the register, experts 2 and 4 by their affiliation: 3 and 5 are the only ones left.
    expect([...draw.recused].sort()).toEqual(['expert-1', 'expert-2', 'expert-4'].map(idOf).sort());
    expect([...draw.drawn].sort()).toEqual(['expert-3', 'expert-5'].map(idOf).sort());
    expect(await seesCase('expert-1', c.id)).toBe(false);
  });
});
