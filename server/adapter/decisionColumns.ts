/**
 * A case's decision items and milestones as the case record and the case summary carry them: each
 * with its name from the definition, so that lists and dashboards need no definition to show them,
 * and the milestones reached as `|granted|paid|` for filtering with the record API.
 */
import { ownEntry, type CaseSnapshot, type DecisionItemState, type MilestoneState } from '../../engine/index.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** What the case record and summary carry of the items and milestones. */
export interface DecisionColumns {
  /** Decided items, by item key, with their names. */
  decisions: Record<string, DecisionItemState & { name: string }>;
  /** Milestones reached, by key, with their names. */
  milestones: Record<string, MilestoneState & { name: string }>;
  /** The keys of the milestones reached, sorted, `|granted|paid|` (empty when none). */
  milestonesReached: string;
}

/** The items and milestones of `snapshot` with their names in `wf`. */
export function decisionColumns(wf: LoadedWorkflow, snapshot: CaseSnapshot): DecisionColumns {
  const decisions: DecisionColumns['decisions'] = {};
  const milestones: DecisionColumns['milestones'] = {};
  // Sorted: a definition read back from the database has no reliable key order.
  for (const key of Object.keys(wf.definition.decisions ?? {}).sort()) {
    const state = ownEntry(snapshot.decisions, key);
    if (state) decisions[key] = { name: ownEntry(wf.definition.decisions, key)!.name, ...state };
  }
  const reached: string[] = [];
  for (const key of Object.keys(wf.definition.milestones ?? {}).sort()) {
    const state = ownEntry(snapshot.milestones, key);
    if (!state) continue;
    milestones[key] = { name: ownEntry(wf.definition.milestones, key)!.name, ...state };
    reached.push(key);
  }
  return { decisions, milestones, milestonesReached: reached.length > 0 ? `|${reached.join('|')}|` : '' };
}
