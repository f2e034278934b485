import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFormValidator } from '../../../forms/core/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const dibaoSchema = shippedFormSchema('dibao');
const dibao = createFormValidator(dibaoSchema);
const errorsOf = (data: unknown) => {
  const r = dibao.validate(data);
  return r.valid ? [] : r.errors;
};

describe('createFormValidator', () => {
  it('accepts a complete 低保 application', () => {
    expect(dibao.validate(demoHousehold)).toEqual({ valid: true });
  });

  it('accepts the sample application shipped beside the 低保 form (the playground and the browser tests start from it)', () => {
    const sample = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../workflows/dibao/form.sample.json'), 'utf8')) as unknown;
    expect(dibao.validate(sample)).toEqual({ valid: true });
  });

  it('names the missing field in Chinese at its own path', () => {
    expect(errorsOf({ applicant: { name: '王秀英', phone: '13912345678' } })).toContainEqual({ path: '/applicant/idNumber', message: '请填写“公民身份号码”。', keyword: 'required' });
  });

  it('lets a message declared in the schema win over the generic one', () => {
    expect(errorsOf({ applicant: { ...demoHousehold.applicant, idNumber: '320621195503120024' } })).toEqual([
      { path: '/applicant/idNumber', message: '公民身份号码不正确：请核对18位号码及最后一位校验码。', keyword: 'format' },
    ]);
    expect(errorsOf({ investigation: { investigators: ['赵村干'] } })[0]?.message).toBe('入户调查须不少于2名调查人员（第16条）。');
  });

  it('reports every problem at once, each in Chinese with its path', () => {
    const errors = errorsOf({ applicant: { name: '王', idNumber: '1', phone: '123' }, income: { wages: -5, business: 1.234 }, assets: { vehicles: 1.5 } });
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/applicant/name', '/applicant/idNumber', '/applicant/phone', '/income/wages', '/income/business', '/assets/vehicles']));
    expect(errors.find((e) => e.path === '/income/wages')?.message).toBe('“工资性收入”不能为负数。');
    expect(errors.find((e) => e.path === '/income/business')?.message).toContain('两位小数');
    expect(errors.find((e) => e.path === '/applicant/phone')?.message).toBe('“联系电话”应为11位手机号码。');
  });

  it('refuses unknown fields by name', () => {
    expect(errorsOf({ applicant: { ...demoHousehold.applicant, salary: 1 } })).toContainEqual({ path: '/applicant/salary', message: '不允许的字段“salary”。', keyword: 'additionalProperties' });
    expect(errorsOf({ extra: {} })[0]?.path).toBe('/extra');
  });

  it('makes fields required on a condition (if/then)', () => {
    const v = createFormValidator({
      type: 'object',
      properties: { singlePerson: { type: 'boolean' }, basis: { title: '单人保依据', type: 'string' } },
      if: { properties: { singlePerson: { const: true } }, required: ['singlePerson'] },
      then: { required: ['basis'] },
    });
    expect(v.validate({ singlePerson: false })).toEqual({ valid: true });
    expect(v.validate({ singlePerson: true })).toEqual({ valid: false, errors: [{ path: '/basis', message: '请填写“单人保依据”。', keyword: 'required' }] });
  });

  it('checks a date range', () => {
    const v = createFormValidator({ type: 'object', properties: { period: { title: '公示期', type: 'object', dateRange: true, properties: { start: { type: 'string' }, end: { type: 'string' } } } } });
    expect(v.validate({ period: { start: '2026-03-01', end: '2026-03-08' } })).toEqual({ valid: true });
    expect(v.validate({ period: { start: '2026-03-09', end: '2026-03-08' } })).toMatchObject({ valid: false, errors: [{ path: '/period', message: '“公示期”的开始日期不能晚于结束日期。' }] });
  });
});
