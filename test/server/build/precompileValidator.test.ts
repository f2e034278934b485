import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormValidator, type SchemaValidateFunction } from '../../../forms/core/index.js';
import { precompileValidator } from '../../../server/build/precompileValidator.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dibaoSchema = shippedFormSchema('dibao');
const sample = JSON.parse(readFileSync(path.join(root, 'workflows/dibao/form.sample.json'), 'utf8')) as Record<string, unknown>;
const outDir = mkdtempSync(path.join(tmpdir(), 'tongban-validators-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function load(code: string, name: string): Promise<SchemaValidateFunction> {
  const file = path.join(outDir, name);
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { default: SchemaValidateFunction }).default;
}

describe('precompiled (standalone) form validators', () => {
  let precompiled: SchemaValidateFunction;
  beforeAll(async () => {
    const code = await precompileValidator(dibaoSchema);
    expect(code).not.toMatch(/new Function|\bFunction\(/);
    precompiled = await load(code, 'dibao.mjs');
  }, 60_000);

  const vectors: [string, Record<string, unknown>][] = [
    ['the sample application', sample],
    ['a wrong ID check character', { ...sample, applicant: { ...(sample.applicant as object), idNumber: '320621196504120021' } }],
    ['an unknown field and a missing name', { ...sample, applicant: { phone: '13912345678', idNumber: '32062119650412002X', nickname: '秀' } }],
    ['money with three decimals and a bad mobile', { ...sample, income: { wages: 300.555 }, applicant: { ...(sample.applicant as object), phone: '12345' } }],
    ['a 公示 period ending before it starts', { publicNotice: { period: '2026-03-10/2026-03-03' } }],
    ['a conditional requirement (单人保 without its reason)', { ...sample, applicant: { ...(sample.applicant as object), singlePersonBasis: true } }],
    ['a prototype key', JSON.parse('{"applicant": {"__proto__": {"x": 1}}}') as Record<string, unknown>],
  ];

  for (const [what, data] of vectors) {
    it(`answers exactly as the runtime validator for ${what}`, () => {
      const runtime = createFormValidator(dibaoSchema).validate(data);
      const standalone = createFormValidator(dibaoSchema, { precompiled }).validate(data);
      expect(standalone).toEqual(runtime);
    });
  }

  it('refuses what it should, with the Chinese messages', () => {
    const result = createFormValidator(dibaoSchema, { precompiled }).validate(vectors[1]![1]);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).toContain('公民身份号码');
  });
});
