/**
 * Decision items and milestones at run time: the `decide` and `reachMilestone` effects a command or
 * a step's entry produced are checked and recorded in the snapshot (an item's outcome, amount and
 * reasons; a milestone's first reaching), each decided item issues its own notice as a
 * `renderDocument` effect, and a final step with outcome `byDecisions` takes the case's outcome from
 * the items. Everything read here — the case data, the comment, the actor, the time — is in the
 * command's event, so replay decides the same.
 */
import type { DecisionItemOutcome } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import { ownEntry } from '../definition/ownEntry.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import type { CaseSnapshot, DecisionItemState, Effect, MilestoneState, Rejection } from '../model/index.js';

/** Who decides, when and where. */
export interface DecisionContext {
  now: Date;
  actor: string;
  step: string;
  comment?: string;
}

/** The snapshot with the items and milestones recorded and the effects left for the host, or why not. */
export type DecisionRecording = { ok: true; snapshot: CaseSnapshot; effects: Effect[] } | { ok: false; rejection: Rejection };

const outcomes: readonly string[] = ['approved', 'rejected'];

/** The outcome map conditions read: item key → outcome (decided items only). */
export function decisionOutcomes(snapshot: Pick<CaseSnapshot, 'decisions'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, state] of Object.entries(snapshot.decisions ?? {})) Object.defineProperty(out, key, { value: state.outcome, enumerable: true });
  return out;
}

/** The milestones reached, for conditions. */
export function milestonesReached(snapshot: Pick<CaseSnapshot, 'milestones'>): string[] {
  return Object.keys(snapshot.milestones ?? {});
}

/** The case's outcome by the decision policy: approved when any (or every) declared item is approved. */
export function outcomeByDecisions(wf: CompiledWorkflow, snapshot: CaseSnapshot): 'approved' | 'rejected' {
  const items = Object.keys(wf.definition.decisions ?? {});
  const approved = (key: string) => ownEntry(snapshot.decisions, key)?.outcome === 'approved';
  const rule = wf.definition.decisionPolicy?.outcome ?? 'anyApproved';
  const ok = rule === 'allApproved' ? items.length > 0 && items.every(approved) : items.some(approved);
  return ok ? 'approved' : 'rejected';
}

/** Sets the outcome of a case that ended in a `byDecisions` final step from its items. */
export function withOutcomeByDecisions(wf: CompiledWorkflow, snapshot: CaseSnapshot): CaseSnapshot {
  const step = ownEntry(wf.definition.steps, snapshot.step);
  if (snapshot.status !== 'done' || step?.type !== 'final' || step.outcome !== 'byDecisions') return snapshot;
  return { ...snapshot, outcome: outcomeByDecisions(wf, snapshot) };
}

const refuse = (code: Rejection['code'], message: string, path?: string): DecisionRecording => ({ ok: false, rejection: path ? { code, message, path } : { code, message } });

/**
 * Records the `decideItem` and `reachMilestone` effects of `effects` in `snapshot` (in order) and
 * answers the other effects with each decided item's notice in its place. Refuses an item or
 * milestone the definition does not declare, an outcome other than approved / rejected, an amount
 * that is not a number, and a refusal without written reasons.
 */
export function recordDecisions(wf: CompiledWorkflow, snapshot: CaseSnapshot, effects: Effect[], context: DecisionContext): DecisionRecording {
  let next = snapshot;
  const out: Effect[] = [];
  for (const e of effects) {
    if (e.type === 'reachMilestone') {
      if (!ownEntry(wf.definition.milestones, e.milestone)) return refuse('not_allowed', `流程没有声明节点“${e.milestone}”。`);
      if (ownEntry(next.milestones, e.milestone)) continue;
      const reached: MilestoneState = { at: context.now.toISOString(), step: context.step };
      next = { ...next, milestones: { ...next.milestones, [e.milestone]: reached } };
      continue;
    }
    if (e.type !== 'decideItem') {
      out.push(e);
      continue;
    }
    const item = ownEntry(wf.definition.decisions, e.item);
    if (!item) return refuse('not_allowed', `流程没有声明决定事项“${e.item}”。`);
    if (typeof e.outcome !== 'string' || !outcomes.includes(e.outcome)) {
      return refuse('invalid_data', `请选择“${item.name}”的决定：批准或不予批准。`, e.outcomePath);
    }
    const outcome = e.outcome as DecisionItemOutcome;
    let amount: number | undefined;
    if (outcome === 'approved' && e.amount !== undefined && e.amount !== null) {
      if (typeof e.amount !== 'number' || !Number.isFinite(e.amount)) return refuse('invalid_data', `“${item.name}”的金额必须是数字。`, e.amountPath);
      amount = e.amount;
    }
    let reasons: string | undefined;
    if (outcome === 'rejected') {
      const written = typeof e.reasons === 'string' && e.reasons.trim().length >= 2 ? e.reasons : context.comment;
      if (written === undefined || written.trim().length < 2) return refuse('invalid_data', `不予批准“${item.name}”须写明理由。`, '/comment');
      reasons = written.trim();
    }
    const state: DecisionItemState = { outcome, ...(amount !== undefined ? { amount } : {}), ...(reasons !== undefined ? { reasons } : {}), at: context.now.toISOString(), step: context.step, by: context.actor };
    next = { ...next, decisions: { ...next.decisions, [e.item]: state } };
    if (item.notice) {
      const issuer = item.notice.issuer === undefined ? undefined : resolveLevel(item.notice.issuer, wf.parameters);
      out.push({
        type: 'renderDocument',
        template: item.notice.template,
        kind: item.notice.kind ?? 'decision',
        title: item.notice.title,
        ...(issuer ? { issuer } : {}),
        decision: { item: e.item, name: item.name, outcome, ...(amount !== undefined ? { amount } : {}), ...(reasons !== undefined ? { reasons } : {}) },
      });
    }
  }
  return { ok: true, snapshot: withOutcomeByDecisions(wf, next), effects: out };
}

