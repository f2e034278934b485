/**
 * Bundles the command adapter (TypeScript, with the engine, forms/core and Handlebars) and every
 * process's module (through the generated entry of hookEntry.ts) into one CommonJS
 * file for PocketBase's goja VM: es2022, no Node APIs. Skips the work when no input changed.
 */
import { build, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundledValidatorsPlugin } from './bundledValidators.js';
import { hookEntrySource } from './hookEntry.js';
import { validatorRuntimeSource } from './validatorRuntime.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
/** Where the bundle goes (git-ignored). */
export const hookBundlePath = path.join(projectRoot, 'server/pb_hooks/generated/tongban.cjs');
/**
 * The trust layer's hooks (headers, errors, sign-in), bundled apart: they run on every request,
 * so each of PocketBase's JS VMs loads this small file, not the engine.
 */
export const trustBundlePath = path.join(projectRoot, 'server/pb_hooks/generated/trust.cjs');

function collectFiles(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collectFiles(full, out);
    else if (/\.(ts|json)$/.test(entry.name)) out.push(full);
  }
}

function inputsHash(): string {
  const files: string[] = [];
  for (const dir of ['engine', 'forms/core', 'server/adapter', 'workflows']) collectFiles(path.join(projectRoot, dir), files);
  // Dependencies bundled in (xstate, handlebars …) change with the lockfile.
  files.push(path.join(projectRoot, 'package-lock.json'), path.join(projectRoot, 'server/build/buildHooks.ts'), path.join(projectRoot, 'server/build/hookEntry.ts'), path.join(projectRoot, 'server/build/processModules.ts'), path.join(projectRoot, 'server/build/validatorRuntime.ts'), path.join(projectRoot, 'server/build/bundledValidators.ts'), path.join(projectRoot, 'server/build/readFormSchema.ts'));
  const hash = createHash('sha256');
  for (const f of files.sort()) if (existsSync(f)) hash.update(path.relative(projectRoot, f)).update(readFileSync(f));
  return hash.digest('hex');
}

/** Builds the hook bundle if its inputs changed; returns true when it built. */
export async function buildHooks(options: { force?: boolean } = {}): Promise<boolean> {
  const stamp = `${hookBundlePath}.inputs`;
  const hash = inputsHash();
  if (!options.force && existsSync(hookBundlePath) && existsSync(trustBundlePath) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  mkdirSync(path.dirname(hookBundlePath), { recursive: true });
  // The generated entry registers every process module, then exports the adapter.
  // The standalone validators' runtime goes in as a text: the server makes a published draft's validator module with it.
  // The shipped forms' validators go in precompiled (bundledValidators.ts): a VM validates them without compiling.
  await bundle({ stdin: { contents: hookEntrySource(projectRoot), resolveDir: projectRoot, sourcefile: 'tongban-hooks-entry.ts', loader: 'ts' }, plugins: [bundledValidatorsPlugin(projectRoot)] }, hookBundlePath, { TONGBAN_VALIDATOR_RUNTIME: JSON.stringify(await validatorRuntimeSource()) });
  await bundle({ entryPoints: [path.join(projectRoot, 'server/adapter/trustHooks.ts')] }, trustBundlePath);
  writeFileSync(stamp, hash);
  return true;
}

async function bundle(input: Pick<BuildOptions, 'stdin' | 'entryPoints' | 'plugins'>, outfile: string, define: Record<string, string> = {}): Promise<void> {
  await build({
    ...input,
    define,
    outfile,
    bundle: true,
    format: 'cjs',
    // goja runs ES2022 syntax natively (object spread and rest, logical assignment, class fields):
    // an older target made esbuild replace every spread with helper calls (351 in the bundle), which
    // cost `decide` about a fifth of its time in the VM.
    target: 'es2022',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['require', 'default'],
    alias: { handlebars: 'handlebars/dist/cjs/handlebars.js' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}
