/**
 * The case as the server's routes answer it and the web app reads it: one set of types for both
 * sides of the wire (the server builds these; the app's API layer returns them), so a field renamed
 * on one side fails the type check on the other instead of going quietly missing.
 */
import type { CheckState } from './externalCheck.js';
import type { BranchState, CaseClock, OpenTask } from './caseSnapshot.js';
import type { DecisionItemState, MilestoneState } from './decisionItems.js';
import type { PanelResult } from '../definition/types.js';
import type { PanelTally } from './panel.js';

/** A deadline counted through a year whose official holiday arrangement is not known yet carries `provisional: true`. */
export type Provisional<T> = T & { provisional?: true };

/** A wait that has not elapsed (公示 and the like): when it falls due. */
export interface PendingTimerView {
  key: string;
  step: string;
  /** ISO 8601, UTC. */
  dueAt: string;
}

/**
 * A step still ahead of the case on its expected path (engine/runtime/expectedSteps.ts), with the
 * date it is expected done by when every step before it takes its full deadline on the working calendar.
 */
export interface ExpectedStepView {
  step: string;
  name: string;
  /** A task (someone acts) or a timer step (a wait such as 公示). */
  kind: 'task' | 'timer';
  /** ISO 8601, UTC: the end of the step's last day (00:00 China time of the day after); absent when the step has no deadline. */
  dueAt?: string;
  /** The statutory clock pauses during this step (公示 …). */
  pausesClock?: true;
  /** The date reaches a year whose official holiday arrangement is not known yet. */
  provisional?: true;
}

/** A panel as every reader of the case sees it: how many sit and vote, and once decided its result — never who voted how. */
export interface PanelSummaryView {
  step: string;
  members: number;
  ballots: number;
  result: PanelResult | null;
  tally?: PanelTally;
}

/** The summary of a case every case route answers with. */
export interface CaseSummaryView {
  id: string;
  /** The case number, e.g. `<KEY>-2026-000012`. */
  caseNo: string;
  workflow: { key: string; version: number; name: string };
  step: string;
  stepName: string;
  status: 'active' | 'done';
  outcome: string | null;
  version: number;
  flags: string[];
  clock: Provisional<CaseClock>;
  tasks: Provisional<OpenTask>[];
  timers: Provisional<PendingTimerView>[];
  panels?: PanelSummaryView[];
  /** The results of parallel branches, by branch key (absent on cases that never met one). */
  branches?: Record<string, BranchState>;
  /** External checks (信息核对) the case's steps requested, by step name, with where each report lands (absent on cases that never met one). */
  checks?: Record<string, CheckState & { reportTo?: string }>;
  /** What the case is about (a subject id) and how it links to other cases. */
  subject: string | null;
  starter: string | null;
  parent: string | null;
  follows: string | null;
  decisions: Record<string, DecisionItemState & { name: string }>;
  milestones: Record<string, MilestoneState & { name: string }>;
}

/** A child case as its parent's page lists it. */
export interface ChildCaseView {
  id: string;
  caseNo: string;
  workflow: string;
  title: string;
  step: string;
  stepName: string;
  status: string;
  outcome: string | null;
  /** The parent's wait it was started for (`step#visit`), or null (a `startChildCase` effect). */
  wait: string | null;
}

/** The case a child case was started by. */
export interface ParentCaseView {
  id: string;
  caseNo: string;
  workflow: string;
  status: string;
  wait: string | null;
}

/** How the asker may see and change each part of the case data (a JSON pointer → permission). */
export type FieldPermissionView = Record<string, 'write' | 'read' | 'masked' | 'hidden'>;

/** What one step of the definition is called, for reading a case's history. */
export interface StepNameView {
  name: string;
  /** The step's actions' labels, by action key (an event records the key). */
  actions: Record<string, string>;
  /** A timer step (公示 and the like): its elapse reads as「<name>期满」. */
  timer?: true;
  /** The statutory clock is paused while the case is in this step (补正, 公示). */
  pausesClock?: true;
  /** The step's deadline in working days, where the definition gives one as a number of working days. */
  workingDays?: number;
}

/**
 * The names a case's history needs (the events record keys): each step's name and its actions'
 * labels, and the commands that are no step's action (task verbs, the system's timers) — so the
 * page never shows a key such as `requestCorrection` or `timer.elapsed`.
 */
export interface CaseNamesView {
  steps: Record<string, StepNameView>;
  /** Commands of no step: `start`, `verb.transfer`, `deadline.remind` … → their words. */
  commands: Record<string, string>;
}
