import { describe, expect, it } from 'vitest';
import { checkDefinition, childSettledAction, validateDefinition, type Effect, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** A call that starts one application per listed organisation and collects what each reports back. */
const call = (spec: Record<string, unknown> = {}): WorkflowDefinition => ({
  key: 'grant-call', version: 1, name: '资助征集', initial: 'announce',
  starters: [{ kind: 'officer', level: 'county' }],
  steps: {
    announce: { type: 'task', name: '公告', assignee: { level: 'county' }, actions: { publish: { kind: 'submit', label: '发布', writes: ['call'], target: 'collect' } } },
    collect: {
      type: 'children', name: '申报', wait: 'all', onSettled: 'rank',
      start: [{ workflow: 'grant-application', forEach: '/call/orgs', organisationFrom: '/code', passItem: { '/org/name': '/name' }, collect: { into: '/results', values: { title: '/project/title', score: { panel: 'scoring', value: 'average' } } }, ...spec }],
    },
    rank: { type: 'task', name: '排序', assignee: { level: 'county' }, actions: { done: { kind: 'approve', label: '完成', target: 'done' } } },
    done: { type: 'final', name: '结束', outcome: 'approved' },
  },
} as WorkflowDefinition);
const orgs = { call: { orgs: [{ code: '51320685MJ5803Q69E', name: '甲协会' }, { code: '51320685MJ5804K01A', name: '乙促进会' }] } };
const started = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'startChildCase' }> => e.type === 'startChildCase');

describe('children about the organisations an item names, reporting back to the parent', () => {
  it('starts each child about the organisation of its item', () => {
    const c = new CaseDriver(call());
    c.ok(actors.county, 'publish', { data: orgs });
    expect(started(c.effects).map((s) => [s.organisation, s.data['/org/name']])).toEqual([['51320685MJ5803Q69E', '甲协会'], ['51320685MJ5804K01A', '乙促进会']]);
  });

  it('refuses to enter the step when an item names no organisation', () => {
    const c = new CaseDriver(call());
    expect(c.send(actors.county, 'publish', { data: { call: { orgs: [{ name: '无代码' }] } } })).toMatchObject({ ok: false, rejection: { code: 'invalid_data' } });
  });

  it('appends each ended child’s outcome and reported values to the parent’s array, in the order they end', () => {
    const c = new CaseDriver(call());
    c.ok(actors.county, 'publish', { data: orgs });
    c.ok(actors.system, childSettledAction, { child: { case: 'b', wait: 'collect#1', outcome: 'rejected', workflow: 'grant-application', values: { title: '乙项目' } } });
    expect(c.data.results).toEqual([{ case: 'b', outcome: 'rejected', title: '乙项目' }]);
    // A value the spec does not collect is not taken over.
    c.ok(actors.system, childSettledAction, { child: { case: 'a', wait: 'collect#1', outcome: 'approved', workflow: 'grant-application', values: { title: '甲项目', score: 88.5, secret: 'x' } } });
    expect(c.data.results).toEqual([{ case: 'b', outcome: 'rejected', title: '乙项目' }, { case: 'a', outcome: 'approved', title: '甲项目', score: 88.5 }]);
    expect(c.snapshot.step).toBe('rank');
  });

  it('is checked: organisationFrom only with forEach; collect with an array pointer and keys other than case and outcome', () => {
    expect(validateDefinition(call())).toEqual([]);
    const paths = (spec: Record<string, unknown>) => validateDefinition(call(spec)).map((p) => p.path);
    expect(paths({ forEach: undefined, passItem: undefined })).toContain('/steps/collect/start/0/organisationFrom');
    expect(paths({ organisationFrom: 'code' })).toContain('/steps/collect/start/0/organisationFrom');
    expect(paths({ collect: { into: 'results', values: {} } })).toContain('/steps/collect/start/0/collect/into');
    expect(paths({ collect: { into: '/results', values: { outcome: '/x' } } })).toContain('/steps/collect/start/0/collect/values/outcome');
    expect(paths({ collect: { into: '/results', values: { score: { panel: 'scoring', value: 'median' } } } })).toContain('/steps/collect/start/0/collect/values/score');
  });

  it('lets an officer start a process about no subject (a programme of their own area)', () => {
    expect(checkDefinition(call()).filter((p) => p.path.startsWith('/starters'))).toEqual([]);
  });
});
