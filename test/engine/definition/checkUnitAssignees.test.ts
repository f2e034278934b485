import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, validateDefinition, type Assignee, type WorkflowDefinition } from '../../../engine/index.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const withAssignee = (assignee: Assignee): WorkflowDefinition => ({
  key: 'beside-chain',
  version: 1,
  name: '测试',
  initial: 'review',
  steps: {
    review: { type: 'task', name: '审查', assignee, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
    done: { type: 'final', name: '通过', outcome: 'approved' },
  },
});
const form = { fields: ['/organisation/supervisorUnit', '/organisation/creditCode'], sensitive: [] };

describe('checkDefinition on assignees beside the chain', () => {
  it('accepts a department kind, a unit the form names and a pool draw the org tree can supply', () => {
    expect(checkDefinition(withAssignee({ department: 'disabled_persons_federation' }))).toEqual([]);
    expect(checkDefinition(withAssignee({ unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } }), undefined, form)).toEqual([]);
    expect(checkDefinition(withAssignee({ pool: { kind: 'expert_pool', draw: 5, recuseAffiliationsFrom: ['/organisation/creditCode'] } }), { levels: ['county'], poolSizes: { expert_pool: 5 } }, form)).toEqual([]);
  });

  it('refuses an unknown department kind, and a kind the org tree lacks', () => {
    expect(checkDefinition(withAssignee({ department: 'space_agency' }))).toEqual([
      { path: '/steps/review/assignee/department', message: '未知的单位类型“space_agency”，可用的有：disabled_persons_federation、registration_authority、supervisory_unit、assessor、expert_pool。' },
    ]);
    expect(checkDefinition(withAssignee({ department: 'assessor' }), { levels: ['county'], kinds: ['disabled_persons_federation'] })).toEqual([
      { path: '/steps/review/assignee/department', message: '组织架构中没有第三方评估机构（assessor），无法确定办理人。' },
    ]);
  });

  it('refuses a pool named as a department and a department drawn as a pool', () => {
    expect(checkDefinition(withAssignee({ department: 'expert_pool' })).map((p) => p.message)).toEqual(['专家库是抽取成员的库，请用 pool 指定抽取人数。']);
    expect(checkDefinition(withAssignee({ pool: { kind: 'supervisory_unit', draw: 1 } })).map((p) => p.message)).toEqual(['业务主管单位不是可抽取成员的库，请用 department 或 unitFrom。']);
  });

  it('refuses a unitFrom or recusal path that is not a field of the form', () => {
    expect(checkDefinition(withAssignee({ unitFrom: { path: '/organisation/supervisor', kind: 'supervisory_unit' } }), undefined, form)).toEqual([
      { path: '/steps/review/assignee/unitFrom/path', message: '表单中没有字段“/organisation/supervisor”。' },
    ]);
    expect(checkDefinition(withAssignee({ pool: { kind: 'expert_pool', draw: 1, recuseAffiliationsFrom: ['/applicant/employer'] } }), undefined, form)).toEqual([
      { path: '/steps/review/assignee/pool/recuseAffiliationsFrom/0', message: '表单中没有字段“/applicant/employer”。' },
    ]);
  });

  it('refuses a pool smaller than the draw', () => {
    expect(checkDefinition(withAssignee({ pool: { kind: 'expert_pool', draw: 7 } }), { levels: ['county'], poolSizes: { expert_pool: 5 } })).toEqual([
      { path: '/steps/review/assignee/pool/draw', message: '专家库最少只有 5 名成员，不足抽取的 7 人。' },
    ]);
  });

  it('refuses two ways of routing at once, and roles or groups on a pool draw', () => {
    expect(checkDefinition(withAssignee({ level: 'county', department: 'assessor' }))).toEqual([
      { path: '/steps/review/assignee', message: '办理人只能指定 level、department、unitFrom、pool 之一（此处有 level、department）。' },
    ]);
    expect(checkDefinition(withAssignee({ pool: { kind: 'expert_pool', draw: 2 }, mode: 'all', group: ['a', 'b'] })).map((p) => p.path)).toEqual(['/steps/review/assignee/pool']);
  });
});

describe('the shape of assignees beside the chain', () => {
  const good: Assignee[] = [
    { department: 'disabled_persons_federation', role: 'rehab_officer' },
    { unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } },
    { pool: { kind: 'expert_pool', draw: 3, recuseAffiliationsFrom: ['/organisation/creditCode'] } },
  ];
  const bad: [string, unknown][] = [
    ['two routings', { level: 'county', pool: { kind: 'expert_pool', draw: 1 } }],
    ['a pool without a draw', { pool: { kind: 'expert_pool' } }],
    ['a draw of none', { pool: { kind: 'expert_pool', draw: 0 } }],
    ['a role on a pool', { pool: { kind: 'expert_pool', draw: 1 }, role: 'x' }],
    ['a unitFrom without a pointer', { unitFrom: { path: 'organisation', kind: 'supervisory_unit' } }],
    ['a resolver beside the chain', { department: 'assessor', resolver: 'x' }],
    ['an unknown unitFrom property', { unitFrom: { path: '/a', kind: 'assessor', from: 'x' } }],
  ];

  it('is accepted by validateDefinition and the JSON schema alike', () => {
    for (const a of good) {
      expect(validateDefinition(withAssignee(a)), JSON.stringify(a)).toEqual([]);
      expect(schemaValidate(withAssignee(a)), JSON.stringify(a)).toBe(true);
    }
  });

  for (const [what, a] of bad) {
    it(`is refused by both when it has ${what}`, () => {
      expect(validateDefinition(withAssignee(a as Assignee)).length).toBeGreaterThan(0);
      expect(schemaValidate(withAssignee(a as Assignee))).toBe(false);
    });
  }

  it('is refused on an action, whose assignee names a level only', () => {
    const d = withAssignee({ level: 'county' }) as unknown as { steps: { review: { actions: { approve: Record<string, unknown> } } } };
    d.steps.review.actions.approve.assignee = { department: 'assessor' };
    expect(validateDefinition(d).map((p) => p.path)).toContain('/steps/review/actions/approve/assignee/department');
    expect(schemaValidate(d)).toBe(false);
  });
});
