/**
 * Returns go back, never forward: a `returnTo` target of a step must come before it. A step T is
 * *before* the returning step R when some route of forward exits (action targets, `onElapsed`,
 * choice routes — returns left out) leads from T to R in one move or more; as every step is reached
 * from the initial step (or refused as unreachable), T then lies on a route from the start to R.
 * A 受理 "return" to 审批 (skipping 初审 and 公示) is refused; a return within a loop of forward
 * routes, where each step also comes before the other, is allowed.
 */
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The returnTo targets that do not come before their step; `forward` gives a step's forward exits (defined targets only). */
export function returnTargetProblems(def: WorkflowDefinition, forward: (n: string) => string[]): DefinitionProblem[] {
  const steps = def.steps;
  const incoming = new Map<string, string[]>();
  for (const from of Object.keys(steps)) for (const t of forward(from)) if (hasOwnEntry(steps, t)) { const list = incoming.get(t); if (list) list.push(from); else incoming.set(t, [from]); }
  const before = new Map<string, Set<string>>();
  /** The steps from which a forward route of one move or more reaches `step` (walked backwards, once per returning step). */
  const beforeOf = (step: string): Set<string> => {
    let found = before.get(step);
    if (found) return found;
    found = new Set<string>();
    const queue = [...(incoming.get(step) ?? [])];
    for (const q of queue) found.add(q);
    for (let i = 0; i < queue.length; i++) for (const from of incoming.get(queue[i]!) ?? []) if (!found.has(from)) { found.add(from); queue.push(from); }
    before.set(step, found);
    return found;
  };
  const problems: DefinitionProblem[] = [];
  for (const [name, step] of Object.entries(steps)) {
    if (step.type !== 'task' && step.type !== 'timer') continue;
    for (const [actionName, action] of Object.entries(step.actions ?? {})) {
      (action.returnTo ?? []).forEach((target, i) => {
        if (!hasOwnEntry(steps, target) || beforeOf(name).has(target)) return;
        problems.push({ path: `/steps/${escape(name)}/actions/${escape(actionName)}/returnTo/${i}`, message: `退回目标“${ownEntry(steps, target)!.name}”不在“${step.name}”之前：没有从它经办理到“${step.name}”的路线，退回只能回到之前的步骤。` });
      });
    }
  }
  return problems;
}
