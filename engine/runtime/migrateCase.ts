/**
 * Moving a running case to another published version of its process (an administrator's per-case
 * migration). Pure, like `decide`: the same function answers the dry run (the plan: where the
 * current step goes, which tasks and timers are closed and opened anew, how the statutory limit
 * changes, what cannot carry over) and the applied migration (the next snapshot, the effects and
 * the `migrate` event); replay calls it again at the event with the recorded inputs.
 *
 * The current step goes to the step of the same name in the target version, or to the one the
 * request's `stepMap` names; it is entered anew there (a new visit: its tasks open, its timer starts
 * again, its deadlines count from the migration), without repeating its `onEnter` effects (documents,
 * notices, data), which the plan lists. A migration is refused — nothing changes — when the step
 * has no counterpart, the counterpart is not a task or timer step, a decided item or a reached
 * milestone has no counterpart, the counterpart seats a panel, or the case waits for child cases. A
 * panel still deciding is void.
 */
import type { CompiledWorkflow, MachineContext } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import type { JsonValue } from '../definition/types.js';
import { hasOwnEntry, ownEntry } from '../definition/ownEntry.js';
import { AssignmentError } from '../org/resolveUnitAssignee.js';
import { machineContextOf } from './actionRules.js';
import { enterStep, visitKey } from './enterStep.js';
import { clockLimit, resumeClock, withDue } from './statutoryClock.js';
import { withDeadlineActs } from './deadlineActs.js';
import { deadlineTimerKeys } from './deadlineTimers.js';
import { baseLimit, extendedLimit, type ResolvedLimit } from '../definition/overallLimit.js';
import type { CaseClock, CaseSnapshot, DecidedEvent, Effect, OpenTask, OrgDirectory } from '../model/index.js';

/** The action of the event a migration records. */
export const migrateAction = 'admin.migrate';

/** What an administrator asks: the target's step for each current step whose name differs (old name → new name). */
export interface MigrationRequest {
  stepMap?: Record<string, string>;
}

/** A reason a migration cannot be applied, at a path of the request. */
export interface MigrationProblem {
  path: string;
  message: string;
}

/** The dry run of a migration: what would change and what cannot. */
export interface MigrationPlan {
  ok: boolean;
  from: { key: string; version: number };
  to: { key: string; version: number };
  step: { from: string; fromName: string; to: string | null; toName?: string; by: 'same' | 'stepMap' | 'cannot' };
  /** The open tasks closed (cancelled) and the tasks opened for the mapped step, with their deadlines. */
  tasks: { cancelled: { key: string; step: string }[]; opened: OpenTask[] };
  /** The pending timer cancelled and the timer scheduled anew for the mapped step. */
  timers: { cancelled: string[]; scheduled: { key: string; step: string; dueAt: string }[] };
  /** The statutory limit (unit and count) and its due date before and after. */
  clock: { limitBefore: ResolvedLimit; limitAfter: ResolvedLimit; dueAtBefore?: string; dueAtAfter?: string };
  /** Decided items and reached milestones that carry over. */
  carried: { decisions: string[]; milestones: string[] };
  /** What the mapped step does on entering that the migration does not repeat (documents, notices, data), as `effect: what`. */
  notRepeated: string[];
  /** What is lost without stopping the migration (a countersign's progress, a 撤回 point, a return's resume point). */
  warnings: string[];
  /** Why it cannot be applied (empty when it can). */
  problems: MigrationProblem[];
}

/** An applied migration: the plan, the next snapshot, the effects to carry out and the event to record. */
export type Migration = { ok: true; plan: MigrationPlan; snapshot: CaseSnapshot; effects: Effect[]; event: DecidedEvent } | { ok: false; plan: MigrationPlan };

/** What a migration reads besides the two versions and the snapshot. */
export interface MigrationEnv {
  calendar: WorkingCalendar;
  data: Record<string, JsonValue>;
  /** Who migrates, and why (recorded on the event). */
  actor: string;
  reason: string;
  caseId?: string;
  /** The county's org directory, for a mapped step routed beside the chain. */
  org?: OrgDirectory;
}

