/**
 * Precompiles the form validators of the shipped workflows into standalone ES modules (ajv's
 * standalone code, bundled by esbuild with Tongban's formats), written to the web app's public folder
 * as `validators/<key>@<version>.js`. The page loads the module of a form version instead of
 * compiling the schema, so no code is generated in the browser (`new Function`), which a strict
 * Content-Security-Policy forbids, and a form opens without the compile cost.
 */
import standalone from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAjv, type FormSchema } from '../../forms/core/index.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Where the modules go: Vite's public folder of the web app (git-ignored), copied into the build. */
export const validatorsDir = path.join(projectRoot, 'web/public/validators');

const formatsModule = 'tongban-formats';

/** The standalone ES module (text) of one form schema: `export default` the ajv validate function. */
export async function precompileValidator(schema: FormSchema): Promise<string> {
  const ajv = createAjv({ standaloneFormatsModule: formatsModule });
  const source = standalone.default(ajv, ajv.compile(schema));
  const result = await build({
    stdin: { contents: source, resolveDir: projectRoot, loader: 'js', sourcefile: 'validator.cjs' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    alias: { [formatsModule]: path.join(projectRoot, 'forms/core/formats/tongbanFormats.ts') },
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** Writes the modules of every shipped workflow's form; returns the file names. */
export async function buildValidators(outDir = validatorsDir): Promise<string[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const workflowsDir = path.join(projectRoot, 'workflows');
  for (const entry of readdirSync(workflowsDir, { withFileTypes: true })) {
    const dir = path.join(workflowsDir, entry.name);
    const schemaFile = path.join(dir, 'form.schema.json');
    if (!entry.isDirectory() || !existsSync(schemaFile)) continue;
    const definition = JSON.parse(readFileSync(path.join(dir, 'workflow.json'), 'utf8')) as { key: string; version: number };
    const name = `${definition.key}@${definition.version}.js`;
    writeFileSync(path.join(outDir, name), await precompileValidator(JSON.parse(readFileSync(schemaFile, 'utf8')) as FormSchema));
    written.push(name);
  }
  return written;
}
