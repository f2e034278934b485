import { describe, expect, it } from 'vitest';
import {
  compileWorkflow,
  createWorkingCalendar,
  decide,
  startCase,
  type Actor,
  type CaseSnapshot,
  type Decision,
  type JsonValue,
  type OrgDirectory,
  type WorkflowDefinition,
} from '../../../engine/index.js';

/** An organisation's application: the 县残联 looks first, then the 业务主管单位 it names, then two drawn experts. */
const definition: WorkflowDefinition = {
  key: 'beside-chain',
  version: 1,
  name: '行政层级之外的办理单位',
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'federation', writes: ['organisation'] } } },
    federation: { type: 'task', name: '残联初审', assignee: { department: 'disabled_persons_federation' }, actions: { approve: { kind: 'approve', label: '同意', target: 'supervisor' } } },
    supervisor: { type: 'task', name: '业务主管单位审查', assignee: { unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } }, actions: { approve: { kind: 'approve', label: '同意', target: 'experts' } } },
    experts: {
      type: 'task',
      name: '专家评审',
      assignee: { pool: { kind: 'expert_pool', draw: 2, recuseAffiliationsFrom: ['/organisation/creditCode'] } },
      actions: { approve: { kind: 'approve', label: '推荐', target: 'done' } },
    },
    done: { type: 'final', name: '通过', outcome: 'approved' },
  },
};

const orgCode = '52320685MJ0000017E';
const directory: OrgDirectory = {
  units: [
    { id: 'dpf', kind: 'disabled_persons_federation', name: '海安市残疾人联合会' },
    { id: 'edu', kind: 'supervisory_unit', name: '海安市教育体育局' },
    { id: 'sci', kind: 'supervisory_unit', name: '海安市科学技术局' },
    { id: 'pool', kind: 'expert_pool', name: '海安市公益创投评审专家库' },
  ],
  members: { pool: [{ id: 'e1' }, { id: 'e2', affiliation: orgCode }, { id: 'e3' }, { id: 'e4' }, { id: 'e5', affiliation: 'other' }] },
  seed: 'command-1',
};

const officer = (id: string, unit: string): Actor => ({ id, kind: 'officer', roles: [], orgUnit: { id: unit, level: 'department', path: ['c1', unit] } });
const applicant: Actor = { id: 'u-org', kind: 'applicant', roles: [], orgUnit: { id: 'va1', level: 'village', path: ['c1', 'ta', 'va1'] } };
const wf = compileWorkflow(definition);
const calendar = createWorkingCalendar();
const at = new Date('2026-03-02T02:00:00Z');

/** A case of the definition, driven with `org` as the injected directory. */
function caseWith(org: OrgDirectory | undefined, data: Record<string, JsonValue>, recusedActors: string[] = []) {
  let snapshot: CaseSnapshot = startCase(wf, { applicant: applicant.id, org: { village: 'va1', township: 'ta', county: 'c1' } }, at, { calendar, data }).snapshot;
  return {
    get snapshot() { return snapshot; },
    send(actor: Actor, action: string): Decision {
      const d = decide(wf, snapshot, actor, { action, version: snapshot.version, commandId: `c${snapshot.version}` }, at, { calendar, data, recusedActors, ...(org ? { org } : {}) });
      if (d.ok) snapshot = d.snapshot;
      return d;
    },
  };
}
const refusal = (d: Decision) => (d.ok ? undefined : d.rejection);

