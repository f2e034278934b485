/**
 * Runs the named effects a definition lists (`[{ effect, args }]`) through the registry.
 */
import type { EffectRef, JsonValue } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { Effect } from './types.js';
import { ownEntry } from '../definition/ownEntry.js';

/** The effect descriptions and flags produced by `refs`. */
export function applyNamedEffects(wf: CompiledWorkflow, refs: EffectRef[] | undefined, data: Record<string, JsonValue>): { effects: Effect[]; flags: string[] } {
  const effects: Effect[] = [];
  const flags: string[] = [];
  for (const ref of refs ?? []) {
    const impl = ownEntry(wf.effects, ref.effect);
    if (!impl) throw new Error(`未注册的效果“${ref.effect}”：请在引擎的效果注册表中实现它，或改正流程定义。`);
    const out = impl({ data, parameters: wf.parameters, args: ref.args ?? {} });
    effects.push(...out.effects);
    flags.push(...(out.flags ?? []));
  }
  return { effects, flags };
}
