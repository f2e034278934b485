/**
 * Precompiles a form's validator into a standalone ES module (ajv's standalone code, bundled by
 * esbuild with Tongban's formats). Publishing a workflow version stores its module with it and the
 * server serves it at `/api/tongban/workflows/<key>/<version>/validator.js`; the page imports it
 * instead of compiling the schema, so no code is generated in the browser (`new Function`), which a
 * strict Content-Security-Policy forbids, and a form opens without the compile cost.
 */
import standalone from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import path from 'node:path';
import { createAjv, type FormSchema } from '../../forms/core/index.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

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
