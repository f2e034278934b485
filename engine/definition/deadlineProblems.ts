/**
 * Static checks of deadlines that act (reminders, overdue actions, phases, the stopping clock):
 * whatever would silently never fire or misroute at runtime is refused here, with its JSON path.
 * - a reminder or an overdue action on a step with no deadline (and in no phase);
 * - a reminder as early as or earlier than the deadline itself (it would never go out);
 * - a timeout route to an unknown step, to the step itself, to a choice step, or back to a step
 *   before it (one from which it is reached again: only a final step, a step its forward routes
 *   reach, or an overdue branch of its own that never leads back to it);
 * - an escalation from the county (there is no level above) or from a step not on the chain, an
 *   escalation or reassignment of a group, panel or beside-the-chain task;
 * - a phase naming unknown steps, a step in two phases, steps that are not contiguous (not all
 *   reachable from its first step without leaving it), a deadline that cannot be counted;
 * - a step that stops the statutory clock and also starts or pauses it.
 */
import type { DefinitionProblem } from './problems.js';
import type { DeadlineReminder, Duration, JsonValue, OverdueAction, Parameterised, Route, StepDefinition, Target, WorkflowDefinition } from './types.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';
import { resolveDuration } from '../calendar/durationDue.js';
import { resolveLevel } from '../org/resolveAssignee.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);

/** The forward exits of a step (action targets, timer and choice routes; not returns). */
function forwardOf(step: StepDefinition | undefined): string[] {
  if (!step) return [];
  if (step.type === 'choice') return routes(step.target).map((r) => r.target);
  if (step.type === 'final') return [];
  if (step.type === 'children') return [...routes(step.onSettled), ...routes(step.onTimeout)].map((r) => r.target);
  if (step.type === 'parallel') return [...routes(step.target), ...Object.values(step.branches).flatMap((b) => Object.values(b.actions).flatMap((a) => routes(a.target)))].map((r) => r.target);
  const out = step.type === 'timer' ? routes(step.onElapsed).map((r) => r.target) : [];
  for (const a of Object.values(step.actions ?? {})) out.push(...routes(a.target).map((r) => r.target));
  return out;
}

/** The steps reachable from `from` by forward routes, optionally only through `within`. */
function reachable(def: WorkflowDefinition, from: string, within?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    for (const t of forwardOf(ownEntry(def.steps, stack.pop()!))) {
      if (seen.has(t) || !hasOwnEntry(def.steps, t) || (within && !within.has(t))) continue;
      seen.add(t);
      stack.push(t);
    }
  }
  return seen;
}

/** The timeout routes a step leads to (its own; a phase's from the phase's first step), as [JSON path, target], for reachability. */
export function timeoutExits(def: WorkflowDefinition, name: string): [string, string][] {
  const step = ownEntry(def.steps, name);
  const out: [string, string][] = [];
  if (step?.type === 'task' && step.onOverdue && 'route' in step.onOverdue) out.push([`/steps/${escape(name)}/onOverdue/route`, step.onOverdue.route]);
  for (const [key, phase] of Object.entries(def.phases ?? {})) {
    if (phase.steps[0] === name && phase.onOverdue && 'route' in phase.onOverdue) out.push([`/phases/${escape(key)}/onOverdue/route`, phase.onOverdue.route]);
  }
  return out;
}

/** A count written literally or as a parameter, or undefined when it is not a positive integer. */
function countOf(value: unknown, parameters: Record<string, JsonValue>): number | undefined {
  const raw = typeof value === 'object' && value !== null && 'param' in value ? ownEntry(parameters, String((value as { param: unknown }).param)) : value;
  return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? raw : undefined;
}

