import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, validateDefinition, type WorkflowDefinition } from '../../../engine/index.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** A definition whose task has `deadline` and whose timer waits `duration`. */
function withDurations(deadline: unknown, duration: unknown, parameters: Record<string, unknown> = {}): WorkflowDefinition {
  return {
    key: 'durations', version: 1, name: '期限', initial: 'a', parameters: parameters as WorkflowDefinition['parameters'],
    steps: {
      a: { type: 'task', name: '审核', assignee: { level: 'township' }, deadline: deadline as never, actions: { go: { kind: 'approve', label: '同意', target: 'b' } } },
      b: { type: 'timer', name: '公示', duration: duration as never, onElapsed: 'c' },
      c: { type: 'final', name: '结束', outcome: 'approved' },
    },
  };
}

const accepted: [string, unknown, unknown, Record<string, unknown>?][] = [
  ['working days and calendar days', { workingDays: 5 }, { days: 7 }],
  ['months and a fixed yearly date', { months: 1 }, { date: '03-31' }],
  ['a deadline N days before a form date', { before: 10, of: '/campaign/startDate' }, { days: 7 }],
  ['a deadline N days after a form date', { after: 10, of: '/campaign/startDate' }, { workingDays: 3 }],
  ['parameterised counts and a parameterised duration', { days: { param: 'n' } }, { param: 'notice' }, { n: 60, notice: { days: 7 } }],
  ['a parameter holding a bare number of days', { workingDays: { param: 'n' } }, { param: 'notice' }, { n: 5, notice: 7 }],
];

const refused: [string, unknown, unknown, string, Record<string, unknown>?][] = [
  ['two units at once', { days: 7, workingDays: 5 }, { days: 7 }, '/steps/a/deadline'],
  ['a zero count', { days: 0 }, { days: 7 }, '/steps/a/deadline/days'],
  ['a date that is no day of the year', { date: '02-30' }, { days: 7 }, '/steps/a/deadline/date'],
  ['after without the date it counts from', { after: 10 }, { days: 7 }, '/steps/a/deadline/of'],
  ['an unknown unit', { weeks: 2 }, { days: 7 }, '/steps/a/deadline/weeks'],
];

describe('durations in validateDefinition, the schema and checkDefinition', () => {
  for (const [what, deadline, duration, parameters] of accepted) {
    it(`all three accept ${what}`, () => {
      const d = withDurations(deadline, duration, parameters);
      expect(validateDefinition(d)).toEqual([]);
      expect(schemaValidate(d)).toBe(true);
      expect(checkDefinition(d)).toEqual([]);
    });
  }

  for (const [what, deadline, duration, path_] of refused) {
    it(`both validateDefinition and the schema refuse ${what}, at ${path_}`, () => {
      const d = withDurations(deadline, duration);
      expect(validateDefinition(d).map((p) => p.path)).toContain(path_);
      expect(schemaValidate(d)).toBe(false);
    });
  }

  it('refuses a timer that waits relative to a form date (validateDefinition points at it; the schema refuses it)', () => {
    const d = withDurations({ days: 3 }, { after: 10, of: '/campaign/startDate' });
    expect(validateDefinition(d).map((p) => p.path)).toContain('/steps/b/duration/after');
    expect(schemaValidate(d)).toBe(false);
  });

  it('refuses, at check time, a duration whose parameter is missing or holds no duration (the timer would throw at runtime)', () => {
    expect(checkDefinition(withDurations({ days: { param: 'absent' } }, { days: 7 })).map((p) => p.path)).toContain('/steps/a/deadline');
    expect(checkDefinition(withDurations({ days: 3 }, { param: 'absent' })).map((p) => p.path)).toContain('/steps/b/duration');
    expect(checkDefinition(withDurations({ days: 3 }, { param: 'notice' }, { notice: { weeks: 1 } })).map((p) => p.path)).toContain('/steps/b/duration');
    expect(checkDefinition(withDurations({ days: 3 }, { param: 'notice' }, { notice: { after: 1, of: '/x' } })).map((p) => p.path)).toContain('/steps/b/duration');
  });
});
