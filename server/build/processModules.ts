/**
 * Finding the process modules on disk: every `workflows/<key>/process.ts` (exporting
 * `processModule`) is the module of the process `<key>`. The hook bundle's entry registers them
 * (see hookEntry.ts); the CLI and the tests load them through here, so no list of processes is
 * kept by hand anywhere.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { processModuleProblems, type ProcessModule } from '../../engine/index.js';

/** The project's shipped workflows folder. */
export const workflowsRoot = path.resolve(import.meta.dirname, '../../workflows');

/** The file name of a process module inside its process folder. */
export const processModuleFileName = 'process.ts';

/** One process module file: the folder's key and the file's absolute path. */
export interface ProcessModuleFile {
  key: string;
  file: string;
}

/** Every `<root>/<key>/process.ts`, sorted by key. */
export function processModuleFiles(root = workflowsRoot): ProcessModuleFile[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, processModuleFileName)))
    .map((d) => ({ key: d.name, file: path.join(root, d.name, processModuleFileName) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Loads the process module of the process folder `dir`, or undefined when it has none. Throws when
 * the file does not export a `processModule` for the folder's key, or the module has problems.
 */
export async function loadProcessModule(dir: string): Promise<ProcessModule | undefined> {
  const file = path.join(dir, processModuleFileName);
  if (!existsSync(file)) return undefined;
  const loaded = (await import(pathToFileURL(file).href)) as { processModule?: ProcessModule };
  const module = loaded.processModule;
  const where = path.relative(process.cwd(), file);
  if (!module || typeof module !== 'object' || typeof module.key !== 'string') throw new Error(`${where} 须导出 processModule（含 key 的流程模块）。`);
  if (module.key !== path.basename(dir)) throw new Error(`${where} 的流程模块标识“${module.key}”须与目录名“${path.basename(dir)}”相同。`);
  const problems = processModuleProblems(module);
  if (problems.length > 0) throw new Error(`${where}：\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return module;
}

/** Loads every process module under `root`, by key. */
export async function loadProcessModules(root = workflowsRoot): Promise<Map<string, ProcessModule>> {
  const modules = new Map<string, ProcessModule>();
  for (const { key, file } of processModuleFiles(root)) {
    const module = await loadProcessModule(path.dirname(file));
    if (module) modules.set(key, module);
  }
  return modules;
}
