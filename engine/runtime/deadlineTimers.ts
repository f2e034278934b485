/**
 * The durable timers a task deadline sets (deadlines that act): one per reminder before the due
 * date (`remind:<taskKey>:<n>`, n from 1) and one for the moment it passes (`overdue:<taskKey>`),
 * each fired by the host's sweep as a system command (`deadline.remind`, `deadline.overdue`)
 * through `decide`. The keys are derived from the task key, so they are cancelled when the task
 * closes and moved when its due date moves, without the snapshot listing them.
 */
import type { DeadlineReminder, DurationBefore, JsonValue, OverdueAction, PhaseDefinition, WorkflowDefinition } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { addCalendarDays, chinaDateOf, chinaMidnight } from '../calendar/chinaDate.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { CaseSnapshot, Effect, OpenTask } from '../model/index.js';

/** The reserved command a reminder timer sends. */
export const remindAction = 'deadline.remind';
/** The reserved command an overdue timer sends. */
export const overdueAction = 'deadline.overdue';

/** The levels of the chain an escalation climbs, bottom first. */
export const escalationChain = ['village', 'township', 'county'] as const;

/** The key of the `n`-th reminder (from 1) of a task. */
export const remindKey = (taskKey: string, n: number) => `remind:${taskKey}:${n}`;
/** The key of a task's overdue timer. */
export const overdueKey = (taskKey: string) => `overdue:${taskKey}`;

/** What a deadline timer key names: a task's n-th reminder or its overdue moment. */
export type DeadlineTimer = { kind: 'remind'; taskKey: string; n: number } | { kind: 'overdue'; taskKey: string };

/** Reads a deadline timer key; undefined for any other key (a timer step's `step#n`). */
export function parseDeadlineTimerKey(key: string): DeadlineTimer | undefined {
  if (key.startsWith('overdue:') && key.length > 8) return { kind: 'overdue', taskKey: key.slice(8) };
  const m = /^remind:(.+):([1-9]\d*)$/.exec(key);
  return m ? { kind: 'remind', taskKey: m[1]!, n: Number(m[2]) } : undefined;
}

/** The command a due timer sends: `deadline.remind` / `deadline.overdue` for deadline timers, `timer.elapsed` otherwise. */
export function timerCommandOf(key: string): string {
  const parsed = parseDeadlineTimerKey(key);
  return parsed ? (parsed.kind === 'remind' ? remindAction : overdueAction) : 'timer.elapsed';
}

/** Whether a command name is one of the deadline commands. */
export const isDeadlineCommand = (action: string) => action === remindAction || action === overdueAction;

/** The phase a step belongs to, with its key. */
export function phaseOf(def: WorkflowDefinition, step: string): [string, PhaseDefinition] | undefined {
  for (const [key, phase] of Object.entries(def.phases ?? {})) if (phase.steps.includes(step)) return [key, phase];
  return undefined;
}

/** What a task's deadline does: the step's own reminders and overdue action, else its phase's. */
export interface DeadlineActs {
  remind: DeadlineReminder[];
  onOverdue?: OverdueAction;
}

/** The acts that apply to the tasks of `stepName`. */
export function actsOf(def: WorkflowDefinition, stepName: string): DeadlineActs {
  const step = ownEntry(def.steps, stepName);
  const own = step?.type === 'task' ? step : undefined;
  const phase = phaseOf(def, stepName)?.[1];
  const onOverdue = own?.onOverdue ?? phase?.onOverdue;
  return { remind: own?.remind ?? phase?.remind ?? [], ...(onOverdue ? { onOverdue } : {}) };
}

/** Whether a definition uses any deadline act (reminders, overdue actions, phases, a stopping clock). */
export function usesDeadlineActs(def: WorkflowDefinition): boolean {
  if (def.phases && Object.keys(def.phases).length > 0) return true;
  return Object.values(def.steps).some((s) => s.type === 'task' && (s.remind !== undefined || s.onOverdue !== undefined || s.stopsClock === true));
}

function countOf(value: unknown, parameters: Record<string, JsonValue>): number | undefined {
  const raw = typeof value === 'object' && value !== null && 'param' in value ? ownEntry(parameters, String((value as { param: unknown }).param)) : value;
  return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? raw : undefined;
}

/**
 * When a reminder `before` a deadline that falls due at `due` goes out: the end of the day that
 * leaves exactly that many working (or calendar) days before the deadline's last day ends —
 * `{ workingDays: 2 }` before a deadline ending with Monday is the end of the Thursday before.
 */
