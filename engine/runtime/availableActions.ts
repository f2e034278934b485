/**
 * What an actor may do on a case now: the actions of the current step that the rules of acting
 * (actionRules.ts, the same `decide` applies) allow them, with what each needs (a comment, a return
 * target).
 */
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import { ownEntry } from '../definition/ownEntry.js';
import { actionVerdict, requiresComment } from './actionRules.js';
import { stepActionEntries } from './parallelBranches.js';
import type { DecideEnv } from './decide.js';
import type { Actor, CaseSnapshot } from '../model/index.js';

/** An action offered to the actor. */
export interface ActionOffer {
  action: string;
  kind: string;
  label: string;
  labelEn?: string;
  requiresComment: boolean;
  /** For returns: the steps the case may be sent back to, with their names. */
  returnTo?: { step: string; name: string }[];
  /** On a parallel step: the branch whose task the action is taken on. */
  branch?: string;
  /** Data sections this action writes. */
  writes?: string[];
  /** For a panel's `vote`: what the ballot is (`vote`: for/against, `score`: 0 … maxScore; either may abstain or recuse). */
  ballot?: { kind: 'vote' | 'score'; maxScore?: number };
}

/** The actions `actor` may take on the case now (empty when none). */
export function availableActions(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, env: Pick<DecideEnv, 'data' | 'recusedActors' | 'subjectFacts' | 'caseId'> & { now?: Date }): ActionOffer[] {
  if (snapshot.status === 'done') return [];
  const step = ownEntry(wf.definition.steps, snapshot.step);
  if (!step || (step.type !== 'task' && step.type !== 'timer' && step.type !== 'parallel')) return [];
  const offers: ActionOffer[] = [];
  // A parallel step's actions are its branches', each offered as `<branch>.<action>` to that branch's assignee only.
  for (const [name, action, branch] of stepActionEntries(step)) {
    if (!actionVerdict(wf, snapshot, actor, step, action, env).ok) continue;
    offers.push({
      action: name,
      kind: action.kind,
      label: branch !== undefined && step.type === 'parallel' ? `${ownEntry(step.branches, branch)!.name}：${action.label}` : action.label,
      ...(branch !== undefined ? { branch } : {}),
      ...(action.labelEn ? { labelEn: action.labelEn } : {}),
      requiresComment: requiresComment(action),
      ...(action.kind === 'return' ? { returnTo: (action.returnTo ?? []).map((s) => ({ step: s, name: ownEntry(wf.definition.steps, s)?.name ?? s })) } : {}),
      ...(action.writes ? { writes: action.writes } : {}),
      ...(action.kind === 'vote' && step.type === 'task' && step.panel ? { ballot: step.panel.ballot === 'score' ? { kind: 'score' as const, maxScore: step.panel.maxScore ?? 100 } : { kind: 'vote' as const } } : {}),
    });
  }
  return offers;
}
