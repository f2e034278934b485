/** What a case holds of its decision items and milestones (definition: `decisions`, `milestones`). */
import type { DecisionItemOutcome } from '../definition/types.js';

/** One item's decision, as recorded by the `decide` effect. */
export interface DecisionItemState {
  outcome: DecisionItemOutcome;
  /** The amount decided (元 a month, or as the definition says), when the effect names one. */
  amount?: number;
  /** The written reasons of a refusal (the effect's `reasons` pointer, else the command's comment). */
  reasons?: string;
  /** ISO date-time of the decision. */
  at: string;
  /** The step it was decided on. */
  step: string;
  /** Who decided (user id; `system` for a timer). */
  by: string;
}

/** A milestone the case reached (kept once reached; the first time counts). */
export interface MilestoneState {
  at: string;
  step: string;
}

/** The decision of an item as a document's view gets it (`decisionItem` in a notice's template). */
export interface DecisionNoticeView {
  item: string;
  name: string;
  outcome: DecisionItemOutcome;
  amount?: number;
  reasons?: string;
}
