/** What a case holds between commands: its step, open tasks, statutory clock and flags. */
import type { CheckState } from './externalCheck.js';
import type { AssigneeLevel, BranchResult, JsonValue } from '../definition/types.js';
import type { OrgPath } from './orgPath.js';
import type { PanelState } from './panel.js';
import type { PoolDrawRecord } from './orgDirectory.js';

/**
 * Who a task is routed to: a level of the administrative chain, a unit beside it (`department`:
 * a department kind in the case's county or the unit the form names) or a member drawn from a pool.
 */
export type TaskLevel = AssigneeLevel | 'department' | 'pool';
import type { DecisionItemState, MilestoneState } from './decisionItems.js';
import type { ChildrenWaitState } from './childrenWait.js';

/** A task that is open on a case. */
export interface OpenTask {
  /** Unique within the case, e.g. `review#2` (step + visit count) or `review#2:finance` for a group member. */
  key: string;
  step: string;
  level: TaskLevel;
  /** The org unit whose officers act (for a pool task, the pool); for the applicant level, the applicant's user id. */
  assigneeUnit: string;
  role?: string;
  /** The one user who may act on the task: a panel member's or a drawn pool member's own task, or one given to an added signer (`signer`). */
  assigneeUser?: string;
  /** `sign`: an opinion asked of an added signer (加签) before the task `signFor` goes on. */
  mode: 'single' | 'any' | 'all' | 'panel' | 'sign';
  /** ISO date-time of the step deadline, if the step has one. */
  dueAt?: string;
  /** Given to an added signer (加签: their opinion, or the step's decision after the adder's): `assigneeUser` acts whatever their unit or duties. */
  signer?: true;
  /** For a `sign` task: the key of the task waiting for this opinion. */
  signFor?: string;
  /** ISO date-time of the last reminder (催办) on the task. */
  urgedAt?: string;
  /** For a task of a parallel step: the branch it belongs to. */
  branch?: string;
}

/** What a branch of a parallel step came to, who decided it and when. */
export interface BranchState {
  result: BranchResult;
  actor: string;
  at: string;
}

/** What 撤回 restores: the case as it was before `actor` passed it on from `step` by `action`. */
export interface RecallPoint {
  actor: string;
  step: string;
  action: string;
  /** The snapshot before that command, without its version and recall point. */
  previous: Omit<CaseSnapshot, 'version' | 'recallable'>;
}

/**
 * The statutory clock of a case, counted in the unit of the definition's limit: working days
 * (`limitWorkingDays`; every clock stored before other units existed has only this), calendar days
 * (`limitDays`) or months (`limitMonths`) — exactly one of the three is present.
 */
export interface CaseClock {
  /** ISO date-time the clock started (受理), or absent before. */
  startedAt?: string;
  /** Limit in working days (30, or 45 after an extension), when counted in working days. */
  limitWorkingDays?: number;
  /** Limit in calendar days (60), when counted in calendar days. */
  limitDays?: number;
  /** Limit in months, when counted in months. */
  limitMonths?: number;
  extended: boolean;
  /** ISO date-time the clock was paused (补正, 公示), if paused now. */
  pausedAt?: string;
  /** Working days spent paused so far (whole periods already resumed). */
  pausedWorkingDays: number;
  /** Calendar days spent paused so far (absent on clocks stored before calendar-day limits: 0). */
  pausedDays?: number;
  /** ISO date-time the limit falls on, given the pauses so far (absent while not started). */
  dueAt?: string;
  /** ISO date-time the clock stopped for good: the case entered a step marked `stopsClock` (送达 after the decision). */
  stoppedAt?: string;
}

/** The phase the case is in (a deadline over several steps): when it was entered and when it falls due. */
export interface PhaseState {
  key: string;
  startedAt: string;
  dueAt: string;
}

/** Everything the engine keeps about a case between commands (stored as JSON, ≤ 1 KB typical). */
export interface CaseSnapshot {
  /** Definition key and version the case is pinned to. */
  workflow: { key: string; version: number };
  /** Optimistic-concurrency counter, bumped by every accepted command. */
  version: number;
  /** Current step name. */
  step: string;
  status: 'active' | 'done';
  outcome?: 'approved' | 'rejected' | 'withdrawn' | 'terminated';
  /** The persisted XState snapshot (value + context). */
  machine: JsonValue;
  clock: CaseClock;
  tasks: OpenTask[];
  /** Flags raised on the case, e.g. `relativeFiling` (近亲属备案). */
  flags: string[];
  /** Applicant's org path. */
  org: OrgPath;
  /**
   * Who acts on the applicant steps: the applicant's user id; the filing officer's for a resident
   * without an account (代办) or a case an officer started about a subject; the organisation's
   * subject id for a case its account started (any account of the organisation acts).
   */
  applicant: string;
  /** Panels seated on the case, by step name (absent on cases that never met one). */
  panels?: Record<string, PanelState>;
  /** Every pool draw made on the case (who was drawn, who was excluded by 回避), oldest first. */
  draws?: PoolDrawRecord[];
  /** Decided items, by the definition's item key (absent until one is decided). */
  decisions?: Record<string, DecisionItemState>;
  /** Milestones reached, by the definition's milestone key (absent until one is reached). */
  milestones?: Record<string, MilestoneState>;
  /** The waits of `children` steps for their child cases, by step name (absent on cases that never met one). */
  children?: Record<string, ChildrenWaitState>;
  /** External checks (信息核对) requested by task steps, by step name (absent on cases that never met one). */
  checks?: Record<string, CheckState>;
  /** The phase the case is in, for definitions with phases (absent outside every phase). */
  phase?: PhaseState;
  /** Results of the branches of parallel steps, by branch key (a step's are cleared when it is entered). */
  branches?: Record<string, BranchState>;
  /** Set by a forward action on a step that allows 撤回; every later accepted command clears it. */
  recallable?: RecallPoint;
}

