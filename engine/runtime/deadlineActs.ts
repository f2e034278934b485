/**
 * Deadlines that act, applied to every accepted decision (and to a new case): the phase clock (a
 * deadline over several steps starts when the case enters the phase and ends when it leaves; its
 * due date bounds the tasks opened in it), the statutory clock stopping on a `stopsClock` step
 * (送达 after the decision), and the durable timers of task deadlines — set when a task opens,
 * cancelled when it closes (deadlineTimers.ts). Pure, like `decide`, which calls it last.
 */
import type { JsonValue } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { durationDue } from '../calendar/durationDue.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { CaseClock, CaseSnapshot, Decision, Effect, OpenTask, PhaseState } from '../model/index.js';
import { deadlineTimerKeys, deadlineTimersOf, phaseOf, usesDeadlineActs } from './deadlineTimers.js';

/** The clock stopped at `now` for good (a started clock, not stopped before); its due date stays as it was. */
export function stopClock(clock: CaseClock, now: Date): CaseClock {
  if (!clock.startedAt || clock.stoppedAt) return clock;
  const { pausedAt: _paused, ...rest } = clock;
  void _paused;
  return { ...rest, stoppedAt: now.toISOString() };
}

/** The phase state after a decision: kept while the case stays in the phase, started on entering one, gone outside. */
function phaseAfter(wf: CompiledWorkflow, next: CaseSnapshot, data: Record<string, JsonValue>, now: Date, calendar: WorkingCalendar): PhaseState | undefined {
  if (next.status === 'done') return undefined;
  const found = phaseOf(wf.definition, next.step);
  if (!found) return undefined;
  const [key, phase] = found;
  if (next.phase?.key === key) return next.phase;
  const due = durationDue(phase.deadline, wf.parameters, data, now, calendar);
  return due ? { key, startedAt: now.toISOString(), dueAt: due.toISOString() } : undefined;
}

/** A task opened in a phase is due by the phase's due date at the latest. */
function boundedBy(task: OpenTask, phase: PhaseState | undefined, phaseSteps: readonly string[]): OpenTask {
  if (!phase || !phaseSteps.includes(task.step) || task.mode === 'panel' || task.mode === 'sign') return task;
  if (task.dueAt && Date.parse(task.dueAt) <= Date.parse(phase.dueAt)) return task;
  return { ...task, dueAt: phase.dueAt };
}

/**
 * Applies the deadline acts to an accepted decision taken on `before` at `now`; a refusal, or a
 * definition that uses none of them, passes through unchanged.
 */
export function withDeadlineActs(wf: CompiledWorkflow, before: Pick<CaseSnapshot, 'tasks'>, decision: Decision, now: Date, calendar: WorkingCalendar, data: Record<string, JsonValue>): Decision {
  if (!decision.ok || !usesDeadlineActs(wf.definition)) return decision;
  let next = decision.snapshot;

  const phase = phaseAfter(wf, next, data, now, calendar);
  const phaseSteps = phase ? ownEntry(wf.definition.phases, phase.key)?.steps ?? [] : [];
  const { phase: _old, ...withoutPhase } = next;
  void _old;
  next = phase ? { ...withoutPhase, phase } : withoutPhase;

  const step = ownEntry(wf.definition.steps, next.step);
  if (step?.type === 'task' && step.stopsClock && next.status === 'active') next = { ...next, clock: stopClock(next.clock, now) };

  // Tasks opened by this decision: bounded by the phase, and their timers set; closed ones: their timers cancelled.
  const opened = new Map<string, OpenTask>();
  const effects: Effect[] = [];
  for (const e of decision.effects) {
    if (e.type === 'openTask') {
      const task = boundedBy(e.task, phase, phaseSteps);
      opened.set(task.key, task);
      effects.push({ type: 'openTask', task });
      effects.push(...deadlineTimersOf(wf, next, task, now, calendar));
    } else {
      effects.push(e);
      if (e.type === 'closeTask') {
        const task = before.tasks.find((t) => t.key === e.key) ?? next.tasks.find((t) => t.key === e.key);
        if (task) for (const key of deadlineTimerKeys(wf, task)) effects.push({ type: 'cancelTimer', key });
      }
    }
  }
  if (opened.size > 0) next = { ...next, tasks: next.tasks.map((t) => opened.get(t.key) ?? t) };
  return { ...decision, snapshot: next, effects };
}

/** Whether a task was moved by its overdue action (escalated or reassigned: its key carries `>level`). */
export const movedByOverdue = (task: OpenTask) => task.key.includes('>');

/** The case's phase with its due date counted anew on `calendar` from its start (a calendar recount). */
export function recountedPhase(wf: CompiledWorkflow, snapshot: CaseSnapshot, calendar: WorkingCalendar): PhaseState | undefined {
  const state = snapshot.phase;
  const phase = state ? ownEntry(wf.definition.phases, state.key) : undefined;
  if (!state || !phase) return state;
  const due = durationDue(phase.deadline, wf.parameters, {}, new Date(state.startedAt), calendar);
  return due ? { ...state, dueAt: due.toISOString() } : state;
}

/** A task's due date given its step's own (`own`, if any) and the case's phase: the earlier of the two. */
export function phaseBoundDue(wf: CompiledWorkflow, task: OpenTask, own: string | undefined, phase: PhaseState | undefined): string | undefined {
  const steps = phase ? ownEntry(wf.definition.phases, phase.key)?.steps ?? [] : [];
  const { dueAt: _current, ...rest } = task;
  void _current;
  return boundedBy(own ? { ...rest, dueAt: own } : rest, phase, steps).dueAt;
}
