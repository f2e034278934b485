import { describe, expect, it } from 'vitest';
import { checkDefinition, type WorkflowDefinition } from '../../../engine/index.js';

function def(steps: WorkflowDefinition['steps'], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { key: 'test', version: 1, name: '测试流程', initial: 'a', steps, ...extra };
}
const task = (target: string, extra: object = {}) => ({ type: 'task' as const, name: `步骤${target}`, assignee: { level: 'township' as const }, actions: { go: { kind: 'approve' as const, label: '同意', target } }, ...extra });
const end = { type: 'final' as const, name: '结束', outcome: 'approved' as const };
const choice = (name: string, routes: { when?: object; target: string }[]) => ({ type: 'choice' as const, name, target: routes as never });
const chinese = /[\u4e00-\u9fff]/;

describe('the checker on the step graph', () => {
  it('refuses a cycle no step of which can reach a final step', () => {
    const problems = checkDefinition(def({ a: task('b'), b: task('c'), c: task('b'), d: end }, { initial: 'a' }));
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/steps/a', '/steps/b', '/steps/c']));
    for (const p of problems.filter((q) => q.path !== '/steps/d')) expect(p.message).toMatch(chinese);
    expect(problems.find((p) => p.path === '/steps/b')?.message).toContain('结束步骤');
  });

  it('accepts a cycle that has a way out', () => {
    const back = { ...task('c'), actions: { go: { kind: 'approve' as const, label: '同意', target: 'c' }, redo: { kind: 'return' as const, label: '退回', returnTo: ['a'] } } };
    expect(checkDefinition(def({ a: task('b'), b: back, c: end }))).toEqual([]);
  });

  it('refuses two choice steps routing to each other', () => {
    const d = def({ a: task('x'), x: choice('分支甲', [{ when: { flag: 'relativeFiling' }, target: 'y' }, { target: 'done' }]), y: choice('分支乙', [{ when: { flag: 'relativeFiling' }, target: 'x' }, { target: 'done' }]), done: end });
    const problems = checkDefinition(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toMatch(/^\/steps\/[xy]\/target\/0\/target$/);
    expect(problems[0]!.message).toContain('互相路由');
  });

  it('refuses a choice without a default route', () => {
    const d = def({ a: task('x'), x: choice('分支', [{ when: { flag: 'relativeFiling' }, target: 'done' }]), done: end });
    expect(checkDefinition(d)).toEqual([{ path: '/steps/x/target', message: expect.stringContaining('默认路由') }]);
  });

  it('refuses a choice as the first step', () => {
    const d = def({ x: choice('分支', [{ target: 'done' }]), done: end }, { initial: 'x' });
    expect(checkDefinition(d)).toEqual([{ path: '/initial', message: expect.stringContaining('起始步骤不能是分支步骤') }]);
  });

  it('checks the deadlines of a 40-step branching ladder in well under a second', () => {
    const steps: WorkflowDefinition['steps'] = {};
    for (let i = 0; i < 40; i++) {
      const next = i === 39 ? 'done' : `s${i + 1}`;
      const skip = i >= 38 ? 'done' : `s${i + 2}`;
      steps[`s${i}`] = { ...task(next, { deadline: { workingDays: 1 } }), actions: { go: { kind: 'approve', label: '同意', target: next }, skip: { kind: 'approve', label: '跳过', target: skip } } };
    }
    steps.done = end;
    const started = performance.now();
    const problems = checkDefinition(def(steps, { initial: 's0', limit: { workingDays: 30 } }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(problems).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('最多可达 40 个工作日') }]);
  });

  it('still finds the longest deadline chain through a loop of forward routes, as before', () => {
    // start → x | y, x ⇄ y, x → w → done: the longest chain with no step twice is start, y, x, w (1 + 10 + 10 + 15).
    const two = (name: string, first: string, second: string, workingDays: number) => ({ ...task(first, { deadline: { workingDays } }), name, actions: { go: { kind: 'approve' as const, label: '同意', target: first }, other: { kind: 'submit' as const, label: '另办', target: second } } });
    const steps = { start: two('开始', 'x', 'y', 1), x: two('甲', 'y', 'w', 10), y: two('乙', 'x', 'done', 10), w: task('done', { name: '丙', deadline: { workingDays: 15 } }), done: end };
    const problems = checkDefinition(def(steps, { initial: 'start', limit: { workingDays: 30 } }));
    expect(problems).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('最多可达 36 个工作日（开始 → 乙 → 甲 → 丙）') }]);
  });

  it('checks a chain of 10,000 steps without overflowing the stack', () => {
    const steps: WorkflowDefinition['steps'] = {};
    for (let i = 0; i < 10000; i++) steps[`s${i}`] = task(i === 9999 ? 'done' : `s${i + 1}`, { deadline: { workingDays: 1 } });
    steps.done = end;
    const problems = checkDefinition(def(steps, { initial: 's0', limit: { workingDays: 20000 } }));
    expect(problems).toEqual([]);
  });

  it('refuses conditions nested 10,000 deep with a path, not a stack trace', () => {
    let when: object = { flag: 'relativeFiling' };
    for (let i = 0; i < 10000; i++) when = { not: when };
    const d = def({ a: task('x'), x: choice('分支', [{ when, target: 'done' }, { target: 'done' }]), done: end });
    const problems = checkDefinition(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toMatch(/^\/steps\/x\/target\/0\/when(\/not)+$/);
    expect(problems[0]!.message).toContain('嵌套');
  });
});
