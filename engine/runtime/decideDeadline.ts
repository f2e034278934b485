/**
 * The deadline commands the sweep sends as the system when a deadline timer falls due
 * (deadlineTimers.ts): `deadline.remind` — a reminder (催办) to the task's assignee, recorded on the
 * timeline; `deadline.overdue` — what the definition names: the task escalated one level up the
 * chain or reassigned to a named level (the old assignee is told), or the case routed to a step
 * (decided by `decide` like an elapsed timer, through the machine's `deadline.overdue` transition).
 * A timer whose task has closed meanwhile is refused and so simply spent.
 */
import type { AssigneeLevel, Duration, Parameterised } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { chinaDateOf } from '../calendar/chinaDate.js';
import { durationDue } from '../calendar/durationDue.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { Actor, CaseSnapshot, Command, Decision, Effect, OpenTask, Rejection } from '../model/index.js';
import { actsOf, escalationOf, overdueAction, parseDeadlineTimerKey, remindAction } from './deadlineTimers.js';

const levelNames: Record<string, string> = { village: '村（居）', township: '乡镇（街道）', county: '县级' };

/** What a deadline command comes to: a decision of its own, or a route `decide` carries out as a move. */
export type DeadlineVerdict = { decision: Decision } | { route: string; note: string };

const refuse = (code: Rejection['code'], message: string): DeadlineVerdict => ({ decision: { ok: false, rejection: { code, message } } });

/** A notice to whoever works `task`: its user, the officers of its unit on the chain (or the applicant), or the officers of its department. */
function noticeTo(task: OpenTask, message: string): Effect[] {
  if (task.assigneeUser) return [{ type: 'notifyUser', user: task.assigneeUser, message }];
  if (task.level === 'applicant' || task.level === 'village' || task.level === 'township' || task.level === 'county') return [{ type: 'notify', to: task.level, message }];
  if (task.level === 'department' && task.assigneeUnit) return [{ type: 'notifyUnit', unit: task.assigneeUnit, message }];
  return [];
}

/** Decides a deadline command (`command.action` is `deadline.remind` or `deadline.overdue`); the version has been checked. */
export function decideDeadline(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, command: Command, now: Date, calendar: WorkingCalendar): DeadlineVerdict {
  if (actor.kind !== 'system') return refuse('not_your_task', '只有系统计时器可以处理期限。');
  const timer = command.timerKey ? parseDeadlineTimerKey(command.timerKey) : undefined;
  if (!timer || (timer.kind === 'remind') !== (command.action === remindAction) || (timer.kind === 'overdue') !== (command.action === overdueAction)) return refuse('not_allowed', '该期限计时器已失效。');
  const task = snapshot.tasks.find((t) => t.key === timer.taskKey);
  if (!task || !task.dueAt) return refuse('not_allowed', '该任务已办结，期限计时器已失效。');
  const step = ownEntry(wf.definition.steps, task.step);
  const stepName = `“${step?.name ?? task.step}”`;
  const acts = actsOf(wf.definition, task.step);
  const dueDay = chinaDateOf(new Date(Date.parse(task.dueAt) - 1));
  const base = { from: snapshot.step, to: snapshot.step, actor: actor.id, at: now.toISOString() };
  const { recallable: _recall, ...rest } = snapshot;
  void _recall;

  if (timer.kind === 'remind') {
    if (!acts.remind[timer.n - 1]) return refuse('not_allowed', '该期限提醒已不在流程定义中。');
    const message = `催办：案件${stepName}步骤的任务将于 ${dueDay} 到期，请尽快办理。`;
    return {
      decision: {
        ok: true,
        snapshot: { ...rest, version: snapshot.version + 1 },
        effects: noticeTo(task, message),
        event: { ...base, action: command.action, kind: 'deadline', note: `到期提醒（第 ${timer.n} 次）：${dueDay} 到期` },
      },
    };
  }

  const onOverdue = acts.onOverdue;
  if (!onOverdue) return refuse('not_allowed', '此步骤逾期后没有规定的处理。');
  if ('route' in onOverdue) {
    const target = ownEntry(wf.definition.steps, onOverdue.route);
    return { route: onOverdue.route, note: `逾期未办（${dueDay} 到期），转入“${target?.name ?? onOverdue.route}”` };
  }
  // The task moves: to the level above (escalate) or to the named level (reassign).
  let to: { level: AssigneeLevel; unit: string } | undefined;
  let spec: { role?: string; deadline?: Parameterised<Duration> };
  if ('escalate' in onOverdue) {
    to = escalationOf(snapshot, task);
    spec = onOverdue.escalate;
  } else {
    const unit = snapshot.org[onOverdue.reassign.level];
    to = unit ? { level: onOverdue.reassign.level, unit } : undefined;
    spec = onOverdue.reassign;
  }
  if (!to) return refuse('not_allowed', '没有可移交的上级单位。');
  const fresh = spec.deadline ? durationDue(spec.deadline, wf.parameters, {}, now, calendar)?.toISOString() : undefined;
  const moved: OpenTask = {
    key: `${task.key}>${to.level}`,
    step: task.step,
    level: to.level,
    assigneeUnit: to.unit,
    ...(spec.role ? { role: spec.role } : {}),
    mode: 'single',
    dueAt: fresh ?? task.dueAt,
  };
  const verb = 'escalate' in onOverdue ? '升级' : '改派';
  const effects: Effect[] = [
    { type: 'closeTask', key: task.key, outcome: 'cancelled' },
    { type: 'openTask', task: moved },
    ...noticeTo(task, `案件${stepName}步骤的任务已逾期（${dueDay} 到期），已${verb}由${levelNames[to.level] ?? to.level}办理。`),
    { type: 'notify', to: to.level, message: `案件${stepName}步骤的任务逾期未办（${dueDay} 到期），已${verb}由您单位办理，请尽快办理。` },
  ];
  return {
    decision: {
      ok: true,
      snapshot: { ...rest, version: snapshot.version + 1, tasks: snapshot.tasks.map((t) => (t.key === task.key ? moved : t)) },
      effects,
      event: { ...base, action: command.action, kind: 'deadline', note: `逾期${verb}：${levelNames[task.level] ?? task.level} → ${levelNames[to.level] ?? to.level}` },
    },
  };
}
