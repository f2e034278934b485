import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDefinition, validateDefinition, type StepDefinition, type WorkflowDefinition } from '../../../engine/index.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8')) as object;
const schemaAccepts = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

/** 申请 → 村级调查 → 乡镇审核 → 县级审批 → 送达 → 办结, with a 视为撤回 end. */
function definition(patch: (d: WorkflowDefinition) => void = () => {}): WorkflowDefinition {
  const d: WorkflowDefinition = {
    key: 'deadline-check', version: 1, name: '期限检查', initial: 'apply',
    limit: { workingDays: 15 },
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'investigate' }, withdraw: { kind: 'withdraw', label: '撤回', target: 'withdrawn' } } },
      investigate: { type: 'task', name: '调查', assignee: { level: 'village' }, startsClock: true, deadline: { workingDays: 5 }, actions: { done: { kind: 'approve', label: '调查完毕', target: 'review' } } },
      review: { type: 'task', name: '审核', assignee: { level: 'township' }, deadline: { workingDays: 5 }, actions: { pass: { kind: 'approve', label: '通过', target: 'decide' } } },
      decide: { type: 'task', name: '审批', assignee: { level: 'county' }, deadline: { workingDays: 10 }, actions: { approve: { kind: 'approve', label: '批准', target: 'deliver' } } },
      deliver: { type: 'task', name: '送达', assignee: { level: 'township' }, deadline: { workingDays: 3 }, stopsClock: true, actions: { delivered: { kind: 'approve', label: '已送达', target: 'done' } } },
      withdrawn: { type: 'final', name: '视为撤回', outcome: 'withdrawn' },
      done: { type: 'final', name: '办结', outcome: 'approved' },
    },
  };
  patch(d);
  return d;
}
const step = (d: WorkflowDefinition, name: string) => d.steps[name] as Extract<StepDefinition, { type: 'task' }>;

