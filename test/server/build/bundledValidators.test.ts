import { build } from 'esbuild';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAjv, createFormValidator, type FormSchema, type SchemaValidateFunction } from '../../../forms/core/index.js';
import { formSchemaHash } from '../../../server/adapter/bundledValidators.js';
import { bundledValidatorsPlugin, shippedFormSchemas } from '../../../server/build/bundledValidators.js';
import { readFormSchema } from '../../../server/build/readFormSchema.js';

const root = path.resolve(import.meta.dirname, '../../..');
const nodeSha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every shipped process with a form: its bundled schema and its sample application. */
const shipped = readdirSync(path.join(root, 'workflows'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'workflows', d.name, 'form.schema.json')) && existsSync(path.join(root, 'workflows', d.name, 'workflow.json')))
  .map((d) => {
    const dir = path.join(root, 'workflows', d.name);
    const sampleFile = path.join(dir, 'form.sample.json');
    return { key: d.name, schema: readFormSchema(path.join(dir, 'form.schema.json')), sample: existsSync(sampleFile) ? (JSON.parse(readFileSync(sampleFile, 'utf8')) as unknown) : {} };
  });

/** The generated module as the hook bundle gets it, bundled the same way and loaded here. */
async function loadBundledValidators(): Promise<Record<string, () => SchemaValidateFunction>> {
  const result = await build({
    stdin: { contents: "export { bundledValidators } from 'tongban:bundled-validators';", resolveDir: root, loader: 'ts' },
    plugins: [bundledValidatorsPlugin(root)],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} as { bundledValidators: Record<string, () => SchemaValidateFunction> } };
  new Function('module', 'exports', result.outputFiles[0]!.text)(module, module.exports);
  return module.exports.bundledValidators;
}

/** Every JSON pointer (as key lists) of a value's objects and arrays, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** The value with the thing at `at` replaced (or removed, for `undefined`). */
function withChange(value: unknown, at: (string | number)[], next: unknown): unknown {
  if (at.length === 0) return next;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let holder = copy;
  for (const key of at.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (next === undefined) {
    if (Array.isArray(holder)) holder.splice(Number(last), 1);
    else delete holder[last];
  } else holder[last] = next;
  return copy;
}

/** What an applicant (or a broken client) may put anywhere in a form. */
const oddValues: unknown[] = [undefined, null, '', 'x', '  ', 'x'.repeat(600), 0, -1, 1.005, 1e12, true, [], [{}], {}, { extra: 1 }, '2026-02-30', '2026-13-01', '320621196504120021', '13912345678', 'a@b'];

describe('form validators compiled into the hook bundle', () => {
  let bundled: Record<string, () => SchemaValidateFunction>;
  beforeAll(async () => {
    bundled = await loadBundledValidators();
  }, 120_000);

  it('carry one validator for every shipped form, keyed by the hash of its schema', () => {
    expect(shipped.length).toBeGreaterThan(5);
    const forms = shippedFormSchemas(path.join(root, 'workflows'));
    for (const { key, schema } of shipped) expect(Object.keys(bundled), key).toContain(formSchemaHash(schema, nodeSha256));
    expect(Object.keys(bundled).sort()).toEqual([...forms.keys()].sort());
  });

  it('answer a changed schema with nothing: a hash covers the whole schema', () => {
    const schema = shipped.find((s) => s.key === 'dibao')!.schema;
    const changed = { ...schema, title: `${String(schema.title ?? '')}（改）` } as FormSchema;
    expect(Object.keys(bundled)).not.toContain(formSchemaHash(changed, nodeSha256));
  });

  for (const { key, schema, sample } of shipped) {
    it(`answer exactly as ajv compiled from the schema, on the ${key} sample and changes to it`, () => {
      const fromBundle = bundled[formSchemaHash(schema, nodeSha256)]!();
      const compiled = createAjv().compile(schema);
      const precompiledForm = createFormValidator(schema, { precompiled: fromBundle });
      const compiledForm = createFormValidator(schema);
      const answers = (data: unknown) => {
        const validOne = fromBundle(data);
        const validOther = compiled(data);
        expect(validOne).toBe(validOther);
        expect(fromBundle.errors ?? null).toEqual(compiled.errors ?? null);
        expect(precompiledForm.validate(data)).toEqual(compiledForm.validate(data));
      };
      answers(sample);
      answers({});
      const paths = pathsOf(sample);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.nat(oddValues.length - 1)), { minLength: 1, maxLength: 3 }), (changes) => {
          let data: unknown = sample;
          for (const [p, v] of changes) {
            const at = paths[p]!;
            data = at.length === 0 || pathsOf(data).some((q) => q.join('\u0000') === at.join('\u0000')) ? withChange(data, at, oddValues[v]) : data;
          }
          answers(data);
        }),
        { numRuns: 60 },
      );
    });
  }
});
