import { describe, expect, it } from 'vitest';
import { attachmentReferences, masksFromSchema, redactForView, type FormSchema } from '../../../forms/core/index.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const dibaoSchema = shippedFormSchema('dibao');

const schema: FormSchema = {
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      properties: {
        name: { type: 'string', 'x-mask': 'name' },
        documents: {
          type: 'array',
          'x-attachment': { accept: ['image/png'] },
          items: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' }, type: { type: 'string' }, file: { type: 'string' } } },
        },
      },
    },
  },
};

describe('attachment references', () => {
  it('are the file, type and size of every x-attachment item', () => {
    expect(attachmentReferences(schema)).toEqual(['/applicant/documents/*/file', '/applicant/documents/*/type', '/applicant/documents/*/size']);
    expect(attachmentReferences(dibaoSchema as FormSchema)).toContain('/applicant/documents/*/file');
  });

  it('stay as stored in a masked section while the name the person gave the file and other texts are masked', () => {
    const data = { applicant: { name: '王秀英', documents: [{ name: '身份证320621195503120023.png', size: 2048, type: 'image/png', file: 'r1abc/scan_k3j4h5.png' }] } };
    const seen = redactForView({ '/applicant': 'masked' }, data, masksFromSchema(schema), attachmentReferences(schema)) as typeof data;
    const { name, ...reference } = seen.applicant.documents[0]!;
    expect(reference).toEqual({ size: 2048, type: 'image/png', file: 'r1abc/scan_k3j4h5.png' });
    expect(name).not.toContain('320621');
    expect(seen.applicant.name).toBe('王*英');
  });

  it('are masked like any text when not named (the default)', () => {
    const data = { applicant: { documents: [{ name: 'a.png', size: 1, type: 'image/png', file: 'r1abc/scan.png' }] } };
    const seen = redactForView({ '/applicant': 'masked' }, data) as typeof data;
    expect(seen.applicant.documents[0]!.file).toBe('****');
  });

  it('are dropped with their section when it is hidden', () => {
    const data = { applicant: { documents: [{ name: 'a.png', size: 1, type: 'image/png', file: 'r1abc/scan.png' }] } };
    expect(redactForView({ '/applicant': 'hidden' }, data, {}, attachmentReferences(schema))).toEqual({});
  });
});
