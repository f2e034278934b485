import { describe, expect, it } from 'vitest';
import { dataAfterEffects, writesARowTwice } from '../../../server/adapter/caseEffects.js';

describe('the case data a decision leaves', () => {
  it('applies the decision’s setData effects to a copy, leaving the data it was given as it was', () => {
    const data = { household: { members: 3 }, income: { monthly: 900 } };
    const after = dataAfterEffects(data, [
      { type: 'setData', path: '/assessment/perCapita', value: 300 },
      { type: 'notify', to: 'applicant', message: '已受理' },
      { type: 'setData', path: '/household/members', value: 4 },
    ]);
    expect(after).toEqual({ household: { members: 4 }, income: { monthly: 900 }, assessment: { perCapita: 300 } });
    expect(data).toEqual({ household: { members: 3 }, income: { monthly: 900 } });
  });

  it('sets a key named __proto__ as the data’s own, never as its prototype', () => {
    const after = dataAfterEffects({}, [{ type: 'setData', path: '/__proto__/polluted', value: true }]);
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    expect(Object.hasOwn(after, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('whether a decision’s effects write one row twice', () => {
  const task = (key: string) => ({ key, step: 'review', level: 'township' as const, assigneeUnit: 'u1', mode: 'single' as const });

  it('is false for a task closed and the next one opened, a timer scheduled and notices sent', () => {
    expect(writesARowTwice([
      { type: 'closeTask', key: 'accept#1', outcome: 'completed' },
      { type: 'openTask', task: task('review#1') },
      { type: 'scheduleTimer', key: 'review#1', step: 'review', dueAt: '2026-12-01T00:00:00.000Z' },
      { type: 'notify', to: 'township', message: '请审核' },
      { type: 'notify', to: 'township', message: '请审核' },
    ])).toBe(false);
  });

  it('is true for a task closed and opened again under its key, or assigned after it opened', () => {
    expect(writesARowTwice([{ type: 'closeTask', key: 'review#1', outcome: 'cancelled' }, { type: 'openTask', task: task('review#1') }])).toBe(true);
    expect(writesARowTwice([{ type: 'openTask', task: task('review#1') }, { type: 'assignTask', key: 'review#1', user: 'x' }])).toBe(true);
  });

  it('tells a task from a timer of the same key, and a moved deadline from either', () => {
    expect(writesARowTwice([{ type: 'openTask', task: task('review#1') }, { type: 'scheduleTimer', key: 'review#1', step: 'review', dueAt: '2026-12-01T00:00:00.000Z' }])).toBe(false);
    expect(writesARowTwice([{ type: 'scheduleTimer', key: 'review#1', step: 'review', dueAt: '2026-12-01T00:00:00.000Z' }, { type: 'moveDeadline', target: 'timer', key: 'review#1', dueAt: '2026-12-02T00:00:00.000Z' }])).toBe(true);
  });
});
