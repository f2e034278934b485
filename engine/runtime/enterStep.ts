/**
 * What entering a step means: open its tasks (one, or one per group role for any-one/countersign),
 * schedule its timer, start or pause the statutory clock, apply its `onEnter` effects, or record
 * the outcome of a final step; seat its panel (panelSeating.ts).
 */
import type { JsonValue, StepDefinition } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { durationDue } from '../calendar/durationDue.js';
import { assigneeUnitOf, resolveLevel } from '../org/resolveAssignee.js';
import { applyNamedEffects } from './applyNamedEffects.js';
import { ownEntry } from '../definition/ownEntry.js';
import { UnregisteredNameError } from '../process/unregisteredName.js';
import type { AssigneeResolver } from '../registry/resolvers.js';
import { pauseClock } from './statutoryClock.js';
import { seatPanel, type PanelSeating } from './panelSeating.js';
import type { CaseSnapshot, Effect, OpenTask, OrgDirectory } from '../model/index.js';
import { resolveUnitAssignee, routesBesideChain } from '../org/resolveUnitAssignee.js';

/** What entering a step reads besides the case: the panel seating and, for a task routed beside the chain, the county's org directory. */
export interface EnterStepScope extends PanelSeating {
  org?: OrgDirectory;
  /** The subject facts the command carries, for the entered step's `onEnter` effects. */
  subjectFacts?: Record<string, JsonValue>;
}
import { outcomeByDecisions } from './decisionItems.js';
import { enterChildrenStep } from './childrenStep.js';
import { openBranches } from './parallelBranches.js';
import { enterCheck } from './externalCheck.js';

/** The key of a step's task or timer in its `visit`-th visit. */
export const visitKey = (step: string, visit: number) => `${step}#${visit}`;

/** The named resolver; one the workflow lacks throws {@link UnregisteredNameError}. */
function resolverOf(wf: CompiledWorkflow, name: string): AssigneeResolver {
  const resolver = ownEntry(wf.resolvers, name);
  if (!resolver) throw new UnregisteredNameError('resolver', name);
  return resolver;
}

/**
 * When a timer step entered at `now` falls due, in the unit its duration names (durationDue.ts).
 * A duration that cannot be counted (its parameter missing or not a positive count) throws; the
 * checker refuses such a definition before it is published.
 */
export function timerDue(step: Extract<StepDefinition, { type: 'timer' }>, parameters: Record<string, JsonValue>, now: Date, calendar: WorkingCalendar, data: Record<string, JsonValue> = {}): Date {
  const due = durationDue(step.duration, parameters, data, now, calendar);
  if (!due) throw new Error(`步骤“${step.name}”的等待期限无法计算（参数缺失或不是正整数）。`);
  return due;
}

/**
 * Applies entering `stepName` (visit `visit`) to a snapshot; returns the new snapshot and effects.
 * A task step routed beside the chain that cannot be routed on this case throws `AssignmentError`.
 */
