import { describe, expect, it } from 'vitest';
import { checkDefinition, type WorkflowDefinition } from '../../../engine/index.js';

function def(steps: WorkflowDefinition['steps'], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { key: 'test', version: 1, name: '测试流程', initial: 'a', steps, ...extra };
}
const task = (target: string, extra: object = {}) => ({ type: 'task' as const, name: `步骤${target}`, assignee: { level: 'township' as const }, actions: { go: { kind: 'approve' as const, label: '同意', target } }, ...extra });
const end = { type: 'final' as const, name: '结束', outcome: 'approved' as const };
const timer = (duration: unknown) => ({ type: 'timer' as const, name: '公示', duration: duration as never, onElapsed: 'done' });
const chinese = /[\u4e00-\u9fff]/;

describe('the checker on values a definition gives', () => {
  it('refuses a timer whose duration parameter is missing or not a positive count', () => {
    const withNotice = (publicNotice: unknown) => checkDefinition(def({ a: task('t'), t: timer({ param: 'publicNotice' }), done: end }, publicNotice === undefined ? {} : { parameters: { publicNotice } as never }));
    expect(withNotice({ days: 7 })).toEqual([]);
    expect(withNotice(7)).toEqual([]);
    for (const wrong of [undefined, 0, -3, 1.5, '7', { days: 0 }, { days: '7' }, {}, [7]]) {
      const problems = withNotice(wrong);
      expect(problems.map((p) => p.path), JSON.stringify(wrong)).toEqual(['/steps/t/duration']);
      expect(problems[0]!.message).toMatch(chinese);
    }
  });

  it('refuses a timer counting days through a parameter that is missing', () => {
    const problems = checkDefinition(def({ a: task('t'), t: timer({ days: { param: 'noticeDays' } }), done: end }));
    expect(problems.map((p) => p.path)).toEqual(['/steps/t/duration/days']);
  });

  it('refuses booleans written as strings', () => {
    const problems = checkDefinition(def({ a: task('t', { pausesClock: 'false', recusal: 'true' }), t: { ...timer({ days: 7 }), pausesClock: 'false' as never }, done: end }));
    expect(problems.map((p) => p.path)).toEqual(['/steps/a/pausesClock', '/steps/a/recusal', '/steps/t/pausesClock']);
    expect(problems[0]!.message).toContain('true 或 false');
  });

  it('refuses a duty listed twice in a countersign group', () => {
    const problems = checkDefinition(def({ a: task('b', { assignee: { level: 'township', mode: 'all', group: ['director', 'clerk', 'director'] } }), b: end }));
    expect(problems).toEqual([{ path: '/steps/a/assignee/group/2', message: expect.stringContaining('重复') }]);
  });

  it('refuses action names of a step that differ only in case', () => {
    const problems = checkDefinition(def({ a: task('b', { actions: { approve: { kind: 'approve', label: '同意', target: 'b' }, Approve: { kind: 'approve', label: '同意', target: 'b' } } }), b: end }));
    expect(problems).toEqual([{ path: '/steps/a/actions/Approve', message: expect.stringContaining('大小写') }]);
  });
});
