/** What `decide` answers: the next snapshot with effects and the event, or a typed refusal. */
import type { CaseSnapshot } from './caseSnapshot.js';
import type { Effect } from './effect.js';

/** The event appended to the case's history for an accepted command. */
export interface DecidedEvent {
  action: string;
  kind: string;
  from: string;
  to: string;
  actor: string;
  comment?: string;
  /** What a task verb did, for the timeline, e.g. `转办给 张三`. */
  note?: string;
  at: string;
}

/** Why `decide` refused a command. */
export type RejectionCode =
  /** The action is not offered in the current step (or the case is done). */
  | 'not_allowed'
  /** The actor is not an assignee of the open task (or is recused). */
  | 'not_your_task'
  /** Data or comment is missing or invalid. */
  | 'invalid_data'
  /** The command's version is not the case's version. */
  | 'stale_version'
  /** A task verb asked again too soon (催办). */
  | 'too_soon';

/** A typed refusal, with a Chinese message and, for data problems, the JSON path. */
export interface Rejection {
  code: RejectionCode;
  message: string;
  path?: string;
}

/** What `decide` answers. */
export type Decision =
  | { ok: true; snapshot: CaseSnapshot; effects: Effect[]; event: DecidedEvent }
  | { ok: false; rejection: Rejection };
