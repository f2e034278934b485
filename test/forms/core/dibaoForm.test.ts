import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkUiSchema, createFormValidator, evaluateComputed, type FieldError, type UiSchema } from '../../../forms/core/index.js';
import { sampleApplication, sampleOfficerSections } from './samples.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const read = (file: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../workflows/dibao', file), 'utf8')) as unknown;
const schema = shippedFormSchema('dibao');
const ui = read('form.ui.json') as UiSchema;
const validator = createFormValidator(schema);
const errorsOf = (data: unknown): FieldError[] => {
  const r = validator.validate(data);
  return r.valid ? [] : r.errors;
};
const full = { ...sampleApplication, ...sampleOfficerSections };

describe('the 低保 form schema', () => {
  it('accepts the sample application, the whole case, and the case with its figures computed', () => {
    expect(errorsOf(sampleApplication)).toEqual([]);
    expect(errorsOf(full)).toEqual([]);
    expect(errorsOf(evaluateComputed(schema, full, { params: { standard: 1000 } }))).toEqual([]);
  });

  it('has the eleven sections of the contract, each titled in Chinese', () => {
    const props = schema.properties!;
    expect(Object.keys(props)).toEqual(['applicant', 'household', 'income', 'assets', 'acceptance', 'investigation', 'verification', 'townshipReview', 'publicNotice', 'countyReview', 'decision']);
    for (const section of Object.values(props)) expect(section.title).toMatch(/[\u4e00-\u9fff]/);
    expect(props.income!.description).toContain('第13–14条');
  });

  it('refuses an application without members, with a wrong ID or an impossible birth date', () => {
    expect(errorsOf({ ...sampleApplication, household: { members: [] } })).toEqual([{ path: '/household/members', message: '请至少填写一名家庭成员（含申请人本人）。', keyword: 'minItems' }]);
    const members = sampleApplication.household.members.map((m, i) => (i === 1 ? { ...m, idNumber: '320621198001150016' } : m));
    expect(errorsOf({ ...sampleApplication, household: { members } })).toEqual([{ path: '/household/members/1/idNumber', message: '“公民身份号码”不正确：校验位不符，请逐位核对。', keyword: 'format' }]);
    expect(errorsOf({ ...sampleApplication, applicant: { ...sampleApplication.applicant, idNumber: '320621195513120023' } })[0]?.message).toBe('公民身份号码不正确：请核对18位号码及最后一位校验码。');
  });

  it('refuses fields that are not in the form, by name', () => {
    expect(errorsOf({ ...sampleApplication, income: { ...sampleApplication.income, bonus: 5 } })).toEqual([{ path: '/income/bonus', message: '不允许的字段“bonus”。', keyword: 'additionalProperties' }]);
    expect(errorsOf({ ...sampleApplication, household: { members: [{ ...sampleApplication.household.members[0], salary: 1 }] } })[0]?.path).toBe('/household/members/0/salary');
  });

  it('requires the full list of missing materials when the application is incomplete (一次性告知)', () => {
    expect(errorsOf({ ...full, acceptance: { complete: false } })).toEqual([{ path: '/acceptance/missingMaterials', message: '材料不齐全时，请列明需要补正的全部材料（一次性告知）。', keyword: 'required' }]);
    expect(errorsOf({ ...full, acceptance: { complete: false, missingMaterials: [] } })).toHaveLength(1);
    expect(errorsOf({ ...full, acceptance: { complete: false, missingMaterials: ['户口簿复印件'] } })).toEqual([]);
  });

  it('requires the relationship when a close relative is filed (第11条), and the reason for 单人保', () => {
    expect(errorsOf({ ...full, acceptance: { complete: true, relativeFiling: true } })).toEqual([{ path: '/acceptance/relatives', message: '请填写“近亲属关系说明”。', keyword: 'required' }]);
    expect(errorsOf({ ...sampleApplication, applicant: { ...sampleApplication.applicant, singlePersonBasis: true } })).toEqual([{ path: '/applicant/singlePersonReason', message: '请填写“单人保理由”。', keyword: 'required' }]);
  });

  it('requires two investigators and a reason when the visit was by phone or video', () => {
    const inv = sampleOfficerSections.investigation;
    expect(errorsOf({ ...full, investigation: { ...inv, investigators: ['赵村干'] } })).toEqual([{ path: '/investigation/investigators', message: '入户调查须不少于2名调查人员（第16条）。', keyword: 'minItems' }]);
    expect(errorsOf({ ...full, investigation: { ...inv, mode: '视频' } })).toEqual([{ path: '/investigation/remoteReason', message: '请填写“未能入户的原因”。', keyword: 'required' }]);
    expect(errorsOf({ ...full, investigation: { ...inv, investigators: ['赵村干', '赵村干'] } })[0]).toMatchObject({ keyword: 'uniqueItems', message: '“调查人员”中第 1 项与第 2 项重复。' });
  });

  it('requires written reasons for a refusal', () => {
    const refused = { ...full, countyReview: { decision: '不予确认', opinion: '家庭存款超过规定' } };
    expect(errorsOf(refused)).toEqual([{ path: '/decision', message: '请填写“决定”。', keyword: 'required' }]);
    expect(errorsOf({ ...refused, decision: { refusalReasons: [] } })).toEqual([{ path: '/decision/refusalReasons', message: '“不予确认理由”至少需要 1 项。', keyword: 'minItems' }]);
    expect(errorsOf({ ...refused, decision: { refusalReasons: ['家庭存款超过当地规定标准'] } })).toEqual([]);
  });

  it('checks money, dates and the 公示 period', () => {
    expect(errorsOf({ ...sampleApplication, income: { wages: 600.155 } })).toEqual([{ path: '/income/wages', message: '“工资性收入”最多保留两位小数（到分）。', keyword: 'format' }]);
    expect(errorsOf({ ...sampleApplication, income: { wages: 600.15, transfer: 0.1 + 0.2 } })).toEqual([]);
    expect(errorsOf({ ...full, investigation: { ...sampleOfficerSections.investigation, date: '2026-02-30' } })[0]).toMatchObject({ path: '/investigation/date', message: '“调查日期”应为日期（如 2026-03-01）。' });
    expect(errorsOf({ ...full, publicNotice: { period: '2026-03-16/2026-03-10' } })[0]).toMatchObject({ path: '/publicNotice/period', keyword: 'format' });
  });

  it('has a UI schema whose every control names a field of the form', () => {
    expect(checkUiSchema(ui, schema)).toEqual([]);
    expect(checkUiSchema({ type: 'Section', columns: 7, elements: [{ type: 'Control', scope: '/income/salary', visibleIf: 'a ==' }] }, schema)).toEqual([
      { path: '/columns', message: '列数应为 1 到 4。' },
      { path: '/elements/0/scope', message: '表单中没有字段“/income/salary”。' },
      { path: '/elements/0/visibleIf', message: '表达式不完整（表达式“a ==”第 5 个字符处）' },
    ]);
  });
});
