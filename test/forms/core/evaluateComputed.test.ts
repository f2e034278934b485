import { describe, expect, it } from 'vitest';
import { compileFormRules, evaluateComputed, type FormSchema } from '../../../forms/core/index.js';
import { sampleApplication } from './samples.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const dibao = shippedFormSchema('dibao');
const rules = compileFormRules(dibao);

describe('evaluateComputed', () => {
  it('fills 家庭月收入合计, 人均月收入 and 拟补助金额 of a 低保 application', () => {
    const filled = evaluateComputed(rules, sampleApplication, { params: { standard: 1000 } });
    // 600 + 200 + 50 − 100 = 750 for 3 members: 250 per head; 1000 × 3 − 750 = 2250.
    expect(filled.income).toMatchObject({ monthlyTotal: 750, perCapita: 250, estimatedAmount: 2250 });
    expect((filled.household as Record<string, unknown>).memberCount).toBe(3);
    expect(sampleApplication.income).not.toHaveProperty('monthlyTotal');
  });

  it('counts only the applicant and their own income for 单人保', () => {
    const single = { ...sampleApplication, applicant: { ...sampleApplication.applicant, singlePersonBasis: true, singlePersonReason: '一级、二级重度残疾人' }, income: { ...sampleApplication.income, applicantMonthly: 300 } };
    expect(evaluateComputed(rules, single, { params: { standard: 1000 } }).income).toMatchObject({ monthlyTotal: 300, perCapita: 300, estimatedAmount: 700 });
  });

  it('never proposes a negative amount', () => {
    const rich = { ...sampleApplication, income: { wages: 9000 } };
    expect(evaluateComputed(rules, rich, { params: { standard: 1000 } }).income).toMatchObject({ monthlyTotal: 9000, perCapita: 3000, estimatedAmount: 0 });
  });

  it('leaves a figure that needs an absent parameter as it was, and computes the rest', () => {
    const filled = evaluateComputed(dibao, { ...sampleApplication, income: { wages: 800, estimatedAmount: 1 } });
    expect(filled.income).toEqual({ wages: 800, monthlyTotal: 800, perCapita: 266.67, estimatedAmount: 1 });
  });

  it('does not create sections the data does not have', () => {
    expect(evaluateComputed(rules, { applicant: sampleApplication.applicant }, { params: { standard: 1000 } })).toEqual({ applicant: sampleApplication.applicant });
  });

  it('recomputes the decided amount from the figures the decision records', () => {
    const decided = evaluateComputed(rules, { decision: { standard: 1000, countedMembers: 2, householdMonthlyIncome: 800, monthlyAmount: 5 } });
    expect(decided.decision.monthlyAmount).toBe(1200);
  });

  it('exposes each formula in words for the form to show', () => {
    expect(rules.computed.map((c) => [c.pointer, c.formula])).toEqual([
      ['/household/memberCount', '共同生活家庭成员人数 = 已填写的家庭成员数'],
      ['/income/monthlyTotal', '家庭月收入合计 = 工资性收入 + 经营净收入 + 财产净收入 + 转移净收入 + 其他收入 − 刚性支出扣减（单人保为申请人本人收入）'],
      ['/income/perCapita', '家庭人均月收入 = 家庭月收入合计 ÷ 共同生活家庭成员人数'],
      ['/income/estimatedAmount', '拟补助金额 = max(0, 低保标准 × 保障人数 − 家庭月收入合计)'],
      ['/decision/monthlyAmount', '月保障金额 = max(0, 低保标准 × 保障人数 − 家庭月收入合计)'],
    ]);
  });

  it('computes per-item fields with this.', () => {
    const schema: FormSchema = { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', properties: { qty: { type: 'number' }, price: { type: 'number' }, total: { type: 'number', 'x-computed': { expr: 'this.qty * this.price' } } } } }, sum: { type: 'number', 'x-computed': { expr: 'sum(rows[*].total)' } } } };
    expect(evaluateComputed(schema, { rows: [{ qty: 2, price: 1.5 }, { qty: 1, price: 4 }] })).toEqual({ rows: [{ qty: 2, price: 1.5, total: 3 }, { qty: 1, price: 4, total: 4 }], sum: 7 });
  });
});
