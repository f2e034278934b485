/**
 * The implementations a definition can name: the built-in guards, effects and resolvers, plus those
 * of its own process module. Built once per compiled definition, as objects without a prototype,
 * so a name is only ever an own entry.
 */
import type { DefinitionProblem } from '../definition/problems.js';
import { hasOwnEntry, inheritedNames } from '../definition/ownEntry.js';
import { builtInEffects, type EffectRegistry } from '../registry/effects.js';
import { builtInGuards, type GuardRegistry } from '../registry/guards.js';
import { builtInResolvers, type ResolverRegistry } from '../registry/resolvers.js';
import type { ProcessModule } from './processModule.js';

/** Every guard, effect and resolver one definition may name. */
export interface Implementations {
  guards: GuardRegistry;
  effects: EffectRegistry;
  resolvers: ResolverRegistry;
}

/** The three registry slots of a module, with the words used in messages. */
const slots = [
  ['guards', '守卫'],
  ['effects', '效果'],
  ['resolvers', '办理人解析器'],
] as const;

/**
 * What is wrong with a process module: a key that is not the definition's, a name outside the
 * module's namespace (`<key>.…`), a name every object inherits, an entry that is not a function.
 * Paths point into the module (`/guards/<name>`).
 */
export function processModuleProblems(module: ProcessModule, definitionKey?: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (definitionKey !== undefined && module.key !== definitionKey) problems.push({ path: '/key', message: `流程模块属于“${module.key}”，不是此流程“${definitionKey}”。` });
  for (const [slot, word] of slots) {
    const registry = module[slot];
    if (registry === undefined) continue;
    for (const name of Object.keys(registry)) {
      const path = `/${slot}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!name.startsWith(`${module.key}.`) || name.length === module.key.length + 1 || inheritedNames.has(name)) {
        problems.push({ path, message: `流程模块注册的${word}“${name}”须以流程标识“${module.key}.”开头。` });
      } else if (typeof registry[name] !== 'function') {
        problems.push({ path, message: `流程模块注册的${word}“${name}”不是函数。` });
      }
    }
  }
  const programme = module.registerProgramme;
  if (programme !== undefined) {
    for (const field of ['label', 'fact', 'status'] as const) {
      if (typeof programme[field] !== 'string' || programme[field].trim() === '') problems.push({ path: `/registerProgramme/${field}`, message: `流程模块的救助项目须写明 ${field}（非空文字）。` });
    }
  }
  return problems;
}

function merged<T>(builtIn: Readonly<Record<string, T>>, own: Readonly<Record<string, T>> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const name of Object.keys(builtIn)) out[name] = builtIn[name]!;
  for (const name of Object.keys(own ?? {})) if (hasOwnEntry(own, name) && !hasOwnEntry(out, name)) out[name] = own![name]!;
  return out;
}

/** The built-in implementations plus those of `module` (whose problems the caller has refused). */
export function implementationsOf(module: ProcessModule | undefined): Implementations {
  return {
    guards: merged(builtInGuards, module?.guards),
    effects: merged(builtInEffects, module?.effects),
    resolvers: merged(builtInResolvers, module?.resolvers),
  };
}
