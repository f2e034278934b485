import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, type Condition, type WorkflowDefinition } from '../../../engine/index.js';

/** A definition whose one route is taken when `when` holds. */
function routedOn(when: Condition, parameters: WorkflowDefinition['parameters'] = {}): WorkflowDefinition {
  return {
    key: 'test', version: 1, name: '测试流程', initial: 'a', parameters,
    steps: {
      a: { type: 'task', name: '审核', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: [{ when, target: 'b' }, { target: 'b' }] } } },
      b: { type: 'final', name: '结束', outcome: 'approved' },
    },
  };
}
const form = { fields: ['/applicant', '/applicant/idNumber', '/org', '/org/category', '/campaign', '/campaign/start', '/members', '/members/*', '/members/*/birthDate'], sensitive: ['/applicant/idNumber'] };
const problemsOf = (when: unknown, parameters: Record<string, unknown> = {}) => checkDefinition(routedOn(when as Condition, parameters as never), undefined, form);
const at = '/steps/a/actions/go/target/0/when';
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('checkDefinition on what conditions name', () => {
  it('accepts each new form when its paths and parameters are right', () => {
    const sound: [unknown, Record<string, unknown>][] = [
      [{ age: { of: '/applicant/idNumber' }, gte: 60 }, {}],
      [{ age: { of: '/members/0/birthDate' }, lt: { param: 'adultAge' } }, { adultAge: 18 }],
      [{ daysBetween: ['/campaign/start', '/campaign/start'], lte: 10 }, {}],
      [{ daysUntil: '/campaign/start', gte: { param: 'filingLeadDays' } }, { filingLeadDays: 10 }],
      [{ daysSince: '/campaign/start', gt: 30 }, {}],
      [{ path: '/org/category', in: { param: 'directRegistration' } }, { directRegistration: ['科技类'] }],
      [{ path: '/campaign/start', lte: { path: '/campaign/start' } }, {}],
      [{ sample: { share: 0.3, salt: 'spotCheck' } }, {}],
      [{ sample: { share: { param: 'share' }, salt: 'spotCheck' } }, { share: 0.25 }],
    ];
    for (const [when, parameters] of sound) {
      expect(problemsOf(when, parameters), JSON.stringify(when)).toEqual([]);
      expect(schemaValidate(routedOn(when as Condition, parameters as never)), JSON.stringify(when)).toBe(true);
    }
  });

  it('refuses an unknown parameter', () => {
    expect(problemsOf({ daysUntil: '/campaign/start', gte: { param: 'filingLeadDays' } })).toContainEqual({ path: `${at}/gte/param`, message: '参数“filingLeadDays”未定义。' });
    expect(problemsOf({ path: '/org/category', in: { param: 'directRegistration' } }).map((p) => p.path)).toEqual([`${at}/in/param`]);
  });

  it('refuses a parameter that is not a list for `in`, and one that is not a number for a comparison', () => {
    expect(problemsOf({ path: '/org/category', in: { param: 'direct' } }, { direct: '科技类' })).toContainEqual({ path: `${at}/in/param`, message: '参数“direct”不是列表，不能用于“in”。' });
    expect(problemsOf({ age: { of: '/applicant/idNumber' }, gte: { param: 'age' } }, { age: ['60'] }).map((p) => p.path)).toEqual([`${at}/gte/param`]);
  });

  it('refuses a path that is not in the form, wherever the condition names it', () => {
    expect(problemsOf({ age: { of: '/applicant/idNumbr' }, gte: 60 })).toContainEqual({ path: `${at}/age/of`, message: '表单中没有字段“/applicant/idNumbr”。' });
    expect(problemsOf({ daysBetween: ['/campaign/start', '/campaign/end'], lte: 10 }).map((p) => p.path)).toEqual([`${at}/daysBetween/1`]);
    expect(problemsOf({ path: '/campaign/start', lte: { path: '/campaign/end' } }).map((p) => p.path)).toEqual([`${at}/lte/path`]);
    expect(problemsOf({ not: { path: '/org/kind', equals: 'x' } }).map((p) => p.path)).toEqual([`${at}/not/path`]);
  });

  it('accepts a path an effect of the definition writes, though the form lacks it', () => {
    const d = routedOn({ path: '/review/score', gte: 60 });
    const a = d.steps.a as Extract<WorkflowDefinition['steps'][string], { type: 'task' }>;
    a.onEnter = [{ effect: 'flagFromData', args: { path: '/review', flag: 'reviewed' } }];
    expect(checkDefinition(d, undefined, form).filter((p) => p.path.endsWith('/when/path'))).toEqual([]);
  });

  it('does not check paths when the form is not known', () => {
    expect(checkDefinition(routedOn({ daysUntil: '/campaign/end', gte: 1 }))).toEqual([]);
  });

  it('refuses a share outside 0–1, as a number or as a parameter, and a sample without a salt', () => {
    expect(problemsOf({ sample: { share: 1.5, salt: 's' } }).map((p) => p.path)).toEqual([`${at}/sample/share`]);
    expect(problemsOf({ sample: { share: -0.1, salt: 's' } }).map((p) => p.path)).toEqual([`${at}/sample/share`]);
    expect(problemsOf({ sample: { share: { param: 'share' }, salt: 's' } }, { share: 30 }).map((p) => p.path)).toEqual([`${at}/sample/share/param`]);
    expect(problemsOf({ sample: { share: 0.3 } }).map((p) => p.path)).toEqual([`${at}/sample/salt`]);
  });

  it('refuses malformed new forms by shape', () => {
    expect(problemsOf({ age: '/applicant/idNumber', gte: 60 }).map((p) => p.path)).toEqual([`${at}/age`]);
    expect(problemsOf({ daysBetween: ['/campaign/start'], gte: 1 }).map((p) => p.path)).toEqual([`${at}/daysBetween`]);
    expect(problemsOf({ age: { of: '/applicant/idNumber' }, equals: 60 }).map((p) => p.path)).toEqual([`${at}/equals`, at]);
    expect(problemsOf({ path: '/org/category', in: 'x' }).map((p) => p.path)).toEqual([`${at}/in`]);
    for (const bad of [{ age: '/applicant/idNumber', gte: 60 }, { age: { of: '/a' }, equals: 60 }, { sample: { share: 1.5, salt: 's' } }, { sample: { share: 0.3 } }, { daysUntil: '/a', gte: { path: 'a' } }]) {
      expect(schemaValidate(routedOn(bad as Condition)), JSON.stringify(bad)).toBe(false);
    }
  });
});
