import { describe, expect, it } from 'vitest';
import {
  checkDefinition,
  compileWorkflow,
  createWorkingCalendar,
  DefinitionError,
  startCase,
  UnregisteredNameError,
  type CompiledWorkflow,
  type ProcessModule,
  type WorkflowDefinition,
} from '../../../engine/index.js';
import { evaluateCondition } from '../../../engine/conditions/evaluateCondition.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** A small process `relief` whose review needs an income guard and records an amount by an effect. */
const definition = (overrides: { guard?: string; effect?: string; resolver?: string } = {}): WorkflowDefinition => ({
  key: 'relief',
  version: 1,
  name: '救助测试',
  initial: 'review',
  parameters: { standard: 800 },
  steps: {
    review: {
      type: 'task',
      name: '审核',
      assignee: { level: 'township', ...(overrides.resolver ? { resolver: overrides.resolver } : {}) },
      actions: {
        approve: { kind: 'approve', label: '同意', target: 'granted', guard: { guard: overrides.guard ?? 'relief.poorEnough' }, effects: [{ effect: overrides.effect ?? 'relief.amount' }] },
        reject: { kind: 'reject', label: '不同意', target: 'refused' },
      },
    },
    granted: { type: 'final', name: '给予救助', outcome: 'approved' },
    refused: { type: 'final', name: '不予救助', outcome: 'rejected' },
  },
});

const relief: ProcessModule = {
  key: 'relief',
  guards: { 'relief.poorEnough': ({ data, parameters }) => Number(data.income) < Number(parameters.standard) },
  effects: { 'relief.amount': ({ data, parameters }) => ({ effects: [{ type: 'setData', path: '/decision/amount', value: Number(parameters.standard) - Number(data.income) }] }) },
};

const problemsOf = (f: () => unknown): { path: string; message: string }[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems;
    throw e;
  }
  return [];
};

describe('process modules', () => {
  it('lend their guards and effects to the definition of their own process', () => {
    const wf = compileWorkflow(definition(), { process: relief });
    expect(wf.process).toBe(relief);
    const c = new CaseDriver(wf);
    c.data = { income: 900 };
    expect(c.offers(actors.township)).toEqual(['reject']);
    const decision = c.send(actors.township, 'approve', { data: { income: 300 } });
    expect(decision.ok && decision.effects).toContainEqual({ type: 'setData', path: '/decision/amount', value: 500 });
  });

  it('are checked: without its module a definition naming process code fails the check and does not compile', () => {
    expect(checkDefinition(definition(), undefined, undefined, relief)).toEqual([]);
    expect(checkDefinition(definition())).toEqual([
      { path: '/steps/review/actions/approve/guard/guard', message: '未注册的守卫“relief.poorEnough”。' },
      { path: '/steps/review/actions/approve/effects/0/effect', message: '未注册的效果“relief.amount”。' },
    ]);
    expect(problemsOf(() => compileWorkflow(definition())).map((p) => p.path)).toEqual(['/steps/review/actions/approve/guard/guard', '/steps/review/actions/approve/effects/0/effect']);
    expect(problemsOf(() => compileWorkflow(definition({ resolver: 'relief.nobody' }), { process: relief })).map((p) => p.path)).toEqual(['/steps/review/assignee/resolver']);
  });

  it('belong to one process: a module of another key is refused', () => {
    const other = { ...relief, key: 'other' };
    expect(problemsOf(() => compileWorkflow(definition(), { process: other }))).toContainEqual({ path: '/process/key', message: '流程模块属于“other”，不是此流程“relief”。' });
    expect(checkDefinition(definition(), undefined, undefined, other)).toContainEqual({ path: '/process/key', message: '流程模块属于“other”，不是此流程“relief”。' });
  });

  it('register names only inside their namespace, so a built-in or another process cannot be shadowed', () => {
    const shadowing: ProcessModule = { key: 'relief', effects: { notify: () => ({ effects: [] }), 'other.amount': () => ({ effects: [] }), 'relief.': () => ({ effects: [] }) }, guards: { constructor: () => true } };
    const paths = problemsOf(() => compileWorkflow(definition(), { process: shadowing })).map((p) => p.path);
    expect(paths).toEqual(['/process/guards/constructor', '/process/effects/notify', '/process/effects/other.amount', '/process/effects/relief.']);
  });

  it('declare the programme their recipients hold in the register with a label, a fact group and a status', () => {
    const vague = { ...relief, registerProgramme: { label: '救助', fact: '', status: ' ' } };
    expect(problemsOf(() => compileWorkflow(definition(), { process: vague })).map((p) => p.path)).toEqual(['/process/registerProgramme/fact', '/process/registerProgramme/status']);
    expect(() => compileWorkflow(definition(), { process: { ...relief, registerProgramme: { label: '救助', fact: 'relief', status: '在保' } } })).not.toThrow();
  });

  it('cannot reach a process name through the prototype of the merged registries', () => {
    const wf = compileWorkflow(definition(), { process: relief });
    expect(Object.getPrototypeOf(wf.guards)).toBeNull();
    expect(Object.keys(wf.effects)).toEqual(['renderDocument', 'notify', 'setData', 'setSubjectFact', 'startChildCase', 'decide', 'reachMilestone', 'flagFromData', 'relief.amount']);
  });
});

describe('an unknown name met while a case runs', () => {
  const scope = (wf: CompiledWorkflow) => ({ data: {}, flags: [], parameters: {}, guards: wf.guards });

  it('is a thrown UnregisteredNameError for a guard, never a silent false', () => {
    const wf = compileWorkflow(definition(), { process: relief });
    expect(() => evaluateCondition({ not: { guard: 'relief.missing' } }, scope(wf))).toThrow(UnregisteredNameError);
    expect(() => evaluateCondition({ guard: 'relief.missing' }, scope(wf))).toThrow('未注册的守卫“relief.missing”');
  });

  it('is a thrown UnregisteredNameError for an effect and a resolver', () => {
    const wf = compileWorkflow(definition(), { process: relief });
    const withoutEffect: CompiledWorkflow = { ...wf, effects: Object.create(null) as CompiledWorkflow['effects'] };
    const c = new CaseDriver(withoutEffect);
    expect(() => c.send(actors.township, 'approve', { data: { income: 1 } })).toThrow(expect.objectContaining({ name: 'UnregisteredNameError', kind: 'effect', implementation: 'relief.amount' }));
    const resolved = compileWorkflow(definition({ resolver: 'townshipOrCounty' }), { process: relief });
    const withoutResolver: CompiledWorkflow = { ...resolved, resolvers: Object.create(null) as CompiledWorkflow['resolvers'] };
    expect(() => startCase(withoutResolver, { applicant: 'u', org: { township: 't' } }, new Date(), { calendar: createWorkingCalendar(), data: {} })).toThrow(expect.objectContaining({ kind: 'resolver', implementation: 'townshipOrCounty' }));
  });
});
