/** What a panel (a group decision on a task step) holds while it sits and after it decided. */
import type { PanelResult } from '../definition/types.js';

/**
 * One member's ballot: a vote (`for`, `against`), a `score`, an abstention (`abstain`: counts
 * toward the quorum, not for the motion) or a 回避 declaration (`recuse`: the member leaves the
 * panel and no longer counts toward its size).
 */
export interface Ballot {
  choice?: 'for' | 'against' | 'abstain' | 'recuse';
  score?: number;
}

/** The counts a panel was decided on. */
export interface PanelTally {
  /** Members not recused (by the 近亲属 register or their own declaration): the panel's size n. */
  eligible: number;
  /** Ballots cast by them (abstentions included). */
  cast: number;
  /** Ballots needed for the quorum. */
  quorum: number;
  for: number;
  against: number;
  abstain: number;
  recused: number;
  /** Average of the scores given (score panels, when any was given). */
  averageScore?: number;
}

/** A panel of the case, under its step name in the snapshot's `panels`. */
export interface PanelState {
  /** The visit of the step this panel sat in (a revisited step seats a new panel). */
  visit: number;
  /** Members' user ids, in seating order. */
  members: string[];
  /** The unit whose officers the members are. */
  unit: string;
  /** Each member's own ballot, under their user id: written only by that member's command. */
  ballots: Record<string, Ballot>;
  /** Set when the panel closed. */
  result?: PanelResult;
  tally?: PanelTally;
}
