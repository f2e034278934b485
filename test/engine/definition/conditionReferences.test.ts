import { describe, expect, it } from 'vitest';
import { checkDefinition, type FormFieldSummary, type WorkflowDefinition } from '../../../engine/index.js';

function def(steps: WorkflowDefinition['steps']): WorkflowDefinition {
  return { key: 'test', version: 1, name: '测试流程', initial: 'a', steps };
}
const end = { type: 'final' as const, name: '结束', outcome: 'approved' as const };
const routedOn = (when: object, effects: object[] = []) => def({
  a: { type: 'task', name: '受理', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: [{ when: when as never, target: 'b' }, { target: 'b' }], effects: effects as never } } },
  b: end,
});
const form: FormFieldSummary = { fields: ['/household', '/household/members', '/household/members/*', '/household/members/*/age', '/acceptance', '/acceptance/relativeFiling'], sensitive: [] };

describe('the checker on what conditions read', () => {
  it('refuses a flag no effect raises, such as a lookalike letter in relativeFiling', () => {
    const problems = checkDefinition(routedOn({ flag: 'relatіveFiling' }));
    expect(problems).toEqual([{ path: '/steps/a/actions/go/target/0/when/flag', message: expect.stringContaining('没有任何效果会设置标记“relatіveFiling”') }]);
  });

  it('accepts the built-in relativeFiling flag and a flag an effect of the definition raises', () => {
    expect(checkDefinition(routedOn({ flag: 'relativeFiling' }))).toEqual([]);
    expect(checkDefinition(routedOn({ any: [{ flag: 'urgent' }] }, [{ effect: 'flagFromData', args: { path: '/acceptance/relativeFiling', flag: 'urgent' } }]))).toEqual([]);
  });

  it('refuses a condition path that is not a field of the form, when the form is known', () => {
    expect(checkDefinition(routedOn({ not: { path: '/household/income', gt: 5 } }), undefined, form)).toEqual([{ path: '/steps/a/actions/go/target/0/when/not/path', message: expect.stringContaining('/household/income') }]);
    expect(checkDefinition(routedOn({ path: '/household/members/0/age', gt: 5 }), undefined, form)).toEqual([]);
    expect(checkDefinition(routedOn({ path: '/household/members', length: { gt: 2 } }), undefined, form)).toEqual([]);
    expect(checkDefinition(routedOn({ path: '/household/income', gt: 5 }))).toEqual([]);
  });
});