/** The target's limit for a clock extended or not (undefined: the target has none that counts; the clock keeps its own). */
function limitOf(wf: CompiledWorkflow, extended: boolean): ResolvedLimit | undefined {
  return extended ? extendedLimit(wf.definition.limit, wf.parameters) : baseLimit(wf.definition.limit, wf.parameters);
}

/** The clock counting `limit` instead of its own, its due date counted anew. */
function withLimit(clock: CaseClock, limit: ResolvedLimit, calendar: WorkingCalendar): CaseClock {
  const { limitWorkingDays: _w, limitDays: _d, limitMonths: _m, ...rest } = clock;
  const fields = limit.unit === 'workingDays' ? { limitWorkingDays: limit.count } : limit.unit === 'days' ? { limitDays: limit.count, pausedDays: clock.pausedDays ?? 0 } : { limitMonths: limit.count, pausedDays: clock.pausedDays ?? 0 };
  return withDue({ ...rest, ...fields }, calendar);
}

function describeEffect(e: Effect): string | undefined {
  switch (e.type) {
    case 'renderDocument':
      return `文书：${e.title}`;
    case 'notify':
      return `通知：${e.message}`;
    case 'notifyUser':
      return `通知：${e.message}`;
    case 'notifyUnit':
      return `通知：${e.message}`;
    case 'setData':
      return `写入数据：${e.path}`;
    case 'setSubjectFact':
      return `记录对象事实：${e.fact}`;
    case 'startChildCase':
      return `启动子案件：${e.workflow}`;
    default:
      return undefined;
  }
}

