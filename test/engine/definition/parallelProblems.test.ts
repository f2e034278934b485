import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, compileWorkflow, validateDefinition, type ParallelStep, type WorkflowDefinition } from '../../../engine/index.js';
import { parallelDefinition, parallelVariant } from '../../support/parallelDefinition.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const review = parallelDefinition.steps.review as ParallelStep;
const { dpf, civil } = review.branches as Required<ParallelStep['branches']> & { dpf: ParallelStep['branches'][string]; civil: ParallelStep['branches'][string] };

/** The definition with the review step's parts replaced (JSON-shaped, as an administrator writes it). */
const withReview = (change: Record<string, unknown>): WorkflowDefinition => ({ ...parallelDefinition, steps: { ...parallelDefinition.steps, review: { ...review, ...change } as ParallelStep } });
const paths = (def: WorkflowDefinition) => checkDefinition(def).map((p) => p.path);

describe('the shape of a parallel step', () => {
  it('is valid for the language and the JSON schema alike', () => {
    expect(validateDefinition(parallelDefinition)).toEqual([]);
    expect(schemaValidate(parallelDefinition)).toBe(true);
  });

  it('refuses what the language does not allow, with paths and Chinese messages, as the schema does', () => {
    const cases: [WorkflowDefinition, string][] = [
      [withReview({ join: 'most' }), '/steps/review/join'],
      [withReview({ join: { count: 0 } }), '/steps/review/join'],
      [withReview({ onRefusal: 'stop' }), '/steps/review/onRefusal'],
      [withReview({ branches: { dpf } }), '/steps/review/branches'],
      [withReview({ branches: { dpf, 'civil.x': civil } }), '/steps/review/branches/civil.x'],
      [withReview({ branches: { dpf, verb: civil } }), '/steps/review/branches/verb'],
      [withReview({ branches: { dpf, deadline: civil } }), '/steps/review/branches/deadline'],
      [withReview({ branches: { dpf, civil: { ...civil, actions: { ...civil.actions, approve: { kind: 'approve', label: '通过', target: 'granted' } } } } }), '/steps/review/branches/civil/actions/approve/target'],
      [withReview({ branches: { dpf, civil: { ...civil, actions: { ...civil.actions, extend: { kind: 'extend', label: '延期' } } } } }), '/steps/review/branches/civil/actions/extend/kind'],
      [withReview({ branches: { dpf, civil: { ...civil, assignee: { level: 'county', mode: 'all', group: ['a', 'b'] } } } }), '/steps/review/branches/civil/assignee/mode'],
      [{ ...withReview({}), steps: { ...parallelDefinition.steps, granted: { type: 'choice', name: 'x', target: [{ when: { branch: 'dpf', result: 'maybe' } as never, target: 'partial' }, { target: 'partial' }] } } }, '/steps/granted/target/0/when/result'],
    ];
    for (const [def, at] of cases) {
      const problems = validateDefinition(def);
      expect(problems.map((p) => p.path), at).toContain(at);
      expect(problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
      expect(schemaValidate(def), at).toBe(false);
    }
  });

  it('requires a refusal to name its target exactly when it ends the step', () => {
    const noTarget = withReview({ branches: { dpf, civil: { ...civil, actions: { approve: civil.actions.approve!, reject: { kind: 'reject', label: '不予通过' } } } } });
    expect(validateDefinition(noTarget).map((p) => p.path)).toEqual(['/steps/review/branches/civil/actions/reject/target']);
    const continuing = withReview({ onRefusal: 'continue' });
    expect(validateDefinition(continuing).map((p) => p.path)).toEqual(['/steps/review/branches/dpf/actions/reject/target', '/steps/review/branches/civil/actions/reject/target']);
  });
});

describe('the checker on parallel steps', () => {
  it('refuses a join that needs more branches than there are', () => {
    const problems = checkDefinition(withReview({ join: { count: 3 } }));
    expect(problems).toContainEqual({ path: '/steps/review/join/count', message: '汇合所需的分支数 3 超过分支总数 2：案件永远不会离开此步骤。' });
  });

  it('refuses a route on a branch that does not exist, with the path inside the route', () => {
    const def = withReview({ target: [{ when: { branch: 'dfp', result: 'approved' }, target: 'granted' }, { target: 'partial' }] });
    expect(checkDefinition(def)).toContainEqual({ path: '/steps/review/target/0/when/branch', message: '没有名为“dfp”的分支，不能按其结果路由。' });
  });

  it('refuses a join route on a refusal the join can never see when a refusal ends the step', () => {
    const def = withReview({ target: [{ when: { branch: 'dpf', result: 'rejected' }, target: 'refused' }, { target: 'granted' }] });
    expect(paths(def)).toContain('/steps/review/target/0/when/result');
    expect(paths(parallelVariant({ onRefusal: 'continue' }))).toEqual([]);
  });

  it('refuses two branches writing the same section', () => {
    const def = withReview({ branches: { dpf, civil: { ...civil, form: { sections: { disability: 'write' } } } } });
    expect(checkDefinition(def)).toContainEqual({ path: '/steps/review/branches/civil/form/sections/disability', message: '数据分区“disability”已由分支“dpf”填写：同一分区不能由两个分支同时填写（并行办理会互相覆盖）。' });
  });

  it('refuses a branch key used by two parallel steps, a parallel first step, and unknown targets inside branches', () => {
    const twice: WorkflowDefinition = { ...parallelDefinition, steps: { ...parallelDefinition.steps, granted: { ...review, name: '复核', target: 'partial' } } };
    expect(paths(twice)).toEqual(expect.arrayContaining(['/steps/granted/branches/dpf', '/steps/granted/branches/civil']));
    expect(paths({ ...parallelDefinition, initial: 'review' })).toContain('/steps/review');
    const lost = withReview({ branches: { dpf: { ...dpf, actions: { ...dpf.actions, reject: { kind: 'reject', label: '不予通过', target: 'nowhere' } } }, civil } });
    expect(checkDefinition(lost)).toContainEqual({ path: '/steps/review/branches/dpf/actions/reject/target', message: '目标步骤“nowhere”未定义。' });
    const returns = withReview({ branches: { dpf: { ...dpf, actions: { ...dpf.actions, return: { kind: 'return', label: '退回', returnTo: ['nowhere'] } } }, civil } });
    expect(paths(returns)).toContain('/steps/review/branches/dpf/actions/return/returnTo/0');
    const target = withReview({ target: 'nowhere' });
    expect(paths(target)).toContain('/steps/review/target');
  });

  it('checks branch assignees and deadlines like a task step’s', () => {
    const def = withReview({ branches: { dpf: { ...dpf, assignee: { department: 'no_such_kind' } }, civil: { ...civil, deadline: { workingDays: { param: 'missing' } } } } });
    expect(paths(def)).toEqual(expect.arrayContaining(['/steps/review/branches/dpf/assignee/department', '/steps/review/branches/civil/deadline']));
    const village = withReview({ branches: { dpf, civil: { ...civil, assignee: { level: 'village' } } } });
    expect(checkDefinition(village, { levels: ['township', 'county'] })).toContainEqual({ path: '/steps/review/branches/civil/assignee/level', message: '组织架构中没有“village”层级，无法确定办理人。' });
  });

  it('counts the longest branch deadline against the overall limit', () => {
    const def = { ...parallelDefinition, limit: { workingDays: 4 } };
    expect(checkDefinition(def)).toContainEqual(expect.objectContaining({ path: '/limit/workingDays' }));
    expect(checkDefinition({ ...parallelDefinition, limit: { workingDays: 5 } })).toEqual([]);
  });

  it('refuses at compile time a guard on a branch action that nothing implements, at the branch’s path', () => {
    const def = withReview({ branches: { dpf: { ...dpf, actions: { ...dpf.actions, approve: { ...dpf.actions.approve!, guard: { guard: 'noSuchGuard' } } } }, civil } });
    expect(() => compileWorkflow(def)).toThrow('/steps/review/branches/dpf/actions/approve/guard');
    expect(paths(def)).toContain('/steps/review/branches/dpf/actions/approve/guard/guard');
  });
});
