/**
 * Counting a running case's deadlines anew on a changed working calendar (an administrator
 * entered a year's official holiday arrangement): the statutory clock's due date, the open tasks'
 * step deadlines and the pending timer of a timer step counted in working days. Pure, like
 * `decide`: the host records the event, and replay recounts with the recorded calendar and starts.
 */
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { ownEntry } from '../definition/ownEntry.js';
import { durationDue } from '../calendar/durationDue.js';
import { machineContextOf } from './actionRules.js';
import { timerDue, visitKey } from './enterStep.js';
import { withDue } from './statutoryClock.js';
import { movedByOverdue, phaseBoundDue, recountedPhase } from './deadlineActs.js';
import { movedDeadlineTimers } from './deadlineTimers.js';
import type { CaseSnapshot, DecidedEvent, Effect, OpenTask } from '../model/index.js';

/** The action of the event a recount records. */
export const recountAction = 'calendar.recount';

/**
 * What the host knows of the running deadlines outside the snapshot: when each open task began
 * counting (ISO date-time, by task key) and the pending timer (its key, start and due date). A task
 * whose start is absent keeps its deadline.
 */
export interface DeadlineStarts {
  tasks: Record<string, string>;
  timer?: { key: string; startedAt: string; dueAt: string };
}

/** A recount that moved something: the next snapshot, the moves to carry out and the event to record. */
export interface Recount {
  snapshot: CaseSnapshot;
  effects: Effect[];
  event: DecidedEvent;
}

/**
 * Counts the deadlines of `snapshot` anew on `calendar`; answers undefined when none moves (or the
 * case is done). The snapshot's version goes up by one, as for an accepted command.
 */
export function recountDeadlines(wf: CompiledWorkflow, snapshot: CaseSnapshot, starts: DeadlineStarts, now: Date, calendar: WorkingCalendar, comment: string): Recount | undefined {
  if (snapshot.status === 'done') return undefined;
  const effects: Effect[] = [];
  const clock = withDue(snapshot.clock, calendar);
  // A phase's due date is counted anew from its start; it bounds the tasks opened in it (deadlineActs.ts).
  const phase = recountedPhase(wf, snapshot, calendar);
  const tasks: OpenTask[] = snapshot.tasks.map((task) => {
    const step = ownEntry(wf.definition.steps, task.step);
    const start = ownEntry(starts.tasks, task.key);
    const deadline = step?.type === 'task' ? step.deadline : step?.type === 'parallel' && task.branch !== undefined ? ownEntry(step.branches, task.branch)?.deadline : undefined;
    // A task moved by its overdue action (escalated, reassigned) keeps its due date.
    if (!task.dueAt || !start || movedByOverdue(task)) return task;
    const own = deadline ? durationDue(deadline, wf.parameters, {}, new Date(start), calendar)?.toISOString() : undefined; // a deadline relative to a form date is kept
    const dueAt = phaseBoundDue(wf, task, own ?? (deadline ? task.dueAt : undefined), phase);
    if (!dueAt) return task;
    if (dueAt === task.dueAt) return task;
    effects.push({ type: 'moveDeadline', target: 'task', key: task.key, dueAt }, ...movedDeadlineTimers(wf, task, dueAt, calendar));
    return { ...task, dueAt };
  });
  const step = ownEntry(wf.definition.steps, snapshot.step);
  // The pending timer: a timer step's wait, or a children step's deadline (one relative to a form date is kept).
  if (step?.type === 'timer' || (step?.type === 'children' && step.deadline)) {
    const key = visitKey(snapshot.step, ownEntry(machineContextOf(snapshot).visits, snapshot.step) ?? 1);
    const timer = starts.timer;
    if (timer && timer.key === key) {
      const due = step.type === 'timer' ? timerDue(step, wf.parameters, new Date(timer.startedAt), calendar) : durationDue(step.deadline!, wf.parameters, {}, new Date(timer.startedAt), calendar);
      const dueAt = due?.toISOString();
      if (dueAt && dueAt !== new Date(timer.dueAt).toISOString()) effects.push({ type: 'moveDeadline', target: 'timer', key, dueAt });
    }
  }
  const phaseMoved = phase !== undefined && phase.dueAt !== snapshot.phase?.dueAt;
  if (clock.dueAt === snapshot.clock.dueAt && effects.length === 0 && !phaseMoved) return undefined;
  return {
    snapshot: { ...snapshot, clock, tasks, version: snapshot.version + 1, ...(phase ? { phase } : {}) },
    effects,
    event: { action: recountAction, kind: 'calendar', from: snapshot.step, to: snapshot.step, actor: 'system', comment, at: now.toISOString() },
  };
}