/** Plans (and, when it can, applies) moving `snapshot` from version `from` to version `to`. */
export function migrateCase(from: CompiledWorkflow, to: CompiledWorkflow, snapshot: CaseSnapshot, request: MigrationRequest, now: Date, env: MigrationEnv): Migration {
  const problems: MigrationProblem[] = [];
  const warnings: string[] = [];
  const current = snapshot.step;
  const fromStep = ownEntry(from.definition.steps, current);
  const extended = snapshot.clock.extended;
  const plan: MigrationPlan = {
    ok: false,
    from: { key: from.definition.key, version: from.definition.version },
    to: { key: to.definition.key, version: to.definition.version },
    step: { from: current, fromName: fromStep?.name ?? current, to: null, by: 'cannot' },
    tasks: { cancelled: snapshot.tasks.map((t) => ({ key: t.key, step: t.step })), opened: [] },
    timers: { cancelled: [], scheduled: [] },
    clock: { limitBefore: clockLimit(snapshot.clock), limitAfter: clockLimit(snapshot.clock), ...(snapshot.clock.dueAt ? { dueAtBefore: snapshot.clock.dueAt } : {}) },
    carried: { decisions: [], milestones: [] },
    notRepeated: [],
    warnings,
    problems,
  };
  const refuse = (): Migration => ({ ok: false, plan: { ...plan, ok: false } });

  if (to.definition.key !== from.definition.key) problems.push({ path: '/toVersion', message: `目标版本属于流程“${to.definition.key}”，不是本案件的流程“${from.definition.key}”。` });
  else if (to.definition.version === from.definition.version) problems.push({ path: '/toVersion', message: `案件已在第 ${from.definition.version} 版，无需迁移。` });
  if (snapshot.status === 'done') problems.push({ path: '', message: '案件已办结，不能迁移。' });
  // Child cases started for the current step would report to a wait that no longer exists.
  const wait = ownEntry(snapshot.children, current);
  if (snapshot.status === 'active' && wait && !wait.result) problems.push({ path: '', message: `步骤“${fromStep?.name ?? current}”正在等待子案件办结（已发起 ${wait.started} 件），等待结束后再迁移。` });

  // Every entry of the step map names a step of each version.
  const stepMap = request.stepMap ?? {};
  for (const [oldName, newName] of Object.entries(stepMap)) {
    if (!hasOwnEntry(from.definition.steps, oldName)) problems.push({ path: `/stepMap/${oldName}`, message: `第 ${from.definition.version} 版中没有步骤“${oldName}”。` });
    if (typeof newName !== 'string' || !hasOwnEntry(to.definition.steps, newName)) problems.push({ path: `/stepMap/${oldName}`, message: `第 ${to.definition.version} 版中没有步骤“${String(newName)}”。` });
  }
  const mapped = hasOwnEntry(stepMap, current) ? ownEntry(stepMap, current) : undefined;
  const target = mapped ?? (hasOwnEntry(to.definition.steps, current) ? current : undefined);
  const toStep = target !== undefined ? ownEntry(to.definition.steps, target) : undefined;
  if (target === undefined || !toStep) {
    if (mapped === undefined) problems.push({ path: '/stepMap', message: `当前步骤“${plan.step.fromName}”在第 ${to.definition.version} 版中不存在，请在 stepMap 中指定对应的步骤。` });
  } else {
    plan.step = { from: current, fromName: plan.step.fromName, to: target, toName: toStep.name, by: mapped !== undefined ? 'stepMap' : 'same' };
    if (toStep.type !== 'task' && toStep.type !== 'timer') problems.push({ path: mapped !== undefined ? `/stepMap/${current}` : '/stepMap', message: `第 ${to.definition.version} 版的步骤“${toStep.name}”是${toStep.type === 'final' ? '结束' : toStep.type === 'choice' ? '自动分支' : `“${String(toStep.type)}”类`}步骤，迁移只能进入办理或等待步骤。` });
    else if (toStep.type === 'task' && toStep.panel) problems.push({ path: mapped !== undefined ? `/stepMap/${current}` : '/stepMap', message: `第 ${to.definition.version} 版的步骤“${toStep.name}”设有评议组，迁移不能组成评议组；请在评议步骤之外迁移。` });
  }

  // Decided items and reached milestones must have their counterparts.
  for (const key of Object.keys(snapshot.decisions ?? {})) {
    if (hasOwnEntry(to.definition.decisions, key)) plan.carried.decisions.push(key);
    else problems.push({ path: `/decisions/${key}`, message: `已作出的决定事项“${ownEntry(from.definition.decisions, key)?.name ?? key}”在第 ${to.definition.version} 版中没有，不能迁移。` });
  }
  for (const key of Object.keys(snapshot.milestones ?? {})) {
    if (hasOwnEntry(to.definition.milestones, key)) plan.carried.milestones.push(key);
    else problems.push({ path: `/milestones/${key}`, message: `已到达的节点“${ownEntry(from.definition.milestones, key)?.name ?? key}”在第 ${to.definition.version} 版中没有，不能迁移。` });
  }
  if (problems.length > 0 || !toStep || target === undefined) return refuse();

  const context = machineContextOf(snapshot);
  if (context.approvals.length > 0) warnings.push(`会签进度（已会签：${context.approvals.join('、')}）不保留，迁移后重新会签。`);
  if (snapshot.recallable) warnings.push('迁移后不能再撤回迁移前的办理。');
  if (context.returnedFrom && !hasOwnEntry(to.definition.steps, context.returnedFrom)) warnings.push(`退回前的步骤“${context.returnedFrom}”在新版本中不存在，补正后按新版本的流转继续。`);
  if (fromStep?.type === 'timer') plan.timers.cancelled.push(visitKey(current, ownEntry(context.visits, current) ?? 1));

  // The visits of steps the target has; the mapped step is entered anew (a new visit, new task keys).
  const visits: Record<string, number> = {};
  for (const [name, count] of Object.entries(context.visits)) if (hasOwnEntry(to.definition.steps, name)) visits[name] = count;
  const visit = (ownEntry(visits, target) ?? 0) + 1;
  visits[target] = visit;
  const nextContext: MachineContext = { returnedFrom: context.returnedFrom && hasOwnEntry(to.definition.steps, context.returnedFrom) ? context.returnedFrom : null, approvals: [], visits };

  // The clock: a pause ends here and begins again if the mapped step pauses; the limit is the target's.
  let clock = resumeClock(snapshot.clock, now, env.calendar);
  const limit = limitOf(to, extended);
  const own = clockLimit(clock);
  if (limit !== undefined && (limit.unit !== own.unit || limit.count !== own.count)) clock = withLimit(clock, limit, env.calendar);
  const { recallable: _recall, ...rest } = snapshot;
  void _recall;
  const base: CaseSnapshot = { ...rest, workflow: { key: to.definition.key, version: to.definition.version }, version: snapshot.version + 1, clock, machine: { value: target, context: nextContext } as unknown as JsonValue };
  let entered: ReturnType<typeof enterStep>;
  try {
    entered = enterStep(to, base, target, visit, env.data, now, env.calendar, { ...(env.caseId ? { caseId: env.caseId } : {}), ...(env.org ? { org: env.org } : {}) });
  } catch (e) {
    if (!(e instanceof AssignmentError)) throw e;
    problems.push({ path: e.path ? `/data${e.path}` : '/stepMap', message: e.message });
    return refuse();
  }
  // The old version's tasks close, with the reminders and overdue timers they set, and its wait ends.
  const closing: Effect[] = [];
  for (const t of snapshot.tasks) {
    closing.push({ type: 'closeTask', key: t.key, outcome: 'cancelled' });
    for (const key of deadlineTimerKeys(from, t)) {
      closing.push({ type: 'cancelTimer', key });
      plan.timers.cancelled.push(key);
    }
  }
  for (const key of plan.timers.cancelled) if (!closing.some((e) => e.type === 'cancelTimer' && e.key === key)) closing.push({ type: 'cancelTimer', key });
  const entering: Effect[] = [];
  for (const e of entered.effects) {
    if (e.type === 'openTask' || e.type === 'scheduleTimer') entering.push(e);
    else {
      const what = describeEffect(e);
      if (what) plan.notRepeated.push(what);
    }
  }
  // A panel still deciding cannot go on in another version: its ballots are void (its members' tasks are closed above).
  const panels = Object.entries(snapshot.panels ?? {});
  for (const [stepName, state] of panels) if (!state.result) warnings.push(`评议“${ownEntry(from.definition.steps, stepName)?.name ?? stepName}”尚未得出结果，迁移后作废。`);
  const decided = panels.filter(([, state]) => state.result);
  const { panels: _panels, ...enteredRest } = entered.snapshot;
  void _panels;
  const event: DecidedEvent = { action: migrateAction, kind: 'migrate', from: current, to: target, actor: env.actor, comment: env.reason, note: `第 ${from.definition.version} 版 → 第 ${to.definition.version} 版`, at: now.toISOString() };
  const moved: CaseSnapshot = { ...enteredRest, flags: snapshot.flags, ...(decided.length > 0 ? { panels: Object.fromEntries(decided) } : {}) };
  // The target's deadlines that act: the opened tasks' reminders and overdue timers, its phase, a step that stops the clock.
  const acted = withDeadlineActs(to, { tasks: [] }, { ok: true, snapshot: moved, effects: entering, event }, now, env.calendar, env.data);
  if (!acted.ok) return refuse();
  const next = acted.snapshot;
  const effects = [...closing, ...acted.effects];
  for (const e of acted.effects) {
    if (e.type === 'openTask') plan.tasks.opened.push(e.task);
    else if (e.type === 'scheduleTimer') plan.timers.scheduled.push({ key: e.key, step: e.step, dueAt: e.dueAt });
  }
  plan.clock = { ...plan.clock, limitAfter: clockLimit(next.clock), ...(next.clock.dueAt ? { dueAtAfter: next.clock.dueAt } : {}) };
  plan.ok = true;
  return {
    ok: true,
    plan,
    snapshot: next,
    effects,
    event,
  };
}