describe('the checker on deadlines that act', () => {
  it('accepts reminders, escalation, a timeout route, a phase and 送达 outside the limit (whose sum would exceed it)', () => {
    const d = definition((d) => {
      step(d, 'investigate').remind = [{ before: { workingDays: 2 } }];
      step(d, 'investigate').onOverdue = { escalate: { deadline: { workingDays: 3 } } };
      step(d, 'apply').deadline = { days: 5 };
      step(d, 'apply').onOverdue = { route: 'withdrawn' };
      d.limit = { workingDays: 25 };
      step(d, 'decide').onOverdue = { reassign: { level: 'county', role: 'director' } };
      d.phases = { inquiry: { name: '调查与审核', steps: ['investigate', 'review'], deadline: { workingDays: 10 }, remind: [{ before: { days: 3 } }] } };
    });
    expect(checkDefinition(d)).toEqual([]);
    expect(schemaAccepts(d)).toBe(true);
  });

  it('accepts a timeout route into an overdue branch of its own (催报, then 补报) that never leads back, and refuses one that does', () => {
    const branch = (leadsBack: boolean) => definition((d) => {
      step(d, 'apply').deadline = { days: 5 };
      step(d, 'apply').onOverdue = { route: 'urge' };
      d.steps.urge = { type: 'task', name: '催报', assignee: { level: 'village' }, actions: { urge: { kind: 'approve', label: '催报', target: leadsBack ? 'apply' : 'withdrawn' } } };
    });
    expect(checkDefinition(branch(false))).toEqual([]);
    expect(checkDefinition(branch(true))).toContainEqual(expect.objectContaining({ path: '/steps/apply/onOverdue/route', message: expect.stringContaining('而会再回到它') }));
  });

  it('counts 送达 against the limit when it does not stop the clock', () => {
    const d = definition((d) => { delete step(d, 'deliver').stopsClock; });
    expect(checkDefinition(d)).toEqual([expect.objectContaining({ path: '/limit/workingDays', message: expect.stringContaining('18 个工作日') })]);
  });

  it.each([
    ['a reminder as early as the deadline', (d: WorkflowDefinition) => { step(d, 'investigate').remind = [{ before: { workingDays: 5 } }]; }, '/steps/investigate/remind/0/before/workingDays', '永远不会发出'],
    ['a reminder on a step without a deadline', (d: WorkflowDefinition) => { step(d, 'apply').remind = [{ before: { days: 1 } }]; }, '/steps/apply/remind', '没有期限'],
    ['a reminder whose parameter is missing', (d: WorkflowDefinition) => { step(d, 'review').remind = [{ before: { workingDays: { param: 'remindDays' } } }]; }, '/steps/review/remind/0/before/workingDays', '参数未定义'],
    ['a timeout route to an unknown step', (d: WorkflowDefinition) => { step(d, 'review').onOverdue = { route: 'nowhere' }; }, '/steps/review/onOverdue/route', '未定义'],
    ['a timeout route back to a step before', (d: WorkflowDefinition) => { step(d, 'review').onOverdue = { route: 'investigate' }; }, '/steps/review/onOverdue/route', '不在“审核”之后'],
    ['a timeout route to the step itself', (d: WorkflowDefinition) => { step(d, 'review').onOverdue = { route: 'review' }; }, '/steps/review/onOverdue/route', '本身'],
    ['an escalation above the county', (d: WorkflowDefinition) => { step(d, 'decide').onOverdue = { escalate: {} }; }, '/steps/decide/onOverdue/escalate', '县级以上'],
    ['an escalation of the applicant', (d: WorkflowDefinition) => { step(d, 'apply').deadline = { days: 5 }; step(d, 'apply').onOverdue = { escalate: {} }; }, '/steps/apply/onOverdue/escalate', '只有村（居）或乡镇'],
    ['a phase naming an unknown step', (d: WorkflowDefinition) => { d.phases = { inquiry: { name: '调查', steps: ['investigate', 'reveiw'], deadline: { workingDays: 10 } } }; }, '/phases/inquiry/steps/1', '未定义'],
    ['a phase whose steps are not contiguous', (d: WorkflowDefinition) => { d.phases = { inquiry: { name: '调查与审批', steps: ['investigate', 'decide'], deadline: { workingDays: 15 } } }; }, '/phases/inquiry/steps/1', '不连续'],
    ['a step in two phases', (d: WorkflowDefinition) => { d.phases = { a: { name: '甲', steps: ['investigate', 'review'], deadline: { workingDays: 10 } }, b: { name: '乙', steps: ['review', 'decide'], deadline: { workingDays: 10 } } }; }, '/phases/b/steps/0', '只能属于一个阶段'],
    ['a phase reminder as early as its deadline', (d: WorkflowDefinition) => { d.phases = { a: { name: '甲', steps: ['investigate', 'review'], deadline: { days: 10 }, remind: [{ before: { workingDays: 10 } }] } }; }, '/phases/a/remind/0/before/workingDays', '永远不会发出'],
    ['a step that stops and starts the clock', (d: WorkflowDefinition) => { step(d, 'investigate').stopsClock = true; }, '/steps/investigate/stopsClock', '不能同时'],
  ])('refuses %s, with its path', (_what, patch, path, message) => {
    const problems = checkDefinition(definition(patch));
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    ['an overdue action with two kinds', (d: WorkflowDefinition) => { (step(d, 'review') as unknown as Record<string, unknown>).onOverdue = { route: 'done', escalate: {} }; }, '/steps/review/onOverdue'],
    ['a reminder in hours', (d: WorkflowDefinition) => { (step(d, 'review') as unknown as Record<string, unknown>).remind = [{ before: { hours: 4 } }]; }, '/steps/review/remind/0/before'],
    ['a switch written as a string', (d: WorkflowDefinition) => { (step(d, 'deliver') as unknown as Record<string, unknown>).stopsClock = 'true'; }, '/steps/deliver/stopsClock'],
    ['reassignment to the applicant', (d: WorkflowDefinition) => { (step(d, 'review') as unknown as Record<string, unknown>).onOverdue = { reassign: { level: 'applicant' } }; }, '/steps/review/onOverdue/reassign/level'],
    ['a phase of one step', (d: WorkflowDefinition) => { d.phases = { a: { name: '甲', steps: ['review'], deadline: { workingDays: 3 } } }; }, '/phases/a/steps'],
    ['reminders on a final step', (d: WorkflowDefinition) => { (d.steps.done as unknown as Record<string, unknown>).remind = [{ before: { days: 1 } }]; }, '/steps/done/remind'],
  ])('refuses the shape of %s, as the schema does', (_what, patch, path) => {
    const d = definition(patch);
    expect(validateDefinition(d).map((p) => p.path)).toContain(path);
    expect(schemaAccepts(d)).toBe(false);
  });

  it('refuses an action named like the deadline commands the sweep sends', () => {
    const d = definition((d) => { step(d, 'review').actions['deadline.overdue'] = { kind: 'approve', label: '逾期', target: 'decide' }; });
    expect(validateDefinition(d)).toContainEqual({ path: '/steps/review/actions/deadline.overdue', message: expect.stringContaining('保留名称') });
    expect(schemaAccepts(d)).toBe(false);
  });
});
