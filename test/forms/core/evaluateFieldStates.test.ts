import { describe, expect, it } from 'vitest';
import { compileFormRules, evaluateFieldStates } from '../../../forms/core/index.js';
import { sampleApplication } from './samples.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const dibao = shippedFormSchema('dibao');
const rules = compileFormRules(dibao);

describe('evaluateFieldStates', () => {
  it('shows the 残疾人证号 only in the rows of disabled members', () => {
    const states = evaluateFieldStates(rules, sampleApplication);
    expect(states['/household/members/0/disabilityCertificate']).toEqual({ visible: false, required: false });
    expect(states['/household/members/1/disabilityCertificate']).toEqual({ visible: true, required: false });
  });

  it('shows and requires the 单人保 reason once 单人保 is chosen', () => {
    expect(evaluateFieldStates(rules, sampleApplication)['/applicant/singlePersonReason']).toEqual({ visible: false, required: false });
    const single = { ...sampleApplication, applicant: { ...sampleApplication.applicant, singlePersonBasis: true } };
    expect(evaluateFieldStates(rules, single)['/applicant/singlePersonReason']).toEqual({ visible: true, required: true });
    expect(evaluateFieldStates(rules, single)['/income/applicantMonthly']).toEqual({ visible: true, required: false });
  });

  it('requires the deduction notes only when there is a deduction', () => {
    expect(evaluateFieldStates(rules, sampleApplication)['/income/deductionNotes']).toEqual({ visible: true, required: true });
    expect(evaluateFieldStates(rules, { income: { deductions: 0 } })['/income/deductionNotes']).toEqual({ visible: true, required: false });
  });

  it('says nothing about sections the data does not have', () => {
    expect(Object.keys(evaluateFieldStates(rules, { applicant: {} })).sort()).toEqual(['/applicant/proxyName', '/applicant/singlePersonReason']);
  });
});
