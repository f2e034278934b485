/** What a parent case keeps about the child cases a `children` step started and waits for. */
import type { ChildOutcome, JsonValue } from '../definition/types.js';

/**
 * The wait of one `children` step (the snapshot's `children[step]`): how many children its visit
 * started, how many ended ones settle it, and how each ended.
 */
export interface ChildrenWaitState {
  /** The visit the children belong to (`step#visit`): a child of another visit is stale. */
  key: string;
  /** How many child cases the visit started. */
  started: number;
  /** How many ended children settle the wait (`all`: every one started; `any`: 1; a count, at most `started`). */
  needed: number;
  /** The children that ended, by case id, with their outcome (excluded ones are not listed). */
  ended: Record<string, ChildOutcome>;
  /** Withdrawn children the step excludes from its wait (`withdrawn: "excluded"`), by case id. */
  excluded?: string[];
  /** How the wait ended: the children settled it, or the step's deadline passed first (absent while waiting). */
  result?: 'settled' | 'timedOut';
}

/** The signal a parent gets when one of its children ends (the `child.settled` command). */
export interface ChildSignal {
  /** The child case's id. */
  case: string;
  /** The wait it was started for (`step#visit` of the parent). */
  wait: string;
  outcome: ChildOutcome;
  /** The child's process key (which start spec it came from, for what it reports). */
  workflow?: string;
  /** The values the child reports (its spec's `collect.values`, read by the host from the ended child); recorded with the event. */
  values?: Record<string, JsonValue>;
}
