/**
 * The case model: who acts (Actor), what they ask (Command), what a case holds between commands
 * (CaseSnapshot, OpenTask, CaseClock, OrgPath), the effects the host carries out (Effect) and what
 * `decide` answers (Decision). Plain JSON-serialisable data, so the server adapter can store it and
 * the web app can show it.
 *
 * This is the engine's lowest layer beside the definition types: `org/`, `registry/`, `conditions/`,
 * `runtime/` and `compile/` import it; it imports only `definition/types.ts` (lint enforces this).
 *
 * @packageDocumentation
 */
export type { OrgPath, OrgUnitRef } from './orgPath.js';
export type { Actor } from './actor.js';
export type { Command, VerbArgs, VerbTarget } from './command.js';
export type { BranchState, CaseClock, CaseSnapshot, OpenTask, PhaseState, RecallPoint, TaskLevel } from './caseSnapshot.js';
export type { DirectoryUnit, OrgDirectory, PoolDrawRecord, PoolMember } from './orgDirectory.js';
export type { Effect } from './effect.js';
export type { Ballot, PanelState, PanelTally } from './panel.js';
export type { DecisionItemState, DecisionNoticeView, MilestoneState } from './decisionItems.js';
export type { DecidedEvent, Decision, Rejection, RejectionCode } from './decision.js';
export type { ChildrenWaitState, ChildSignal } from './childrenWait.js';
export type { CaseNamesView, CaseSummaryView, ExpectedStepView, StepNameView, ChildCaseView, FieldPermissionView, PanelSummaryView, ParentCaseView, PendingTimerView, Provisional } from './caseView.js';
export type { CheckSignal, CheckState } from './externalCheck.js';
