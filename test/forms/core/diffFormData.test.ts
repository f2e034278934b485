import { describe, expect, it } from 'vitest';
import { diffFormData, type FormSchema } from '../../../forms/core/index.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const schema = shippedFormSchema('dibao');

const dibao = schema as FormSchema;
const before = {
  applicant: { name: '王秀英', phone: '13912345678' },
  household: { members: [{ name: '王秀英', relation: '本人' }, { name: '李建国', relation: '配偶' }] },
  income: { wages: 300 },
};

describe('diffFormData', () => {
  it('finds no change between equal versions, and treats an empty text like a missing field', () => {
    expect(diffFormData(dibao, before, structuredClone(before))).toEqual([]);
    expect(diffFormData(dibao, { applicant: { address: '' } }, { applicant: {} })).toEqual([]);
  });

  it('names a changed field by the titles of its sections and keeps both values', () => {
    const after = structuredClone(before);
    after.applicant.phone = '13800001111';
    expect(diffFormData(dibao, before, after)).toEqual([
      expect.objectContaining({ path: '/applicant/phone', labels: ['申请人', '联系电话'], kind: 'changed', before: '13912345678', after: '13800001111' }),
    ]);
  });

  it('compares table rows one by one: a changed cell, an added row and a removed row', () => {
    const after = structuredClone(before);
    after.household.members[1]!.name = '李建军';
    after.household.members.push({ name: '李小明', relation: '子女' });
    const changes = diffFormData(dibao, before, after);
    expect(changes.map((c) => [c.path, c.labels.join(' › '), c.kind])).toEqual([
      ['/household/members/1/name', '共同生活家庭成员 › 家庭成员 › 第2行 › 姓名', 'changed'],
      ['/household/members/2', '共同生活家庭成员 › 家庭成员 › 第3行', 'added'],
    ]);
    const back = diffFormData(dibao, after, before);
    expect(back.find((c) => c.path === '/household/members/2')).toMatchObject({ kind: 'removed', before: { name: '李小明', relation: '子女' } });
  });

  it('reports added and removed fields and sections, in the order of the schema', () => {
    const changes = diffFormData(dibao, before, { ...before, income: { wages: 300, transfer: 200 }, acceptance: { complete: true }, applicant: { name: '王秀英' } });
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['/applicant/phone', 'removed'],
      ['/income/transfer', 'added'],
      ['/acceptance/complete', 'added'],
    ]);
    expect(changes[0]!.schema?.format).toBe('cn-mobile');
  });
});