export function enterStep(
  wf: CompiledWorkflow,
  snapshot: CaseSnapshot,
  stepName: string,
  visit: number,
  data: Record<string, JsonValue>,
  now: Date,
  calendar: WorkingCalendar,
  seating: EnterStepScope = {},
): { snapshot: CaseSnapshot; effects: Effect[] } {
  const step = ownEntry(wf.definition.steps, stepName);
  if (!step) throw new Error(`流程中没有步骤“${stepName}”。`);
  const effects: Effect[] = [];
  let next: CaseSnapshot = { ...snapshot, step: stepName, tasks: [] };
  if (step.type === 'final') {
    next = { ...next, status: 'done', outcome: step.outcome === 'byDecisions' ? outcomeByDecisions(wf, next) : step.outcome };
  }
  if (step.type === 'task') {
    const base = visitKey(stepName, visit);
    const dueAt = step.deadline ? durationDue(step.deadline, wf.parameters, data, now, calendar)?.toISOString() : undefined;
    const mode = step.assignee.mode ?? 'single';
    const roles = mode === 'single' ? [step.assignee.role] : step.assignee.group ?? [];
    let tasks: OpenTask[];
    if (routesBesideChain(step.assignee)) {
      // A department, the unit the form names or members drawn from a pool (resolveUnitAssignee.ts).
      const assigned = resolveUnitAssignee(step.assignee, { directory: seating.org, data, applicant: next.applicant, recusedActors: seating.recusedActors, taskBase: base });
      const common = { step: stepName, level: assigned.level, assigneeUnit: assigned.unit, ...(dueAt ? { dueAt } : {}) };
      // Each drawn member gets a task of their own; the first decision moves the case.
      tasks = assigned.users
        ? assigned.users.map((user) => ({ ...common, key: `${base}:${user}`, assigneeUser: user, mode: 'any' as const }))
        : roles.map((role) => ({ ...common, key: mode === 'single' ? base : `${base}:${role}`, ...(role ? { role } : {}), mode }));
      if (assigned.draw) next = { ...next, draws: [...(next.draws ?? []), assigned.draw] };
    } else {
      const named = step.assignee.resolver ? resolverOf(wf, step.assignee.resolver)({ org: next.org, applicant: next.applicant, parameters: wf.parameters }) : undefined;
      const level = named?.level ?? resolveLevel(step.assignee.level ?? 'county', wf.parameters)!;
      const unit = named?.unit ?? assigneeUnitOf(next, level) ?? '';
      tasks = roles.map((role) => ({
        key: mode === 'single' ? base : `${base}:${role}`,
        step: stepName,
        level,
        assigneeUnit: unit,
        ...(role ? { role } : {}),
        mode,
        ...(dueAt ? { dueAt } : {}),
      }));
    }
    if (step.panel) {
      // The panel sits beside the organiser's task: one task per member, and a fresh panel on every visit.
      const seated = seatPanel(step, stepName, visit, next, wf.parameters, seating, dueAt, data);
      tasks.push(...seated.tasks);
      next = { ...next, panels: { ...next.panels, [stepName]: seated.state }, ...(seated.draw ? { draws: [...(next.draws ?? []), seated.draw] } : {}) };
    }
    next = { ...next, tasks };
    for (const task of tasks) effects.push({ type: 'openTask', task });
    if (step.check) {
      // The external check's request goes out now (the host's outbox); its report or failure answers the visit (externalCheck.ts).
      const requested = enterCheck(step.check, base, data, now);
      effects.push(requested.effect);
      next = { ...next, checks: { ...next.checks, [stepName]: requested.state } };
    }
  }
  if (step.type === 'parallel') {
    // One task per branch (parallelBranches.ts); the case rests in this one step until the join.
    const opened = openBranches(wf, next, stepName, step, visit, data, now, calendar, { ...(seating.org ? { org: seating.org } : {}), ...(seating.recusedActors ? { recusedActors: seating.recusedActors } : {}) });
    next = { ...opened.snapshot, tasks: opened.tasks };
    for (const task of opened.tasks) effects.push({ type: 'openTask', task });
  }
  if (step.type === 'timer') {
    effects.push({ type: 'scheduleTimer', key: visitKey(stepName, visit), step: stepName, dueAt: timerDue(step, wf.parameters, now, calendar, data).toISOString() });
  }
  if (step.type === 'children') {
    // Child cases started now (the host opens them in this transaction) and the wait for them (childrenStep.ts).
    const entered = enterChildrenStep(step, stepName, visitKey(stepName, visit), wf.parameters, data, now, calendar);
    effects.push(...entered.effects);
    next = { ...next, children: { ...next.children, [stepName]: entered.wait } };
  }
  if ((step.type === 'task' || step.type === 'timer' || step.type === 'children') && step.pausesClock) {
    next = { ...next, clock: pauseClock(next.clock, now) };
  }
  if (step.type !== 'choice' && step.onEnter) {
    const named = applyNamedEffects(wf, step.onEnter, data, seating.subjectFacts, now);
    effects.push(...named.effects);
    next = { ...next, flags: [...new Set([...next.flags, ...named.flags])] };
  }
  return { snapshot: next, effects };
}
