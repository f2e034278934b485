/**
 * The process modules the server knows, by process key. The hook bundle's generated entry
 * (server/build/hookEntry.ts) registers every `workflows/<key>/process.ts` once when the bundle
 * loads, so this adapter never names a process; a definition finds its module by its key.
 */
import { DefinitionError, processModuleProblems, type ProcessModule } from '../../engine/index.js';

const byKey = new Map<string, ProcessModule>();

/** Registers process modules; a second module for one key, or a module with problems, is refused. */
export function registerProcessModules(modules: readonly ProcessModule[]): void {
  for (const module of modules) {
    const problems = processModuleProblems(module);
    if (problems.length > 0) throw new DefinitionError(problems.map((p) => ({ path: `/process${p.path}`, message: p.message })));
    const known = byKey.get(module.key);
    if (known && known !== module) throw new Error(`流程“${module.key}”的流程模块注册了两次。`);
    byKey.set(module.key, module);
  }
}

/** The process module of a process key, or undefined when the process has none. */
export function processModuleFor(key: string): ProcessModule | undefined {
  return byKey.get(key);
}

/** Every registered process module, in registration order. */
export function registeredProcessModules(): ProcessModule[] {
  return [...byKey.values()];
}
