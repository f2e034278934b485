/**
 * Tallying a panel: who counts (members not recused by the 近亲属 register or their own 回避
 * declaration), whether the quorum is reached, and the result by the panel's rule. One function,
 * used when the last ballot comes in and when the organiser closes the panel.
 */
import type { JsonValue, PanelDefinition, PanelResult } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { PanelState, PanelTally } from '../model/index.js';
import { panelNumber } from './panelSeating.js';

/** The tally of a panel now and the result it comes to if closed now. */
export interface PanelCount {
  tally: PanelTally;
  result: PanelResult;
  /** Every member who counts has cast a ballot: nothing more can come in. */
  complete: boolean;
}

/** The ballots needed for the quorum of a panel of `eligible` members. */
export function quorumOf(panel: PanelDefinition, eligible: number, parameters: Record<string, JsonValue>): number {
  if ('share' in panel.quorum) return Math.max(1, Math.ceil(panel.quorum.share * eligible - 1e-9));
  const count = panelNumber(panel.quorum.count, parameters);
  return Number.isFinite(count) ? count : Infinity;
}

/** Counts `state` under `panel`'s rule; `registerRecused` are the staff the 近亲属 register names now. */
export function countPanel(panel: PanelDefinition, state: PanelState, parameters: Record<string, JsonValue>, registerRecused: readonly string[] = []): PanelCount {
  const excluded = new Set(registerRecused);
  let recused = 0;
  const counted: string[] = [];
  for (const id of state.members) {
    if (excluded.has(id) || ownEntry(state.ballots, id)?.choice === 'recuse') recused++;
    else counted.push(id);
  }
  const ballots = counted.map((id) => ownEntry(state.ballots, id)).filter((b) => b !== undefined);
  const scores = ballots.map((b) => b.score).filter((s): s is number => typeof s === 'number');
  const tally: PanelTally = {
    eligible: counted.length,
    cast: ballots.length,
    quorum: quorumOf(panel, counted.length, parameters),
    for: ballots.filter((b) => b.choice === 'for').length,
    against: ballots.filter((b) => b.choice === 'against').length,
    abstain: ballots.filter((b) => b.choice === 'abstain').length,
    recused,
    ...(scores.length > 0 ? { averageScore: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 } : {}),
  };
  const complete = counted.length > 0 && tally.cast === counted.length;
  if (tally.cast < tally.quorum) return { tally, result: 'quorumNotReached', complete };
  const rule = panel.rule;
  let passed: boolean;
  if (rule === 'majority') passed = tally.for * 2 > tally.cast;
  else if (rule === 'twoThirds') passed = tally.for * 3 >= tally.cast * 2;
  else {
    const threshold = panelNumber(rule.averageScoreAtLeast, parameters);
    passed = tally.averageScore !== undefined && Number.isFinite(threshold) && tally.averageScore >= threshold;
  }
  return { tally, result: passed ? 'passed' : 'failed', complete };
}

/** The results of the decided panels of a case, by step name (what `{ "panel": …, "result": … }` conditions read). */
export function panelResults(panels: Record<string, PanelState> | undefined): Record<string, string> {
  const results: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [step, state] of Object.entries(panels ?? {})) if (state.result) results[step] = state.result;
  return results;
}
