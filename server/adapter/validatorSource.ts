/**
 * Makes a form's validator module on the server, as the loader's precompileValidator does with a
 * bundler: ajv's standalone code of the form's schema, with its `require`s answered from the
 * validators' runtime the hook bundle carries (server/build/validatorRuntime.ts) — a
 * self-contained ES module (`export default` the validate function) that generates no code when
 * it runs, so the apply page imports it under the app's Content-Security-Policy.
 */
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv, type FormSchema } from '../../forms/core/index.js';
import { HttpError } from './httpError.js';

/** Set by the hook bundle's build: the runtime script defining `tongbanValidatorRuntime`. */
declare const TONGBAN_VALIDATOR_RUNTIME: string;

const formatsModule = 'tongban-formats';
/** The modules the runtime provides (server/build/validatorRuntime.ts). */
const provided = new Set(['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length', 'ajv/dist/runtime/validation_error', formatsModule]);

type Standalone = (ajv: unknown, validate: unknown) => string;

/** The standalone validator module (text) of a form schema. */
export function validatorModuleSource(schema: FormSchema): string {
  const runtime = typeof TONGBAN_VALIDATOR_RUNTIME === 'string' ? TONGBAN_VALIDATOR_RUNTIME : '';
  if (!runtime) throw new HttpError(500, 'internal', '服务器缺少表单校验模块的运行时，无法发布。');
  const ajv = createAjv({ standaloneFormatsModule: formatsModule });
  const make = (typeof standaloneCode === 'function' ? standaloneCode : (standaloneCode as unknown as { default: Standalone }).default) as Standalone;
  const code = make(ajv, ajv.compile(schema));
  const required = /require\("([^"]+)"\)/g;
  for (let m = required.exec(code); m; m = required.exec(code)) {
    if (!provided.has(m[1]!)) throw new HttpError(500, 'internal', `表单校验模块需要未提供的运行时“${m[1]}”，无法发布。`);
  }
  return [
    runtime,
    'const module = { exports: {} };',
    '(function (module, exports, require) {',
    code,
    '})(module, module.exports, function (name) { return tongbanValidatorRuntime[name]; });',
    'export default module.exports.default || module.exports;',
    '',
  ].join('\n');
}
