import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundleFormParts, createFormValidator, resolvePartFile, type FormSchema } from '../../../forms/core/index.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const shared = {
  $defs: {
    personName: { type: 'string', minLength: 2 },
    member: { type: 'object', properties: { name: { $ref: '#/$defs/personName' } } },
    household: { title: '家庭', type: 'object', required: ['members'], properties: { members: { type: 'array', items: { $ref: '#/$defs/member' } } } },
    applicant: { title: '申请人', type: 'object', required: ['name', 'single'], properties: { name: { $ref: '#/$defs/personName' }, bank: { type: 'string', description: '用于发放' }, single: { type: 'boolean' } } },
  },
};
const read = (file: string): unknown => {
  if (file === '../_shared/household.schema.json') return shared;
  throw new Error('没有这个文件');
};

describe('bundling shared form parts', () => {
  it('copies a section in whole and moves what it uses into the local $defs, so the form validates on its own', () => {
    const form = { type: 'object', properties: { household: { $ref: '../_shared/household.schema.json#/$defs/household' } } } as FormSchema;
    const bundled = bundleFormParts(form, read);
    expect(bundled).toEqual({
      type: 'object',
      $defs: { member: shared.$defs.member, personName: shared.$defs.personName },
      properties: { household: shared.$defs.household },
    });
    const validator = createFormValidator(bundled);
    expect(validator.validate({ household: { members: [{ name: '王' }] } }).valid).toBe(false);
    expect(validator.validate({ household: { members: [{ name: '王秀英' }] } }).valid).toBe(true);
  });

  it('lets the keywords beside the $ref override the part, field by field, and x-omit leave fields out', () => {
    const form = { type: 'object', properties: { applicant: { $ref: '../_shared/household.schema.json#/$defs/applicant', 'x-omit': ['single'], properties: { bank: { type: 'string', description: '用于发放供养金' }, tier: { enum: ['全自理'] } } } } } as FormSchema;
    const applicant = bundleFormParts(form, read).properties!.applicant as { required: string[]; properties: Record<string, { description?: string }> };
    expect(Object.keys(applicant.properties)).toEqual(['name', 'bank', 'tier']);
    expect(applicant.properties.bank!.description).toBe('用于发放供养金');
    expect(applicant.required).toEqual(['name']);
  });

  it('makes a shared part named inside a field a local $defs entry', () => {
    const form = { type: 'object', properties: { visit: { type: 'object', properties: { officer: { $ref: '../_shared/household.schema.json#/$defs/personName', title: '调查人' } } } } } as FormSchema;
    const bundled = bundleFormParts(form, read);
    expect(bundled.$defs).toEqual({ personName: shared.$defs.personName });
    expect((bundled.properties!.visit as { properties: Record<string, unknown> }).properties.officer).toEqual({ $ref: '#/$defs/personName', title: '调查人' });
  });

  it('refuses a missing part, a missing file and a local $defs name taken by a different schema', () => {
    expect(() => bundleFormParts({ properties: { a: { $ref: '../_shared/household.schema.json#/$defs/nothing' } } } as FormSchema, read)).toThrow(/没有 \$defs\/nothing/);
    expect(() => bundleFormParts({ properties: { a: { $ref: '../_shared/other.schema.json#/$defs/x' } } } as FormSchema, read)).toThrow(/无法读取共用表单部分 \.\.\/_shared\/other\.schema\.json/);
    expect(() => bundleFormParts({ $defs: { personName: { type: 'integer' } }, properties: { household: { $ref: '../_shared/household.schema.json#/$defs/household' } } } as FormSchema, read)).toThrow(/personName/);
  });

  it('leaves a form without shared parts as it is', () => {
    const form = { type: 'object', $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a' } } } as FormSchema;
    expect(bundleFormParts(form, read)).toBe(form);
  });

  it('resolves file names relative to the file that names them', () => {
    expect(resolvePartFile('form.schema.json', '../_shared/household.schema.json')).toBe('../_shared/household.schema.json');
    expect(resolvePartFile('../_shared/household.schema.json', './person.schema.json')).toBe('../_shared/person.schema.json');
  });

  it('publishes the 低保 form, built from workflows/_shared, exactly as before (published versions keep their fingerprint)', () => {
    const dibao = shippedFormSchema('dibao');
    // The fingerprint of the 低保 form schema as published (version 7: the 信息核对 report section, from
    // workflows/_shared/verification.schema.json; before it, 89dead24… from version 4 until 6); a
    // deliberate change of the form comes with a new 低保 version and a new figure here.
    expect(createHash('sha256').update(JSON.stringify(dibao)).digest('hex')).toBe('1eb343ecf0489883c1e6092ee922c618999a80acbcc6b19045d0ebb328373d54');
  });
});
