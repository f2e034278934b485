import { describe, expect, it } from 'vitest';
import { compileExpression, roundTo } from '../../../../forms/core/index.js';

const run = (source: string, data: unknown = {}, context = {}) => compileExpression(source).evaluate(data, context);
const household = { household: { members: [{ name: '王秀英', income: 600 }, { name: '张明', income: 200.5 }, { name: '张小', income: null }] }, income: { wages: 600 } };

describe('evaluateExpression', () => {
  it('computes arithmetic with precedence and parentheses', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('-2 * -3 % 4')).toBe(2);
    expect(run('10 / 4')).toBe(2.5);
  });

  it('sums and counts over every item of a list', () => {
    expect(run('sum(household.members[*].income)', household)).toBe(800.5);
    expect(run('count(household.members)', household)).toBe(3);
    expect(run('count(household.members[*].income)', household)).toBe(2);
    expect(run('count(assets.list)', household)).toBe(0);
  });

  it('rounds half away from zero without binary surprises', () => {
    expect(run('round(1.005, 2)')).toBe(1.01);
    expect(run('round(800 / 3, 2)')).toBe(266.67);
    expect(roundTo(-2.5, 0)).toBe(-3);
  });

  it('reads a missing field as 0 in arithmetic but keeps division by zero uncomputable', () => {
    expect(run('income.wages + income.business', household)).toBe(600);
    expect(run('income.wages / count(assets.items)', household)).toBeUndefined();
    expect(run('round(income.wages / 0, 2) + 1', household)).toBeUndefined();
  });

  it('compares, combines conditions and chooses with if()', () => {
    expect(run("income.wages >= 600 and household.members[0].name == '王秀英'", household)).toBe(true);
    expect(run('not (income.wages > 600) || false', household)).toBe(true);
    expect(run("if(income.wages > 1000, 'high', 'low')", household)).toBe('low');
    expect(run("income.wages > 1000 ? 'high' : 'low'", household)).toBe('low');
    expect(run('applicant.singlePersonBasis == null', household)).toBe(true);
    expect(run("'10' < 9")).toBe(false);
  });

  it('reads $parameters and leaves a missing one uncomputable', () => {
    expect(run('$standard * 2', {}, { params: { standard: 1000 } })).toBe(2000);
    expect(run('$standard * 2')).toBeUndefined();
  });

  it('reads this.x from the object holding the field', () => {
    expect(compileExpression("this.disabilityGrade != '无'").test({}, { scope: { disabilityGrade: '二级' } })).toBe(true);
  });

  it('never reads inherited properties', () => {
    expect(run('constructor', {})).toBeNull();
    expect(run('income.toString', household)).toBeNull();
  });

  it('offers max, min, abs and empty', () => {
    expect(run('max(0, 100 - 250)')).toBe(0);
    expect(run('min(household.members[*].income)', household)).toBe(200.5);
    expect(run('abs(-3)')).toBe(3);
    expect(run('empty(assets.housing) and not empty(household.members)', household)).toBe(true);
  });
});