export function reminderAt(due: Date, before: DurationBefore, parameters: Record<string, JsonValue>, calendar: WorkingCalendar): Date | undefined {
  const last = chinaDateOf(new Date(due.getTime() - 1));
  if (before.workingDays !== undefined) {
    let left = countOf(before.workingDays, parameters);
    if (left === undefined) return undefined;
    let day = last;
    while (left > 0) {
      day = addCalendarDays(day, -1);
      if (calendar.isWorkingDay(day)) left--;
    }
    return chinaMidnight(addCalendarDays(day, 1));
  }
  const days = countOf(before.days, parameters);
  return days === undefined ? undefined : chinaMidnight(addCalendarDays(last, 1 - days));
}

/** The unit an escalation of `task` goes to (the next level up the chain), if the case has one. */
export function escalationOf(snapshot: Pick<CaseSnapshot, 'org'>, task: OpenTask): { level: 'township' | 'county'; unit: string } | undefined {
  const at = escalationChain.indexOf(task.level as (typeof escalationChain)[number]);
  if (at < 0 || at === escalationChain.length - 1) return undefined;
  const level = escalationChain[at + 1] as 'township' | 'county';
  const unit = snapshot.org[level];
  return unit ? { level, unit } : undefined;
}

/** Whether the overdue action can act on `task` of the case (an escalation needs a level above). */
function overdueActs(snapshot: Pick<CaseSnapshot, 'org'>, task: OpenTask, action: OverdueAction | undefined): boolean {
  if (!action) return false;
  if ('escalate' in action) return escalationOf(snapshot, task) !== undefined;
  return true;
}

/** Tasks deadlines act on: a step's tasks, not a panel member's ballot nor an added signer's opinion. */
const actsOnTask = (task: OpenTask) => task.dueAt !== undefined && task.mode !== 'panel' && task.mode !== 'sign';

/**
 * The timers a task with a due date sets when it opens at `now`: each reminder still ahead, and the
 * overdue timer while the due date is ahead and the overdue action can act.
 */
export function deadlineTimersOf(wf: CompiledWorkflow, snapshot: Pick<CaseSnapshot, 'org'>, task: OpenTask, now: Date, calendar: WorkingCalendar): Extract<Effect, { type: 'scheduleTimer' }>[] {
  if (!actsOnTask(task)) return [];
  const acts = actsOf(wf.definition, task.step);
  const due = new Date(task.dueAt!);
  const out: Extract<Effect, { type: 'scheduleTimer' }>[] = [];
  acts.remind.forEach((r, i) => {
    const at = reminderAt(due, r.before, wf.parameters, calendar);
    if (at && at.getTime() > now.getTime() && at.getTime() < due.getTime()) out.push({ type: 'scheduleTimer', key: remindKey(task.key, i + 1), step: task.step, dueAt: at.toISOString() });
  });
  if (due.getTime() > now.getTime() && overdueActs(snapshot, task, acts.onOverdue)) out.push({ type: 'scheduleTimer', key: overdueKey(task.key), step: task.step, dueAt: due.toISOString() });
  return out;
}

/** Every deadline timer key a task may have set (cancelling one that was never set does nothing). */
export function deadlineTimerKeys(wf: CompiledWorkflow, task: OpenTask): string[] {
  if (!actsOnTask(task)) return [];
  const acts = actsOf(wf.definition, task.step);
  return [...acts.remind.map((_, i) => remindKey(task.key, i + 1)), ...(acts.onOverdue ? [overdueKey(task.key)] : [])];
}

/**
 * The moves of a task's deadline timers when its due date moves to `dueAt` (a calendar recount):
 * each pending one goes to its new instant (the host moves only timers still pending).
 */
export function movedDeadlineTimers(wf: CompiledWorkflow, task: OpenTask, dueAt: string, calendar: WorkingCalendar): Effect[] {
  if (!actsOnTask(task)) return [];
  const acts = actsOf(wf.definition, task.step);
  const due = new Date(dueAt);
  const out: Effect[] = [];
  acts.remind.forEach((r, i) => {
    const at = reminderAt(due, r.before, wf.parameters, calendar);
    if (at) out.push({ type: 'moveDeadline', target: 'timer', key: remindKey(task.key, i + 1), dueAt: at.toISOString() });
  });
  if (acts.onOverdue) out.push({ type: 'moveDeadline', target: 'timer', key: overdueKey(task.key), dueAt });
  return out;
}
