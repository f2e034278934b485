import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { shippedFormSchema } from '../../support/shippedForm.js';

const root = path.resolve(import.meta.dirname, '../../..');

/** forms/core bundled as the server bundles it: CommonJS, es2017, no platform. */
async function bundle(): Promise<string> {
  const out = await build({ entryPoints: [path.join(root, 'forms/core/index.ts')], bundle: true, format: 'cjs', target: 'es2017', platform: 'neutral', mainFields: ['module', 'main'], conditions: ['require', 'default'], write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

describe('forms/core portability', () => {
  it('runs as an es2017 CommonJS bundle in a bare VM without Node, DOM or timers', async () => {
    const code = await bundle();
    const sandbox: Record<string, unknown> = { module: { exports: {} } };
    sandbox.exports = (sandbox.module as { exports: object }).exports;
    vm.runInNewContext(code, sandbox, { timeout: 5000 });
    const core = (sandbox.module as { exports: Record<string, (...args: unknown[]) => unknown> }).exports;
    const schema = shippedFormSchema('dibao') as unknown;
    const validator = core.createFormValidator!(schema) as { validate(d: unknown): { valid: boolean; errors?: { path: string }[] } };
    expect(validator.validate({ applicant: { name: '王秀英', idNumber: '320621195503120024', phone: '13912345678' }, household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }] } }).errors?.map((e) => e.path)).toEqual(['/applicant/idNumber']);
    expect(core.evaluateComputed!(schema, { household: { members: [{}, {}] }, income: { wages: 500 } }, { params: { standard: 1000 } })).toMatchObject({ income: { monthlyTotal: 500, perCapita: 250, estimatedAmount: 1500 } });
  });

  it('uses no eval-like construct for expressions and touches no host API', () => {
    const sources = ['expression/parseExpression.ts', 'expression/evaluateExpression.ts', 'expression/tokenize.ts', 'compileFormRules.ts', 'evaluateComputed.ts', 'permissions.ts', 'checkInputSafety.ts'];
    for (const file of sources) {
      const text = readFileSync(path.join(root, 'forms/core', file), 'utf8');
      expect(text, file).not.toMatch(/\bnew Function\b|\beval\(|setTimeout|setInterval|\bwindow\.|\bdocument\.|\bprocess\.|require\(/);
    }
  });
});