describe('assignees beside the administrative chain', () => {
  const data = { organisation: { supervisorUnit: 'edu', creditCode: orgCode } };

  it('routes a department kind to the one unit of that kind in the case county, whose officers alone act', () => {
    const c = caseWith(directory, data);
    c.send(applicant, 'submit');
    expect(c.snapshot.tasks).toEqual([{ key: 'federation#1', step: 'federation', level: 'department', assigneeUnit: 'dpf', mode: 'single' }]);
    expect(refusal(c.send(officer('u-edu', 'edu'), 'approve'))?.code).toBe('not_your_task');
    expect(c.send(officer('u-dpf', 'dpf'), 'approve').ok).toBe(true);
  });

  it('refuses to move a case into a department step when the county has no unit of that kind', () => {
    const c = caseWith({ ...directory, units: directory.units.filter((u) => u.kind !== 'disabled_persons_federation') }, data);
    expect(refusal(c.send(applicant, 'submit'))).toEqual({ code: 'not_allowed', message: '本县（市、区）没有残疾人联合会，无法指派此步骤。' });
    expect(c.snapshot.step).toBe('apply');
  });

  it('routes to the 业务主管单位 the form names, once it is one of that kind in the county', () => {
    const c = caseWith(directory, data);
    c.send(applicant, 'submit');
    c.send(officer('u-dpf', 'dpf'), 'approve');
    expect(c.snapshot.tasks.map((t) => [t.level, t.assigneeUnit])).toEqual([['department', 'edu']]);
    expect(refusal(c.send(officer('u-sci', 'sci'), 'approve'))?.code).toBe('not_your_task');
  });

  it('refuses a named unit of another kind or outside the county, at the path of the form field', () => {
    for (const named of ['dpf', 'unit-of-another-county']) {
      const c = caseWith(directory, { organisation: { supervisorUnit: named } });
      c.send(applicant, 'submit');
      expect(refusal(c.send(officer('u-dpf', 'dpf'), 'approve')), named).toEqual({ code: 'invalid_data', message: '所选单位不是本县（市、区）的业务主管单位。', path: '/data/organisation/supervisorUnit' });
      expect(c.snapshot.step).toBe('federation');
    }
  });

  it('draws members from the pool with 回避, gives each drawn member a task and records the draw', () => {
    const c = caseWith(directory, data, ['e3']);
    c.send(applicant, 'submit');
    c.send(officer('u-dpf', 'dpf'), 'approve');
    c.send(officer('u-edu', 'edu'), 'approve');
    const draw = c.snapshot.draws?.[0];
    // e2 belongs to the applicant organisation and e3 is on the 近亲属 register: neither may be drawn.
    expect(draw?.recused).toEqual(['e2', 'e3']);
    expect(draw?.drawn).toHaveLength(2);
    expect(draw?.drawn.some((id) => id === 'e2' || id === 'e3')).toBe(false);
    expect(c.snapshot.tasks.map((t) => [t.level, t.assigneeUser])).toEqual(draw!.drawn.map((id) => ['pool', id]));
    const notDrawn = ['e1', 'e4', 'e5'].find((id) => !draw!.drawn.includes(id))!;
    expect(refusal(c.send(officer(notDrawn, 'pool'), 'approve'))?.message).toBe('此评议任务属于另一位评议成员。');
    expect(c.send(officer(draw!.drawn[1]!, 'pool'), 'approve').ok).toBe(true);
    expect(c.snapshot.outcome).toBe('approved');
  });

  it('draws the same members again from the same directory, so replay is exact', () => {
    const drawn = () => {
      const c = caseWith(directory, data);
      c.send(applicant, 'submit');
      c.send(officer('u-dpf', 'dpf'), 'approve');
      c.send(officer('u-edu', 'edu'), 'approve');
      return c.snapshot;
    };
    expect(drawn()).toEqual(drawn());
  });

  it('refuses to enter a pool step when too few members remain after 回避', () => {
    const c = caseWith(directory, data, ['e1', 'e3', 'e4']);
    c.send(applicant, 'submit');
    c.send(officer('u-dpf', 'dpf'), 'approve');
    expect(refusal(c.send(officer('u-edu', 'edu'), 'approve'))).toEqual({ code: 'not_allowed', message: '海安市公益创投评审专家库：库中可抽取的成员只有 1 人（回避 4 人），不足 2 人。' });
  });

  it('cannot route beside the chain without a directory', () => {
    const c = caseWith(undefined, data);
    expect(refusal(c.send(applicant, 'submit'))?.message).toBe('缺少组织目录，无法指派此步骤。');
  });
});
