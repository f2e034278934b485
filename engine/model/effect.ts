/** The side effects the engine asks the host to carry out. */
import type { AssigneeLevel, JsonValue } from '../definition/types.js';
import type { OpenTask } from './caseSnapshot.js';
import type { DecisionNoticeView } from './decisionItems.js';

/** Descriptions of side effects; the server adapter executes them in the same transaction. */
export type Effect =
  | { type: 'openTask'; task: OpenTask }
  | { type: 'closeTask'; key: string; outcome: 'completed' | 'cancelled' }
  | { type: 'scheduleTimer'; key: string; step: string; dueAt: string }
  | { type: 'cancelTimer'; key: string }
  /** Moves the due date of an open task or a pending timer (the working calendar changed). */
  | { type: 'moveDeadline'; target: 'task' | 'timer'; key: string; dueAt: string }
  /** `issuer`: the level whose body issues the document in its own name (default: the county). */
  /** `decision`: for an item's notice, the item's decision (the template reads it as `decisionItem`). */
  | { type: 'renderDocument'; template: string; kind: string; title: string; issuer?: AssigneeLevel; decision?: DecisionNoticeView }
  | { type: 'notify'; to: 'applicant' | AssigneeLevel; message: string }
  /** A notice to the officers of one unit beside the chain (a department's task: 县残联, a third-party assessor …). */
  | { type: 'notifyUnit'; unit: string; message: string }
  | { type: 'setData'; path: string; value: JsonValue }
  /** Sets a fact of the case's subject (dotted path); `today` stamps the China date of the decision instead of `value`. */
  | { type: 'setSubjectFact'; fact: string; value: JsonValue; today?: boolean }
  /** Starts a case of `workflow` as this case's child, about the same subject, with `data`; `wait`: the parent's `children` step visit that waits for it. */
  | { type: 'startChildCase'; workflow: string; data: Record<string, JsonValue>; wait?: string; organisation?: string }
  /**
   * Decides an item (the `decide` effect): `outcome` as found (a literal or the case data it names),
   * checked and recorded in the snapshot by the engine, which issues the item's notice; never
   * reaches the host.
   */
  | { type: 'decideItem'; item: string; outcome: JsonValue; outcomePath?: string; amount?: JsonValue; amountPath?: string; reasons?: JsonValue }
  /** Reaches a milestone (the `reachMilestone` effect), recorded in the snapshot by the engine; never reaches the host. */
  | { type: 'reachMilestone'; milestone: string }
  /** A task verb gives an open task to one user (转办 moves its claim; 加签 after). */
  | { type: 'assignTask'; key: string; user: string }
  /** Lets a user read the case from now on (抄送, 加签 from another unit). */
  | { type: 'grantRead'; user: string; reason: 'cc' | 'signer' }
  /**
   * Sends an external check request (信息核对) through the outbox: `request` is the case's id for
   * the service (`<step>#<visit>`, unique per case), `service` the provider, `payload` what it carries.
   */
  | { type: 'requestCheck'; request: string; service: string; payload: Record<string, JsonValue> }
  /** A notice to one user. */
  | { type: 'notifyUser'; user: string; message: string };

