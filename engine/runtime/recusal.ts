/**
 * 回避 from the 近亲属 register: staff the register names for a case's household may not act on
 * it — at any step, for any action, whether or not anyone ticked 近亲属备案 — and a case the
 * register names anyone for carries the {@link relativeFilingFlag}, so the definition's routes for
 * 近亲属备案 cases (a higher level's home visit, for example) follow on their own.
 */
import type { StepDefinition } from '../definition/types.js';
import type { Actor } from '../model/index.js';

/** The flag of a case with a declared close relative among its staff (近亲属备案). */
export const relativeFilingFlag = 'relativeFiling';

/** Whether `actor` must recuse themselves from acting at `step` (a step may opt out with `recusal: false`). */
export function mustRecuse(step: StepDefinition, actor: Actor, recusedActors: readonly string[] | undefined): boolean {
  if (actor.kind === 'system' || !recusedActors || recusedActors.length === 0) return false;
  if (step.type === 'task' && step.recusal === false) return false;
  return recusedActors.includes(actor.id);
}

/** The case's flags with the {@link relativeFilingFlag} raised when the register names anyone. */
export function withRegisterFlag(flags: readonly string[], recusedActors: readonly string[] | undefined): string[] {
  return recusedActors && recusedActors.length > 0 && !flags.includes(relativeFilingFlag) ? [...flags, relativeFilingFlag] : [...flags];
}
