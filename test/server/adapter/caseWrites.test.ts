import { describe, expect, it } from 'vitest';
import { dataAfterEffects } from '../../../server/adapter/caseWrites.js';

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
