import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, validateDefinition, type WorkflowDefinition } from '../../../engine/index.js';
import { maxCalendarDaysOf, maxWorkingDaysIn, minCalendarDaysOfMonths } from '../../../engine/definition/limitChainProblems.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

type Steps = WorkflowDefinition['steps'];
const task = (name: string, target: string, deadline?: unknown): Steps[string] => ({ type: 'task', name, assignee: { level: 'county' }, ...(deadline ? { deadline: deadline as never } : {}), actions: { go: { kind: 'approve', label: '同意', target } } });
const end: Steps[string] = { type: 'final', name: '办结', outcome: 'approved' };

/** 受理 (starts the clock), then `a` and `b` with the given deadlines, under `limit`. */
function chain(limit: unknown, a: unknown, b: unknown, parameters: Record<string, unknown> = {}): WorkflowDefinition {
  return {
    key: 'limits', version: 1, name: '时限', initial: 'accept', limit: limit as never, parameters: parameters as never,
    steps: { accept: { ...task('受理', 'a'), startsClock: true } as Steps[string], a: task('审查', 'b', a), b: task('决定', 'done', b), done: end },
  };
}
const problemsOf = (d: WorkflowDefinition) => checkDefinition(d);

describe('the overall limit in any unit: shape', () => {
  const accepted: [string, unknown][] = [
    ['working days with an extension in working days (低保)', { workingDays: 30, extendedWorkingDays: 45 }],
    ['calendar days with an extension in days', { days: 60, extended: { days: 90 } }],
    ['months', { months: 6 }],
    ['parameters for the count and the extension', { days: { param: 'n' }, extended: { param: 'more' } }],
  ];
  for (const [what, limit] of accepted) {
    it(`accepts ${what}, as the schema does`, () => {
      const d = chain(limit, undefined, undefined, { n: 60, more: { days: 90 } });
      expect(validateDefinition(d)).toEqual([]);
      expect(schemaValidate(d)).toBe(true);
      expect(problemsOf(d)).toEqual([]);
    });
  }
  const refused: [string, unknown, string][] = [
    ['two units at once', { days: 60, workingDays: 30 }, '/limit'],
    ['no unit', { extendedWorkingDays: 45 }, '/limit'],
    ['a zero count', { days: 0 }, '/limit/days'],
    ['an unknown unit', { weeks: 8 }, '/limit/weeks'],
    ['both ways of extending', { days: 60, extendedWorkingDays: 45, extended: { days: 90 } }, '/limit/extended'],
    ['an extension with two units', { days: 60, extended: { days: 90, months: 3 } }, '/limit/extended'],
  ];
  for (const [what, limit, at] of refused) {
    it(`refuses ${what} at ${at}, as the schema does`, () => {
      const d = chain(limit, undefined, undefined);
      expect(validateDefinition(d).map((p) => p.path)).toContain(at);
      expect(schemaValidate(d)).toBe(false);
    });
  }
  it('refuses a limit or an extension whose parameter is missing', () => {
    expect(problemsOf(chain({ days: { param: 'n' } }, undefined, undefined))).toEqual([{ path: '/limit/days', message: expect.stringContaining('总时限参数未定义') }]);
    expect(problemsOf(chain({ days: 60, extended: { param: 'more' } }, undefined, undefined))).toEqual([{ path: '/limit/extended', message: expect.stringContaining('延长后的时限参数未定义') }]);
  });
});

