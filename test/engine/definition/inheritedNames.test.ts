import { describe, expect, it } from 'vitest';
import { checkDefinition, compileWorkflow, DefinitionError, type WorkflowDefinition } from '../../../engine/index.js';

/** Every name a plain object inherits, `__proto__` included. */
const inherited = Object.getOwnPropertyNames(Object.prototype);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = (): Json => ({
  key: 'probe',
  version: 1,
  name: '探针流程',
  parameters: { level: 'township', wait: { days: 1 }, limit: 30, threshold: 1 },
  limit: { workingDays: 30 },
  initial: 'apply',
  steps: {
    apply: {
      type: 'task',
      name: '申请',
      assignee: { level: 'applicant' },
      form: { sections: { a: 'write' } },
      actions: { submit: { kind: 'submit', label: '提交', target: 'review', writes: ['a'] } },
    },
    review: {
      type: 'task',
      name: '审核',
      assignee: { level: 'township', role: 'r' },
      actions: {
        approve: { kind: 'approve', label: '通过', target: [{ when: { path: '/a/x', gt: 1 }, target: 'wait' }, { target: 'wait' }] },
        back: { kind: 'return', label: '退回', returnTo: ['apply'] },
      },
    },
    wait: { type: 'timer', name: '等待', duration: { days: 1 }, onElapsed: 'done', onEnter: [{ effect: 'notify', args: {} }] },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
});

/** Sets an own property, also one named `__proto__` (as JSON.parse would create it). */
const put = (obj: Json, key: string, value: unknown) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

/** Puts `name` into one slot of the definition; the JSON path where a problem is expected. */
const slots: Record<string, { at: string; put: (d: Json, name: string) => void }> = {
  'a step name': { at: '/steps/', put: (d, n) => { const done = d.steps.done; delete d.steps.done; put(d.steps, n, done); d.steps.wait.onElapsed = n; } },
  'an action name': { at: '/steps/review/actions/', put: (d, n) => { const a = d.steps.review.actions.approve; delete d.steps.review.actions.approve; put(d.steps.review.actions, n, a); } },
  'the initial step': { at: '/initial', put: (d, n) => { d.initial = n; } },
  'a target': { at: '/steps/apply/actions/submit/target', put: (d, n) => { d.steps.apply.actions.submit.target = n; } },
  'a route target': { at: '/steps/review/actions/approve/target/0/target', put: (d, n) => { d.steps.review.actions.approve.target[0].target = n; } },
  'a return target': { at: '/steps/review/actions/back/returnTo/0', put: (d, n) => { d.steps.review.actions.back.returnTo = [n]; } },
  'a timer target': { at: '/steps/wait/onElapsed', put: (d, n) => { d.steps.wait.onElapsed = n; } },
  'a guard': { at: '/steps/review/actions/approve/guard', put: (d, n) => { d.steps.review.actions.approve.guard = { guard: n }; } },
  'an effect': { at: '/steps/wait/onEnter/0/effect', put: (d, n) => { d.steps.wait.onEnter[0].effect = n; } },
  'a resolver': { at: '/steps/review/assignee/resolver', put: (d, n) => { d.steps.review.assignee.resolver = n; } },
  'a parameter name': { at: '/parameters/', put: (d, n) => { put(d.parameters, n, 1); } },
  'the parameter of a level': { at: '/steps/review/assignee/level', put: (d, n) => { d.steps.review.assignee.level = { param: n }; } },
  'the parameter of a duration': { at: '/steps/wait/duration', put: (d, n) => { d.steps.wait.duration = { param: n }; } },
  'the parameter of the limit': { at: '/limit/workingDays', put: (d, n) => { d.limit.workingDays = { param: n }; } },
  'the parameter of a comparison': { at: '/steps/review/actions/approve/target/0/when/gt', put: (d, n) => { d.steps.review.actions.approve.target[0].when.gt = { param: n }; } },
  'a written section': { at: '/steps/apply/actions/submit/writes/0', put: (d, n) => { d.steps.apply.actions.submit.writes = [n]; } },
  'a form section': { at: '/steps/apply/form/sections/', put: (d, n) => { put(d.steps.apply.form.sections, n, 'write'); } },
};

describe('names every object inherits, in a definition', () => {
  it('leave the probe definition itself clean', () => {
    expect(checkDefinition(base() as WorkflowDefinition)).toEqual([]);
  });

  for (const [slot, { at, put: place }] of Object.entries(slots)) {
    it(`are refused as ${slot}, with a Chinese message at its path, by the check and by compiling`, () => {
      for (const name of inherited) {
        const d = base();
        place(d, name);
        const problems = checkDefinition(d as WorkflowDefinition);
        expect(problems, `${slot} = ${name}`).not.toEqual([]);
        expect(problems.some((p) => p.path.startsWith(at) && /[\u4e00-\u9fff]/.test(p.message)), `${slot} = ${name}: ${JSON.stringify(problems)}`).toBe(true);
        expect(() => compileWorkflow(d as WorkflowDefinition), `${slot} = ${name}`).toThrow(DefinitionError);
      }
    });
  }
});
