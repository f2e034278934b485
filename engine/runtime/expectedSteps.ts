/**
 * The steps still ahead of an active case on its expected path, each with the date it is expected
 * done by: from the current step's due date, each following step takes its full deadline (a task's
 * `deadline`, a timer's `duration`) counted on the working calendar, in the definition's unit. The
 * expected path is the way forward: a task step leaves by its first approving action (`approve`,
 * `submit`) that names a target, a timer step by the route of its `onElapsed` that holds now (the
 * default route when a condition cannot be read). Returns, refusals and objections are not expected;
 * the path stops at a final step, a step of any other kind, or a step met twice.
 */
import type { JsonValue, Route, StepDefinition, Target } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import { durationDue } from '../calendar/durationDue.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { ExpectedStepView } from '../model/caseView.js';

/** The most steps a path is followed for (a definition's main path is far shorter). */
const maxSteps = 50;

/** What the projection reads of the case. */
export interface ExpectedPathScope {
  /** The current step and its state. */
  step: string;
  status: 'active' | 'done';
  flags: readonly string[];
  data: Record<string, JsonValue>;
  /** When the current step is due (its open task's or wait's due date); absent: it has none, the path starts now. */
  currentDueAt?: string;
  now: Date;
  calendar: WorkingCalendar;
}

/** The step a conditional target leads to now: the first route whose condition holds, else the default. */
function routeNow(target: Target, wf: CompiledWorkflow, scope: ExpectedPathScope): string | undefined {
  if (typeof target === 'string') return target;
  const fallback = (routes: Route[]) => routes.find((r) => r.when === undefined)?.target;
  for (const route of target) {
    if (route.when === undefined) return route.target;
    try {
      if (evaluateCondition(route.when, { data: scope.data, flags: scope.flags, parameters: wf.parameters, guards: wf.guards })) return route.target;
    } catch {
      // A condition that reads what the projection does not have (a panel's result, a child case …): the default route.
      return fallback(target);
    }
  }
  return fallback(target);
}

/** The step the expected path goes to from `step`, or undefined where it stops. */
function nextOnPath(step: StepDefinition, wf: CompiledWorkflow, scope: ExpectedPathScope): string | undefined {
  if (step.type === 'timer') return routeNow(step.onElapsed, wf, scope);
  if (step.type !== 'task') return undefined;
  for (const action of Object.values(step.actions ?? {})) {
    if ((action.kind === 'approve' || action.kind === 'submit') && action.target !== undefined) return routeNow(action.target, wf, scope);
  }
  return undefined;
}

/** The steps after the current one on the expected path, with their expected due dates (see the file's note). */
export function expectedSteps(wf: CompiledWorkflow, scope: ExpectedPathScope): ExpectedStepView[] {
  if (scope.status !== 'active') return [];
  const def = wf.definition;
  const current = ownEntry(def.steps, scope.step);
  if (!current) return [];
  // The next step starts when the one before it is due: at the end of its last day (a due date is stored as the next day's 00:00).
  let start = scope.currentDueAt ? new Date(new Date(scope.currentDueAt).getTime() - 1) : scope.now;
  if (start.getTime() < scope.now.getTime()) start = scope.now;
  const seen = new Set<string>([scope.step]);
  const out: ExpectedStepView[] = [];
  let key = nextOnPath(current, wf, scope);
  while (key !== undefined && !seen.has(key) && out.length < maxSteps) {
    seen.add(key);
    const step = ownEntry(def.steps, key);
    if (!step || step.type === 'final') break;
    const duration = step.type === 'timer' ? step.duration : 'deadline' in step ? step.deadline : undefined;
    const due = duration ? durationDue(duration, wf.parameters, scope.data, start, scope.calendar) : undefined;
    out.push({
      step: key,
      name: step.name,
      kind: step.type === 'timer' ? 'timer' : 'task',
      ...(due ? { dueAt: due.toISOString() } : {}),
      ...('pausesClock' in step && step.pausesClock ? { pausesClock: true as const } : {}),
    });
    if (due) start = new Date(due.getTime() - 1);
    key = nextOnPath(step, wf, scope);
  }
  return out;
}
