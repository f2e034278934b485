/** What a client asks of a case. */
import type { JsonValue } from '../definition/types.js';
import type { Ballot } from './panel.js';
import type { Actor } from './actor.js';
import type { CheckSignal } from './externalCheck.js';
import type { ChildSignal } from './childrenWait.js';

/** A command on a case, as sent by a client. */
export interface Command {
  /** The action name offered by the current step, e.g. `approve`, or `timer.elapsed` from the sweep. */
  action: string;
  /** Form data written by this command (only sections the step allows). */
  data?: Record<string, JsonValue>;
  /** Comment or reason; mandatory for reject/return/extend. */
  comment?: string;
  /** The case version the client saw (optimistic concurrency). */
  version: number;
  /** Client-generated id; a repeated id returns the first answer. */
  commandId: string;
  /** For `return`: the step to return to. */
  returnTo?: string;
  /** For timer commands: the timer key that fell due. */
  timerKey?: string;
  /** For `vote` actions: the member's own ballot. */
  ballot?: Ballot;
  /** For `child.settled` (the system, when a child case ends): which child ended and how. */
  child?: ChildSignal;
  /** For `check.reported` and `check.failed` (the system, for the external check service): which request, and why it failed. */
  check?: CheckSignal;
  /** For task verbs (`verb.*`): whom the verb names, as the host found them. */
  verb?: VerbArgs;
}

/** A user a task verb names (转办, 加签, 抄送), by value as the host resolved them. */
export interface VerbTarget extends Actor {
  name: string;
}

/** The arguments of a task verb. */
export interface VerbArgs {
  /** The colleague (转办), the signer (加签) or the readers (抄送). */
  to?: VerbTarget[];
  /** 加签: before or after the one who adds. */
  position?: 'before' | 'after';
}

