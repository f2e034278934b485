import { describe, expect, it } from 'vitest';
import { idCardFields, type FormSchema } from '../../../forms/core/index.js';
import type { JsonValue } from '../../../engine/index.js';
import { caseIdNumbers } from '../../../server/adapter/caseIdNumberHashes.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const dibaoSchema = shippedFormSchema('dibao');

describe('the people a case is about, for the 近亲属 register', () => {
  it('are read from the fields the form schema marks as 身份证 numbers', () => {
    expect(idCardFields(dibaoSchema)).toEqual(['/applicant/idNumber', '/household/members/*/idNumber']);
    expect(idCardFields({ type: 'object', properties: { legalPerson: { type: 'object', properties: { cert: { type: 'string', format: 'cn-id-card' } } }, phone: { type: 'string', 'x-mask': 'mobile' } } } as FormSchema)).toEqual(['/legalPerson/cert']);
  });

  it('are every ID number at those fields, upper-cased, once each', () => {
    const data: Record<string, JsonValue> = { applicant: { idNumber: '11010519491231002x' }, household: { members: [{ idNumber: '11010519491231002X' }, { idNumber: '320621198001011234' }, { name: '无号码' }] } };
    expect(caseIdNumbers(data, ['/applicant/idNumber', '/household/members/*/idNumber'])).toEqual(['11010519491231002X', '320621198001011234']);
  });

  it('ignore data of the wrong shape and names every object inherits', () => {
    expect(caseIdNumbers({ household: { members: { idNumber: 'x' } }, applicant: 'nobody' }, ['/applicant/idNumber', '/household/members/*/idNumber'])).toEqual([]);
    expect(caseIdNumbers({}, ['/constructor/name', '/__proto__/idNumber'])).toEqual([]);
  });
});
