/**
 * The runtime a standalone form validator needs (ajv's `equal`, `ucs2length`, `validation_error`
 * and Tongban's formats), bundled once at build time into a script text that defines
 * `tongbanValidatorRuntime` (module name → exports). The hook bundle carries it, so the server
 * can make a published version's validator module itself (server/adapter/validatorSource.ts),
 * with no bundler at hand in PocketBase's VM.
 */
import { build } from 'esbuild';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The module names a standalone validator may require, and the files that provide them. */
export const validatorRuntimeModules: Record<string, string> = {
  'ajv/dist/runtime/equal': 'ajv/dist/runtime/equal',
  'ajv/dist/runtime/ucs2length': 'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/validation_error': 'ajv/dist/runtime/validation_error',
  'tongban-formats': './forms/core/formats/tongbanFormats.ts',
};

/** The runtime as a minified script (es2020) defining `var tongbanValidatorRuntime`. */
export async function validatorRuntimeSource(): Promise<string> {
  const entries = Object.entries(validatorRuntimeModules).map(([name, file]) => `${JSON.stringify(name)}: require(${JSON.stringify(file)})`);
  const result = await build({
    stdin: { contents: `module.exports = { ${entries.join(', ')} };`, resolveDir: projectRoot, loader: 'js', sourcefile: 'validator-runtime.cjs' },
    bundle: true,
    format: 'iife',
    globalName: 'tongbanValidatorRuntime',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}
