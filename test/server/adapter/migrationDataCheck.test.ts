import { describe, expect, it } from 'vitest';
import { createFormValidator, type FormSchema } from '../../../forms/core/index.js';
import { dataCheck } from '../../../server/adapter/migrationPlanning.js';
import type { LoadedWorkflow } from '../../../server/adapter/workflowCache.js';

/** The form parts of a loaded version: its schema and validator. */
const version = (schema: FormSchema) => ({ formSchema: schema, validator: createFormValidator(schema) }) as unknown as LoadedWorkflow;

const v1 = version({
  type: 'object',
  properties: {
    applicant: { type: 'object', title: '申请人', properties: { name: { type: 'string', title: '姓名' }, phone: { type: 'string', title: '电话' } } },
    income: { type: 'object', title: '收入', properties: { wages: { type: 'number', title: '工资' }, pension: { type: 'number', title: '养老金' } } },
  },
});
/** Version 2: wages at most 5000, the pension field gone, a phone of 11 digits. */
const v2 = version({
  type: 'object',
  properties: {
    applicant: { type: 'object', title: '申请人', properties: { name: { type: 'string', title: '姓名' }, phone: { type: 'string', title: '电话', pattern: '^1\\d{10}$' } } },
    income: { type: 'object', title: '收入', properties: { wages: { type: 'number', title: '工资', maximum: 5000 } } },
  },
});

describe('the case data against the target version’s form', () => {
  it('names the fields the new form refuses and the fields it no longer has, and nothing for data that fits', () => {
    const check = dataCheck(v1, v2, { applicant: { name: '王秀英', phone: '12345' }, income: { wages: 6000, pension: 800 } });
    expect(check.invalid.map((e) => e.path).sort()).toEqual(['/data/applicant/phone', '/data/income/wages']);
    expect(check.dropped).toEqual(['/income/pension']);
    expect(dataCheck(v1, v2, { applicant: { name: '王秀英', phone: '13912345678' }, income: { wages: 1200 } })).toEqual({ invalid: [], dropped: [] });
  });

  it('does not blame the new version for what the old form already refused', () => {
    const strict = version({ type: 'object', required: ['applicant'], properties: { applicant: { type: 'object', properties: { name: { type: 'string' } } } } });
    expect(dataCheck(strict, strict, {}).invalid).toEqual([]);
  });
});
