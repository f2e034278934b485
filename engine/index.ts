/**
 * The Tongban engine: the workflow definition language, its checks, its compilation to XState
 * machines, and the pure `decide` function the server runs in one transaction per command.
 *
 * @packageDocumentation
 */
export type * from './definition/types.js';
export type * from './model/index.js';
export type * from './api/caseRoutes.js';
export type * from './api/adminRoutes.js';
export type * from './api/officerRoutes.js';
export type * from './api/designerRoutes.js';
export { validateDefinition } from './definition/validateDefinition.js';
export { hasOwnEntry, inheritedNames, ownEntry } from './definition/ownEntry.js';
export { checkDefinition, type FormFieldSummary, type OrgTreeSummary } from './definition/checkDefinition.js';
export { duplicateJsonKeys } from './definition/duplicateJsonKeys.js';
export { starterProblems, type WorkflowCatalogue } from './definition/checkStarters.js';
export { defaultStarters, starterFor, startersOf, type StartRequest, type StarterVerdict } from './runtime/starters.js';
export { readPointer } from './conditions/jsonPointer.js';
export { factPathPattern, pickFacts, readFact, subjectFactHolds, subjectFactsRead, withFact } from './conditions/subjectFacts.js';
export { DefinitionError, type DefinitionProblem } from './definition/problems.js';
export { compileWorkflow, type CompiledWorkflow, type CompileOptions } from './compile/compileWorkflow.js';
export { startCase, type StartCaseInput } from './runtime/startCase.js';
export { decide, type DecideEnv } from './runtime/decide.js';
export { escalationChain, overdueAction, overdueKey, parseDeadlineTimerKey, remindAction, remindKey, timerCommandOf, type DeadlineTimer } from './runtime/deadlineTimers.js';
export { recountAction, recountDeadlines, type DeadlineStarts, type Recount } from './runtime/recountDeadlines.js';
export { actionVerdict, commentProblem, machineContextOf, requiresComment, taskForActor, type ActionRuleScope, type ActionVerdict } from './runtime/actionRules.js';
export { availableActions, type ActionOffer } from './runtime/availableActions.js';
export { expectedSteps, type ExpectedPathScope } from './runtime/expectedSteps.js';
export { branchActionName, branchesOfActor, branchResults, stepActionEntries, stepActionNamed, stepSections, taskStepName } from './runtime/parallelBranches.js';
export { availableVerbs, decideVerb, maxCcRecipients, verbCommands, verbOf, verbTaskKey, verbVerdict, type TaskVerb, type VerbOffer } from './runtime/taskVerbs.js';
export { declaredVerbNames, defaultUrgeIntervalHours, stepVerbs, verbLabels, verbPrefix, type ResolvedVerbs } from './definition/stepVerbs.js';
export { mustRecuse, relativeFilingFlag } from './runtime/recusal.js';
export { drawMembers, type PanelCandidateQuery, type PanelSeating } from './runtime/panelSeating.js';
export { countPanel, panelResults, type PanelCount } from './runtime/panelTally.js';
export type { ProcessModule, RegisterProgramme, DocumentView, DocumentContext, DocumentFormat, PublicNoticeContext, PublicNoticeRow, PublicNoticeRowView } from './process/processModule.js';
export { implementationsOf, processModuleProblems, type Implementations } from './process/processImplementations.js';
export { unimplementedNames } from './process/unimplementedNames.js';
export { UnregisteredNameError, type ImplementationKind } from './process/unregisteredName.js';
export type { Guard, GuardInput, GuardRegistry } from './registry/guards.js';
export type { EffectInput, EffectOutput, EffectRegistry, NamedEffect } from './registry/effects.js';
export type { AssigneeResolver, ResolverInput, ResolverRegistry } from './registry/resolvers.js';
export { clockLimit, newClock, startClock, workingDaysLeft } from './runtime/statutoryClock.js';
export { baseLimit, extendedLimit, limitText, limitUnits, type LimitUnit, type ResolvedLimit } from './definition/overallLimit.js';
export { createWorkingCalendar, currentCalendarRules, shippedArrangementYears, type CalendarOverride, type CalendarRules, type WorkingCalendar } from './calendar/createWorkingCalendar.js';
export { statutoryHolidays, type StatutoryHoliday } from './calendar/statutoryHolidays.js';
export { isProvisionalDeadline, lastDayOf } from './calendar/provisionalDeadline.js';
export { chinaDateOf } from './calendar/chinaDate.js';
export { unitAssigneeProblems, type OrgKindsSummary } from './definition/checkUnitAssignees.js';
export { unitKindName, unitKinds, type UnitKind } from './org/unitKinds.js';
export { drawFromPool, type PoolDrawInput, type PoolDrawResult } from './org/drawFromPool.js';
export { AssignmentError, resolveUnitAssignee, routesBesideChain, usesOrgDirectory, type UnitAssignment, type UnitAssigneeScope } from './org/resolveUnitAssignee.js';
export { resolveLevel } from './org/resolveAssignee.js';
export { parseMove, parsePath, simulationLevels, type SimulationMove } from './simulate/simulationPath.js';
export { simulateCase, simulatedApplicant, simulatedOrg, statutoryDaysLeft, workingDaysUntil, type Simulation, type SimulationEntry, type SimulationOptions, type SimulatedDocument, type SimulatedTimer } from './simulate/simulateCase.js';
export { chinaTime, deadlineText, simulationReport, timerName } from './simulate/simulationReport.js';
export { mergeOverlay, type DefinitionOverlay, type StepOverlay } from './definition/overlay.js';
export { checkOverlay, overlayShapeProblems, type OverlayCheckOptions } from './definition/checkOverlay.js';
export { divisionChain, divisionContains, divisionKind, type DivisionKind } from './org/divisionCodes.js';
export { migrateAction, migrateCase, type Migration, type MigrationEnv, type MigrationPlan, type MigrationProblem, type MigrationRequest } from './runtime/migrateCase.js';
export { childSettledAction, childOutcomes, enterChildrenStep, recordChildEnd, waitMet, NoChildrenError } from './runtime/childrenStep.js';
export { subjectChangedName as subjectChangedAction } from './definition/validateEndsWhen.js';
export { birthDateOfIdNumber } from './conditions/conditionDates.js';
export { childrenConditionHolds } from './conditions/childrenCondition.js';
export { isValidStartOn, maxMissedListed, monthsPerPeriod, ordinalOf, periodAfter, periodByKey, periodOf, scheduleDue, startDayOf, startInstantOf, type ScheduleDue, type SchedulePeriod } from './schedule/schedulePeriods.js';
export { scheduleMatches, scheduleOpeningData, type ScheduledSubject } from './schedule/scheduleSubjects.js';
export { scheduleProblems, scheduleStartOn } from './schedule/scheduleProblems.js';
export { organisationKinds } from './schedule/organisationKinds.js';
export { checkActionPrefix, checkFailedAction, checkOf, checkPayload, checkReportedAction, isCheckSignal, reportActionOf, reportTarget } from './runtime/externalCheck.js';