/** Checks deadlines that act; `def` has a valid shape. */
export function deadlineProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => void problems.push({ path, message });
  const parameters = def.parameters ?? {};
  const phaseOfStep = new Map<string, string>();

  // A reminder must come before the deadline: compared when both count in comparable units.
  const checkReminders = (list: DeadlineReminder[] | undefined, deadline: Parameterised<Duration> | undefined, path: string): void => {
    const d = deadline ? resolveDuration(deadline, parameters) : undefined;
    (list ?? []).forEach((r, i) => {
      const unit = r.before.workingDays !== undefined ? 'workingDays' : 'days';
      const before = countOf(r.before[unit], parameters);
      const bp = `${path}/${i}/before/${unit}`;
      if (before === undefined) return add(bp, '提前的天数参数未定义，或不是正整数。');
      if (!d) return;
      const length = d.workingDays !== undefined ? countOf(d.workingDays, parameters) : d.days !== undefined ? countOf(d.days, parameters) : undefined;
      const deadlineUnit = d.workingDays !== undefined ? 'workingDays' : 'days';
      // A working day is at least a day: N working days before a deadline of N or fewer days is never ahead.
      const comparable = length !== undefined && (unit === deadlineUnit || (unit === 'workingDays' && deadlineUnit === 'days'));
      if (comparable && before >= length) add(bp, `提醒提前 ${before} 个${unit === 'workingDays' ? '工作日' : '日'}，不短于期限本身（${length} 个${deadlineUnit === 'workingDays' ? '工作日' : '日'}）：此提醒永远不会发出。`);
    });
  };

  // What the overdue action of the tasks of `steps` does must be possible for each of them.
  const checkOverdue = (action: OverdueAction | undefined, steps: string[], path: string): void => {
    if (!action) return;
    if ('route' in action) {
      const target = ownEntry(def.steps, action.route);
      const rp = `${path}/route`;
      if (!target) return; // reported with the other undefined targets (checkDefinition)
      if (steps.includes(action.route)) return add(rp, `逾期转入的步骤“${target.name}”就是逾期的步骤本身。`);
      if (target.type === 'choice') return add(rp, `逾期不能转入分支步骤“${target.name}”，请转入办理、等待或结束步骤。`);
      if (target.type === 'final') return;
      const last = steps[steps.length - 1]!;
      // Forward, or into a branch of its own (催报 then 补报) that never leads back: not a jump back to a step before.
      const forward = steps.some((s) => reachable(def, s).has(action.route));
      const leadsBack = steps.some((s) => reachable(def, action.route).has(s));
      if (!forward && leadsBack) add(rp, `逾期转入的步骤“${target.name}”不在“${ownEntry(def.steps, last)?.name ?? last}”之后，而会再回到它：只能转入之后可到达的步骤、不再回到它的逾期分支（如催报、补报）或结束步骤（如“视为撤回”）。`);
      return;
    }
    const kind = 'escalate' in action ? 'escalate' : 'reassign';
    for (const name of steps) {
      const step = ownEntry(def.steps, name);
      if (!step || step.type !== 'task') continue;
      const where = steps.length > 1 ? `步骤“${step.name}”：` : '';
      if (step.panel || (step.assignee.mode ?? 'single') !== 'single') { add(`${path}/${kind}`, `${where}会签、或签和评议步骤的任务不能逾期${kind === 'escalate' ? '升级' : '改派'}。`); continue; }
      if (step.assignee.level === undefined || step.assignee.resolver) { add(`${path}/${kind}`, `${where}只有按层级（村、乡镇、县）确定办理人的任务可以逾期${kind === 'escalate' ? '升级' : '改派'}。`); continue; }
      const level = resolveLevel(step.assignee.level, parameters);
      if (kind === 'escalate') {
        if (level === 'county') add(`${path}/escalate`, `${where}县级任务不能再升级：县级以上没有可升级的单位。`);
        else if (level !== 'village' && level !== 'township') add(`${path}/escalate`, `${where}只有村（居）或乡镇（街道）的任务可以逾期升级。`);
      } else if (level === 'applicant') add(`${path}/reassign`, `${where}申请人的任务不能改派给工作人员。`);
    }
  };

  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type !== 'task') continue;
    const sp = `/steps/${escape(name)}`;
    if (step.stopsClock && (step.startsClock || step.pausesClock)) add(`${sp}/stopsClock`, '停止总时限的步骤不能同时开始或暂停总时限。');
    const inPhase = Object.values(def.phases ?? {}).some((p) => p.steps.includes(name));
    if ((step.remind || step.onOverdue) && !step.deadline && !inPhase) add(step.remind ? `${sp}/remind` : `${sp}/onOverdue`, `步骤“${step.name}”没有期限 (deadline)，也不属于任何阶段：到期提醒和逾期处理无从计算。`);
    checkReminders(step.remind, step.deadline, `${sp}/remind`);
    checkOverdue(step.onOverdue, [name], `${sp}/onOverdue`);
  }

  for (const [key, phase] of Object.entries(def.phases ?? {})) {
    const pp = `/phases/${escape(key)}`;
    let known = true;
    phase.steps.forEach((s, i) => {
      const step = ownEntry(def.steps, s);
      if (!step) { known = false; return add(`${pp}/steps/${i}`, `步骤“${s}”未定义。`); }
      if (step.type === 'final' || step.type === 'choice') { known = false; return add(`${pp}/steps/${i}`, `阶段只能包含办理或等待步骤，“${step.name}”不是。`); }
      const other = phaseOfStep.get(s);
      if (other !== undefined) { known = false; return add(`${pp}/steps/${i}`, `步骤“${step.name}”已属于阶段“${other}”：一个步骤只能属于一个阶段。`); }
      phaseOfStep.set(s, key);
    });
    if (known) {
      const within = new Set(phase.steps);
      const reached = reachable(def, phase.steps[0]!, within);
      phase.steps.forEach((s, i) => {
        if (i > 0 && !reached.has(s)) add(`${pp}/steps/${i}`, `阶段的步骤不连续：从第一个步骤“${ownEntry(def.steps, phase.steps[0]!)!.name}”出发、不离开阶段到不了“${ownEntry(def.steps, s)!.name}”。`);
      });
    }
    const d = resolveDuration(phase.deadline, parameters);
    const unit = d ? (['workingDays', 'days', 'months', 'date'] as const).find((u) => d[u] !== undefined) : undefined;
    if (!d || !unit || (unit !== 'date' && countOf(d[unit], parameters) === undefined)) add(`${pp}/deadline`, '阶段期限无法计算：参数未定义，或不是正整数天数、月数或 "MM-DD" 日期。');
    checkReminders(phase.remind, phase.deadline, `${pp}/remind`);
    if (known) checkOverdue(phase.onOverdue, phase.steps, `${pp}/onOverdue`);
  }
  return problems;
}
