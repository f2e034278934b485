/**
 * Runs the named effects a definition lists (`[{ effect, args }]`) through the registry.
 */
import type { EffectRef, JsonValue } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { Effect } from '../model/index.js';
import { ownEntry } from '../definition/ownEntry.js';
import { UnregisteredNameError } from '../process/unregisteredName.js';

/**
 * The effect descriptions and flags produced by `refs`, each seeing the data and the subject facts the
 * command carries and its time (`now`: the command's, the recorded event time on replay); an effect
 * the workflow lacks throws {@link UnregisteredNameError}.
 */
export function applyNamedEffects(wf: CompiledWorkflow, refs: EffectRef[] | undefined, data: Record<string, JsonValue>, subjectFacts?: Record<string, JsonValue>, now?: Date): { effects: Effect[]; flags: string[] } {
  const effects: Effect[] = [];
  const flags: string[] = [];
  for (const ref of refs ?? []) {
    const impl = ownEntry(wf.effects, ref.effect);
    if (!impl) throw new UnregisteredNameError('effect', ref.effect);
    const out = impl({ data, parameters: wf.parameters, args: ref.args ?? {}, ...(subjectFacts ? { subjectFacts } : {}), ...(now ? { now } : {}) });
    effects.push(...out.effects);
    flags.push(...(out.flags ?? []));
  }
  return { effects, flags };
}
