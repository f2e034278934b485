import { describe, expect, it } from 'vitest';
import { checkDefinition, type WorkflowDefinition } from '../../../engine/index.js';

function def(steps: WorkflowDefinition['steps'], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { key: 'test', version: 1, name: '测试流程', initial: 'a', steps, ...extra };
}
const task = (target: string, extra: object = {}) => ({ type: 'task' as const, name: `步骤${target}`, assignee: { level: 'township' as const }, actions: { go: { kind: 'approve' as const, label: '同意', target } }, ...extra });
const end = { type: 'final' as const, name: '结束', outcome: 'approved' as const };
const paths = (d: WorkflowDefinition) => checkDefinition(d).map((p) => p.path);

describe('checkDefinition', () => {
  it('accepts a sound definition', () => {
    expect(checkDefinition(def({ a: task('b'), b: end }))).toEqual([]);
  });

  it('reports shape problems with their paths before anything else', () => {
    expect(paths({ key: 'Bad Key', steps: {} } as unknown as WorkflowDefinition)).toEqual(['/key', '/version', '/name', '/initial', '/steps']);
  });

  it('finds undefined targets', () => {
    expect(paths(def({ a: task('nowhere'), b: end }))).toContain('/steps/a/actions/go/target');
  });

  it('lets a document be issued only by the township or the county, directly or through a parameter', () => {
    const issuedBy = (issuer: unknown, parameters = {}) => paths(def({ a: task('b'), b: { ...end, onEnter: [{ effect: 'renderDocument', args: { template: 'test/notice', issuer } as never }] } }, { parameters }));
    expect(issuedBy('township')).toEqual([]);
    expect(issuedBy({ param: 'who' }, { who: 'county' })).toEqual([]);
    for (const wrong of ['village', 'applicant', { param: 'missing' }, 7]) expect(issuedBy(wrong), JSON.stringify(wrong)).toEqual(['/steps/b/onEnter/0/args/issuer']);
  });

  it('finds unreachable steps', () => {
    expect(checkDefinition(def({ a: task('b'), b: end, orphan: task('b') }))).toContainEqual({ path: '/steps/orphan', message: '步骤“步骤b”从起始步骤无法到达。' });
  });

  it('finds dead ends', () => {
    const d = def({ a: task('b'), b: { type: 'timer', name: '等待', duration: { days: 1 }, onElapsed: [] as never } });
    expect(paths(d)).toContain('/steps/b/onElapsed');
  });

  it('finds assignees the org tree cannot resolve', () => {
    expect(paths(def({ a: task('b'), b: end }, {}))).toEqual([]);
    expect(checkDefinition(def({ a: task('b'), b: end }), { levels: ['county'] })).toContainEqual({ path: '/steps/a/assignee/level', message: '组织架构中没有“township”层级，无法确定办理人。' });
    expect(paths(def({ a: task('b', { assignee: { level: 'county', resolver: 'noSuchResolver' } }), b: end }))).toContain('/steps/a/assignee/resolver');
    expect(paths(def({ a: task('b', { assignee: { level: 'county', resolver: 'confirmingAuthority' } }), b: end }))).toEqual([]);
    const byParam = def({ a: task('b', { assignee: { level: { param: 'who' } } }), b: end });
    expect(paths(byParam)).toContain('/steps/a/assignee/level');
  });

  it('finds unregistered guards and effects', () => {
    const d = def({ a: task('b', { actions: { go: { kind: 'approve', label: '同意', target: [{ when: { guard: 'noSuchGuard' }, target: 'b' }, { target: 'b' }], effects: [{ effect: 'noSuchEffect' }] } } }), b: end });
    expect(paths(d)).toEqual(expect.arrayContaining(['/steps/a/actions/go/target/0/when/guard', '/steps/a/actions/go/effects/0/effect']));
  });

  it('finds revealed fields that are not sensitive fields of the form, given the form', () => {
    const form = { fields: ['/applicant', '/applicant/idNumber', '/applicant/note', '/household/members/*/idNumber'], sensitive: ['/applicant/idNumber', '/household/members/*/idNumber'] };
    const d = def({ a: task('b', { form: { sections: { applicant: 'read' }, reveal: ['/household/members/*/idNumber', '/applicant/nothing', '/applicant/note'] } }), b: end });
    expect(checkDefinition(d, undefined, form)).toEqual([
      { path: '/steps/a/form/reveal/1', message: '表单中没有字段“/applicant/nothing”。' },
      { path: '/steps/a/form/reveal/2', message: '字段“/applicant/note”不是敏感字段（未标注 x-mask），无需揭示。' },
    ]);
    expect(checkDefinition(d)).toEqual([]);
  });

  it('finds a default route that is not last', () => {
    const d = def({ a: task('b', { actions: { go: { kind: 'approve', label: '同意', target: [{ target: 'b' }, { when: { flag: 'x' }, target: 'b' }] } } }), b: end });
    expect(paths(d)).toContain('/steps/a/actions/go/target/0');
  });

  it('finds per-step deadlines that cannot fit the overall limit', () => {
    const d = def({ a: task('b', { deadline: { workingDays: 20 } }), b: task('c', { deadline: { workingDays: 15 } }), c: end }, { limit: { workingDays: 30 } });
    const problems = checkDefinition(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '/limit/workingDays' });
    expect(problems[0]!.message).toContain('35 个工作日');
  });

  it('requires a mandatory comment kind to exist only where it makes sense: extend needs an extended limit', () => {
    const d = def({ a: task('b', { actions: { go: { kind: 'approve', label: '同意', target: 'b' }, ext: { kind: 'extend', label: '延长' } } }), b: end }, { limit: { workingDays: 30 } });
    expect(paths(d)).toContain('/steps/a/actions/ext');
  });
});
