/**
 * The runtime contract of the engine: who acts (Actor), what they ask (Command), what a case
 * holds between commands (CaseSnapshot) and what `decide` answers (Decision).
 *
 * Everything here is plain JSON-serialisable data, so the server adapter can store it and the
 * web app can show it.
 *
 * @packageDocumentation
 */
import type { AssigneeLevel, JsonValue, OrgLevel } from '../definition/types.js';

/** The org units of a case's applicant, resolved once when the case starts. */
export interface OrgPath {
  village?: string;
  township?: string;
  county?: string;
}

/** An org unit as the engine sees it. */
export interface OrgUnitRef {
  id: string;
  level: OrgLevel;
  /** Ids of this unit and all its ancestors, top first (county, township, village). */
  path: string[];
}

/** Who sends a command. */
export interface Actor {
  /** User id; `system` for the timer sweep. */
  id: string;
  kind: 'applicant' | 'officer' | 'admin' | 'system';
  /** Roles, e.g. `dibao_officer`. Officers without roles act as generic officers of their unit. */
  roles: string[];
  /** The actor's org unit (officers) or residence (applicants). Absent for `system`. */
  orgUnit?: OrgUnitRef;
}

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
}

/** A task that is open on a case. */
export interface OpenTask {
  /** Unique within the case, e.g. `review#2` (step + visit count) or `review#2:finance` for a group member. */
  key: string;
  step: string;
  level: AssigneeLevel;
  /** The org unit whose officers act; for the applicant level, the applicant's user id. */
  assigneeUnit: string;
  role?: string;
  mode: 'single' | 'any' | 'all';
  /** ISO date-time of the step deadline, if the step has one. */
  dueAt?: string;
}

/** The statutory clock of a case, counted in working days. */
export interface CaseClock {
  /** ISO date-time the clock started (受理), or absent before. */
  startedAt?: string;
  /** Limit in working days (30, or 45 after an extension). */
  limitWorkingDays: number;
  extended: boolean;
  /** ISO date-time the clock was paused (补正, 公示), if paused now. */
  pausedAt?: string;
  /** Working days spent paused so far (whole periods already resumed). */
  pausedWorkingDays: number;
  /** ISO date-time the limit falls on, given the pauses so far (absent while not started). */
  dueAt?: string;
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
  /** Applicant user id. */
  applicant: string;
}

/** Descriptions of side effects; the server adapter executes them in the same transaction. */
export type Effect =
  | { type: 'openTask'; task: OpenTask }
  | { type: 'closeTask'; key: string; outcome: 'completed' | 'cancelled' }
  | { type: 'scheduleTimer'; key: string; step: string; dueAt: string }
  | { type: 'cancelTimer'; key: string }
  | { type: 'renderDocument'; template: string; kind: string; title: string }
  | { type: 'notify'; to: 'applicant' | AssigneeLevel; message: string }
  | { type: 'setData'; path: string; value: JsonValue };

/** The event appended to the case's history for an accepted command. */
export interface DecidedEvent {
  action: string;
  kind: string;
  from: string;
  to: string;
  actor: string;
  comment?: string;
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
  | 'stale_version';

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