describe('deadlines against the limit on every branch, in any unit', () => {
  it('compares calendar days with a limit in calendar days exactly', () => {
    expect(problemsOf(chain({ days: 60 }, { days: 30 }, { days: 30 }))).toEqual([]);
    expect(problemsOf(chain({ days: 60 }, { days: 30 }, { days: 31 }))).toEqual([{ path: '/limit/days', message: '各步骤期限之和最多可达 61 日（受理 → 审查 → 决定），超过总时限 60 日。' }]);
  });

  it('converts working days to the most calendar days they can span (across 春节 or 国庆)', () => {
    expect(maxCalendarDaysOf(1)).toBeGreaterThanOrEqual(10);
    expect(problemsOf(chain({ days: 60 }, { workingDays: 10 }, { workingDays: 10 }))).toEqual([]);
    const refused = problemsOf(chain({ days: 60 }, { workingDays: 20 }, { workingDays: 20 }));
    expect(refused).toEqual([{ path: '/limit/days', message: expect.stringContaining('按各单位换算的上限') }]);
    expect(refused[0]!.message).toContain('受理 → 审查 → 决定');
  });

  it('converts calendar days to the most working days they can hold (调休 weekends included) against a limit in working days', () => {
    expect(maxWorkingDaysIn(7)).toBe(7);
    expect(problemsOf(chain({ workingDays: 30 }, { workingDays: 25 }, { days: 5 }))).toEqual([]);
    expect(problemsOf(chain({ workingDays: 30 }, { workingDays: 25 }, { days: 10 }))).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('超过总时限 30 个工作日') }]);
  });

  it('resolves parameterised deadlines, whole or by count', () => {
    expect(problemsOf(chain({ workingDays: 30 }, { param: 'review' }, { days: { param: 'n' } }, { review: { days: 45 }, n: 1 }))).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('审查 → 决定') }]);
    expect(problemsOf(chain({ workingDays: { param: 'limit' } }, { param: 'review' }, { workingDays: 1 }, { review: { workingDays: 5 }, limit: 10 }))).toEqual([]);
  });

  it('compares months with a limit in months exactly, and anything else in calendar days at the fewest days the months can have', () => {
    expect(minCalendarDaysOfMonths(1)).toBe(28);
    expect(problemsOf(chain({ months: 3 }, { months: 2 }, { months: 1 }))).toEqual([]);
    expect(problemsOf(chain({ months: 3 }, { months: 2 }, { months: 2 }))).toEqual([{ path: '/limit/months', message: expect.stringContaining('最多可达 4 个月') }]);
    expect(problemsOf(chain({ months: 3 }, { days: 45 }, { days: 44 }))).toEqual([]);
    expect(problemsOf(chain({ months: 3 }, { days: 45 }, { days: 45 }))).toEqual([{ path: '/limit/months', message: expect.stringContaining('至少 89 日') }]);
  });

  it('counts a timer that does not pause the clock, and not one that does', () => {
    const withTimer = (pausesClock: boolean): WorkflowDefinition => ({
      key: 'limits', version: 1, name: '时限', initial: 'accept', limit: { workingDays: 10 },
      steps: { accept: { ...task('受理', 'wait'), startsClock: true } as Steps[string], wait: { type: 'timer', name: '公示', duration: { days: 15 }, pausesClock, onElapsed: 'done' }, done: end },
    });
    expect(problemsOf(withTimer(false))).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('受理 → 公示') }]);
    expect(problemsOf(withTimer(true))).toEqual([]);
  });
});

describe('where a branch starts and ends', () => {
  const steps = (extra: Record<string, unknown>): WorkflowDefinition => ({
    key: 'limits', version: 1, name: '时限', initial: 'apply', limit: { days: 30 },
    steps: {
      apply: { ...task('申请', 'accept', { days: 20 }), assignee: { level: 'applicant' } } as Steps[string],
      accept: { ...task('受理', 'review'), startsClock: true } as Steps[string],
      review: task('审查', 'deliver', { days: 20 }),
      deliver: { ...task('送达', 'done', { days: 20 }), ...extra } as Steps[string],
      done: end,
    },
  });

  it('counts from where the clock starts, not the application before it, and not after it stops (送达)', () => {
    expect(checkDefinition(steps({ stopsClock: true }))).toEqual([]);
    expect(checkDefinition(steps({}))).toEqual([{ path: '/limit/days', message: expect.stringContaining('最多可达 40 日（受理 → 审查 → 送达）') }]);
  });
});

describe('parallel branches against the limit', () => {
  it('counts the branch whose deadline is longest in the limit’s unit, whatever unit each branch counts in', async () => {
    const { parallelDefinition } = await import('../../support/parallelDefinition.js');
    const review = parallelDefinition.steps.review as Extract<Steps[string], { type: 'parallel' }>;
    const withCivil = (deadline: unknown): WorkflowDefinition => ({ ...parallelDefinition, limit: { workingDays: 30 }, steps: { ...parallelDefinition.steps, review: { ...review, branches: { ...review.branches, civil: { ...review.branches.civil!, deadline: deadline as never } } } } });
    expect(checkDefinition(withCivil({ days: 20 }))).toEqual([]);
    // 45 calendar days can hold more than 30 working days; the 5 working days of the other branch were taken before.
    expect(checkDefinition(withCivil({ days: 45 }))).toEqual([{ path: '/limit/workingDays', message: expect.stringContaining('部门并行审核') }]);
  });
});
