import { describe, expect, it } from 'vitest';
import { evaluateCondition, type ConditionScope } from '../../../engine/conditions/evaluateCondition.js';
import type { Condition } from '../../../engine/definition/types.js';

const scope = (caseId: string | undefined, parameters = {}): ConditionScope => ({ data: {}, flags: [], parameters, guards: Object.create(null), ...(caseId !== undefined ? { caseId } : {}) });
const spotCheck: Condition = { sample: { share: 0.3, salt: 'spotCheck' } };
const ids = Array.from({ length: 1000 }, (_, i) => `r${(i * 7919).toString(36).padStart(6, '0')}x${i}`);

describe('deterministic sampling (抽查)', () => {
  it('picks about 30 % of 1,000 case ids', () => {
    const picked = ids.filter((id) => evaluateCondition(spotCheck, scope(id))).length;
    expect(picked).toBeGreaterThanOrEqual(260);
    expect(picked).toBeLessThanOrEqual(340);
  });

  it('gives a case the same answer every time (replay is exact)', () => {
    const first = ids.map((id) => evaluateCondition(spotCheck, scope(id)));
    const again = ids.map((id) => evaluateCondition(spotCheck, scope(id)));
    expect(again).toEqual(first);
  });

  it('draws independent samples under different salts', () => {
    const a = ids.filter((id) => evaluateCondition(spotCheck, scope(id)));
    const b = new Set(ids.filter((id) => evaluateCondition({ sample: { share: 0.3, salt: 'fieldVisit' } }, scope(id))));
    const both = a.filter((id) => b.has(id)).length;
    expect(both).toBeGreaterThan(50); // about 0.3 × 0.3 × 1000 = 90, not 300
    expect(both).toBeLessThan(140);
  });

  it('takes none at share 0 and all at share 1, and reads the share from a parameter', () => {
    expect(ids.some((id) => evaluateCondition({ sample: { share: 0, salt: 's' } }, scope(id)))).toBe(false);
    expect(ids.every((id) => evaluateCondition({ sample: { share: 1, salt: 's' } }, scope(id)))).toBe(true);
    const byParam = ids.filter((id) => evaluateCondition({ sample: { share: { param: 'spotCheckShare' }, salt: 'spotCheck' } }, scope(id, { spotCheckShare: 0.3 })));
    expect(byParam).toEqual(ids.filter((id) => evaluateCondition(spotCheck, scope(id))));
  });

  it('takes no case without a case id', () => {
    expect(evaluateCondition({ sample: { share: 1, salt: 's' } }, scope(undefined))).toBe(false);
  });
});
