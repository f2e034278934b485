/**
 * Task verbs: what a Chinese approval user does besides a step's actions — 转办 (hand the task to a
 * colleague), 加签 (ask another approver's opinion before oneself, or pass the decision to them
 * after one's own), 签署加签意见 (the added signer's opinion), 抄送 (read access and a notice), 撤回
 * (take back one's last forward action while the next step is untouched) and 催办 (a reminder from
 * a level above). Each is a command (`verb.<name>`) decided here, purely, like `decide` decides
 * actions: the same version check, an event on the timeline, effects for the host, and a snapshot
 * replay rebuilds exactly from the recorded arguments (`Command.verb`).
 *
 * Who may: the worker of the step's task (the rules of acting, actionRules.ts) for 转办, 加签 and
 * 抄送; the added signer for their opinion; who passed the case on for 撤回; an officer of a unit
 * above the task's for 催办. What the step allows: `stepVerbs` (its `verbs`, with defaults).
 */
import type { ActionDefinition, AssigneeLevel, StepDefinition } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import { ownEntry } from '../definition/ownEntry.js';
import { stepVerbs, verbLabels, verbPrefix, type ResolvedVerbs } from '../definition/stepVerbs.js';
import { resolveLevel, whyActorCannotAct } from '../org/resolveAssignee.js';
import type { Actor, CaseSnapshot, Command, Decision, Effect, OpenTask, Rejection, VerbTarget } from '../model/index.js';
import { machineContextOf, taskForActor, type ActionRuleScope } from './actionRules.js';
import { visitKey } from './enterStep.js';
import { mustRecuse } from './recusal.js';

/** The task verbs, by name, and the reserved command name of each. */
export const verbCommands = {
  transfer: 'verb.transfer',
  addSigner: 'verb.addSigner',
  sign: 'verb.sign',
  cc: 'verb.cc',
  recall: 'verb.recall',
  urge: 'verb.urge',
} as const;

/** A task verb. */
export type TaskVerb = keyof typeof verbCommands;

/** The verb a command name asks for, or undefined for an action of the step. */
export function verbOf(action: string): TaskVerb | undefined {
  if (!action.startsWith(verbPrefix)) return undefined;
  const name = action.slice(verbPrefix.length);
  return Object.prototype.hasOwnProperty.call(verbCommands, name) ? (name as TaskVerb) : undefined;
}

/** Most users one 抄送 may name. */
export const maxCcRecipients = 20;

/** A verb offered to an actor now. */
export interface VerbOffer {
  verb: TaskVerb;
  /** The command name to send, e.g. `verb.transfer`. */
  action: string;
  label: string;
  /** The task the verb acts on (转办, 加签, 签署). */
  task?: string;
  requiresComment: boolean;
  /** What the command must name: one colleague (`one`) or up to {@link maxCcRecipients} users (`many`). */
  to?: 'one' | 'many';
  /** 加签: the positions offered, and whether the signer may be of another unit. */
  positions?: ('before' | 'after')[];
  otherUnits?: boolean;
}

type Verdict = { ok: true; task?: OpenTask; tasks?: OpenTask[] } | { ok: false; code: Rejection['code']; message: string };

const refuse = (code: Rejection['code'], message: string): Verdict => ({ ok: false, code, message });
const chain: AssigneeLevel[] = ['village', 'township', 'county'];
/** Any action of a step without an assignee of its own: asks for the step's task. */
const stepWork: ActionDefinition = { kind: 'save', label: '' };

function levelOf(wf: CompiledWorkflow, step: StepDefinition): AssigneeLevel | undefined {
  return step.type === 'task' && step.assignee.level !== undefined ? resolveLevel(step.assignee.level, wf.parameters) : undefined;
}

function verbsOf(wf: CompiledWorkflow, stepName: string): ResolvedVerbs {
  const step = ownEntry(wf.definition.steps, stepName);
  return stepVerbs(step, step ? levelOf(wf, step) : undefined);
}

/** The task of the current step `actor` works (may take its actions), or why none. */
function workedTask(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, scope: ActionRuleScope): Verdict {
  const step = ownEntry(wf.definition.steps, snapshot.step);
  if (!step || step.type !== 'task') return refuse('not_allowed', '当前步骤没有办理任务。');
  const task = taskForActor(wf, snapshot, actor, step, stepWork);
  if (typeof task === 'string') return refuse('not_your_task', task);
  if (mustRecuse(step, actor, scope.recusedActors)) return refuse('not_your_task', '您已备案为申请家庭的近亲属，须回避，不能办理此案件。');
  return { ok: true, task };
}

/** The units above a task's in the case's chain (village → township → county), if the task's unit is in the chain. */
function unitsAbove(snapshot: CaseSnapshot, task: OpenTask): string[] {
  const at = chain.indexOf(task.level as AssigneeLevel);
  if (at < 0 || snapshot.org[task.level as 'village' | 'township' | 'county'] !== task.assigneeUnit) return [];
  return chain.slice(at + 1).map((l) => snapshot.org[l as 'township' | 'county']).filter((u): u is string => !!u);
}

/**
 * May `actor` use `verb` on the case now (its arguments aside)? The task it acts on, or the tasks
 * a reminder reaches, or a typed refusal. `now` is needed for the interval between reminders.
 */
export function verbVerdict(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, verb: TaskVerb, scope: ActionRuleScope, now?: Date): Verdict {
  if (snapshot.status === 'done') return refuse('not_allowed', '案件已办结，不能再办理。');
  const verbs = verbsOf(wf, snapshot.step);
  const label = verbLabels[verb];
  // A branch of a parallel step is worked by its own unit: no task verb reaches it (documented limit).
  if (verb !== 'recall' && ownEntry(wf.definition.steps, snapshot.step)?.type === 'parallel') return refuse('not_allowed', `并行审核步骤的分支任务不能${label}：各分支由其办理单位直接办理。`);
  switch (verb) {
    case 'transfer':
    case 'addSigner':
    case 'cc': {
      if (!verbs[verb]) return refuse('not_allowed', `当前步骤不能${label}。`);
      return workedTask(wf, snapshot, actor, scope);
    }
    case 'sign': {
      const task = snapshot.tasks.find((t) => t.mode === 'sign' && t.assigneeUser === actor.id);
      return task ? { ok: true, task } : refuse('not_your_task', '您没有待签署的加签意见。');
    }
    case 'recall': {
      const point = snapshot.recallable;
      if (!point) return refuse('not_allowed', '没有可撤回的操作：上一步操作不可撤回，或下一步已有人办理。');
      if (point.actor !== actor.id) return refuse('not_your_task', '只有办理上一步的人可以撤回。');
      if (!verbsOf(wf, point.step).recall) return refuse('not_allowed', '该步骤不能撤回。');
      return { ok: true };
    }
    case 'urge': {
      const urge = verbs.urge;
      if (!urge) return refuse('not_allowed', '当前步骤不能催办。');
      if (actor.kind !== 'officer' || !actor.orgUnit) return refuse('not_your_task', '只有上级单位的工作人员可以催办。');
      const unit = actor.orgUnit.id;
      const tasks = snapshot.tasks.filter((t) => unitsAbove(snapshot, t).includes(unit));
      if (tasks.length === 0) return refuse('not_your_task', '只有上级单位的工作人员可以催办。');
      const last = Math.max(...tasks.map((t) => (t.urgedAt ? Date.parse(t.urgedAt) : -Infinity)));
      if (now && now.getTime() - last < urge.intervalHours * 3_600_000) return refuse('too_soon', `距上次催办不足 ${urge.intervalHours} 小时，请稍后再催办。`);
      return { ok: true, tasks };
    }
  }
}

/** The verbs `actor` may use on the case now. */
export function availableVerbs(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, scope: ActionRuleScope, now?: Date): VerbOffer[] {
  const offers: VerbOffer[] = [];
  const verbs = verbsOf(wf, snapshot.step);
  for (const verb of Object.keys(verbCommands) as TaskVerb[]) {
    const verdict = verbVerdict(wf, snapshot, actor, verb, scope, now);
    if (!verdict.ok) continue;
    const signer = verb === 'addSigner' && verbs.addSigner ? verbs.addSigner : undefined;
    offers.push({
      verb,
      action: verbCommands[verb],
      label: verbLabels[verb],
      ...(verdict.task ? { task: verdict.task.key } : {}),
      requiresComment: verb === 'sign',
      ...(verb === 'transfer' || verb === 'addSigner' ? { to: 'one' as const } : verb === 'cc' ? { to: 'many' as const } : {}),
      ...(signer ? { positions: ['before', 'after'] as ('before' | 'after')[], otherUnits: signer.otherUnits } : {}),
    });
  }
  return offers;
}

/** The task key a verb acts on for `actor` (its claim matters to the host), if any. */
export function verbTaskKey(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, verb: TaskVerb, scope: ActionRuleScope): string | undefined {
  if (verb !== 'transfer' && verb !== 'addSigner' && verb !== 'cc') return undefined;
  const verdict = verbVerdict(wf, snapshot, actor, verb, scope);
  return verdict.ok ? verdict.task?.key : undefined;
}

const reject = (code: Rejection['code'], message: string, path?: string): Decision => ({ ok: false, rejection: path ? { code, message, path } : { code, message } });
const hasOpinion = (comment: string | undefined) => comment !== undefined && comment.trim().length >= 2;

/** Why `target` cannot be named by a verb on `task`, or undefined. */
function whyNotStaff(target: VerbTarget, actor: Actor, step: StepDefinition, scope: ActionRuleScope): string | undefined {
  if (target.id === actor.id) return '不能选择您自己。';
  if (target.kind !== 'officer' || !target.orgUnit) return '只能选择工作人员。';
  if (mustRecuse(step, target, scope.recusedActors)) return '该人员已备案为申请家庭的近亲属，须回避。';
  return undefined;
}

/**
 * Decides a task verb (`command.action` is `verb.<name>`); `command.version` has been checked.
 * Pure, like `decide`, which calls it.
 */
export function decideVerb(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, verb: TaskVerb, command: Command, now: Date, scope: ActionRuleScope): Decision {
  const verdict = verbVerdict(wf, snapshot, actor, verb, scope, now);
  if (!verdict.ok) return reject(verdict.code, verdict.message);
  const step = ownEntry(wf.definition.steps, snapshot.step)!;
  const to = command.verb?.to ?? [];
  const { recallable: _previousPoint, ...rest } = snapshot;
  void _previousPoint;
  let next: CaseSnapshot = { ...rest, version: snapshot.version + 1 };
  const effects: Effect[] = [];
  let note: string = verbLabels[verb];
  let toStep = snapshot.step;
  const caseStep = `“${step.name}”`;

  if (verb === 'transfer' || verb === 'addSigner') {
    const task = verdict.task!;
    if (to.length !== 1) return reject('invalid_data', `请选择一位${verb === 'transfer' ? '转办对象' : '加签人'}。`, '/to');
    const target = to[0]!;
    const why = whyNotStaff(target, actor, step, scope);
    if (why) return reject('invalid_data', why, '/to/0');
    if (verb === 'transfer') {
      const duty = whyActorCannotAct(target, { ...task, assigneeUser: undefined });
      if (duty) return reject('invalid_data', `不能转办给该人员：${duty}`, '/to/0');
      if (task.assigneeUser) next = { ...next, tasks: next.tasks.map((t) => (t.key === task.key ? { ...t, assigneeUser: target.id } : t)) };
      effects.push({ type: 'assignTask', key: task.key, user: target.id }, { type: 'notifyUser', user: target.id, message: `案件${caseStep}步骤的任务已转办给您，请办理。` });
      note = `转办给 ${target.name}`;
    } else {
      const signer = verbsOf(wf, snapshot.step).addSigner as { otherUnits: boolean };
      const position = command.verb?.position;
      if (position !== 'before' && position !== 'after') return reject('invalid_data', '请选择加签位置：before（在您之前）或 after（在您之后）。', '/position');
      if (!signer.otherUnits && target.orgUnit!.id !== task.assigneeUnit) return reject('invalid_data', '此步骤只能加签本单位的人员。', '/to/0');
      const level = target.orgUnit!.level;
      if (level !== 'village' && level !== 'township' && level !== 'county' && level !== 'department') return reject('invalid_data', '只能加签县、乡镇（街道）、村（居）或部门的工作人员。', '/to/0');
      effects.push({ type: 'grantRead', user: target.id, reason: 'signer' });
      if (position === 'before') {
        const sign: OpenTask = { key: `${task.key}+sign${snapshot.version + 1}`, step: task.step, level, assigneeUnit: target.orgUnit!.id, mode: 'sign', assigneeUser: target.id, signer: true, signFor: task.key };
        next = { ...next, tasks: [...next.tasks, sign] };
        effects.push({ type: 'openTask', task: sign }, { type: 'notifyUser', user: target.id, message: `请对案件${caseStep}步骤签署加签意见。` });
      } else {
        if (!hasOpinion(command.comment)) return reject('invalid_data', '后加签须写明您的意见。', '/comment');
        next = { ...next, tasks: next.tasks.map((t) => (t.key === task.key ? { ...t, assigneeUser: target.id, signer: true as const } : t)) };
        effects.push({ type: 'assignTask', key: task.key, user: target.id }, { type: 'notifyUser', user: target.id, message: `案件${caseStep}步骤已加签由您审批，请办理。` });
      }
      note = `加签（${position === 'before' ? '在前' : '在后'}）：${target.name}`;
    }
  } else if (verb === 'sign') {
    const task = verdict.task!;
    if (!hasOpinion(command.comment)) return reject('invalid_data', '请填写加签意见。', '/comment');
    next = { ...next, tasks: next.tasks.filter((t) => t.key !== task.key) };
    effects.push({ type: 'closeTask', key: task.key, outcome: 'completed' });
  } else if (verb === 'cc') {
    if (to.length === 0 || to.length > maxCcRecipients) return reject('invalid_data', `请选择 1 到 ${maxCcRecipients} 位抄送对象。`, '/to');
    for (const [i, target] of to.entries()) {
      const why = target.kind === 'applicant' || target.kind === 'system' ? '只能抄送给工作人员。' : target.id === actor.id ? '不能抄送给您自己。' : to.findIndex((t) => t.id === target.id) !== i ? '抄送对象重复。' : undefined;
      if (why) return reject('invalid_data', why, `/to/${i}`);
    }
    for (const target of to) effects.push({ type: 'grantRead', user: target.id, reason: 'cc' }, { type: 'notifyUser', user: target.id, message: `案件${caseStep}步骤抄送给您，请知悉。${command.comment ? `附言：${command.comment}` : ''}` });
    note = `抄送：${to.map((t) => t.name).join('、')}`;
  } else if (verb === 'recall') {
    const point = snapshot.recallable!;
    for (const t of snapshot.tasks) effects.push({ type: 'closeTask', key: t.key, outcome: 'cancelled' });
    if (step.type === 'timer') effects.push({ type: 'cancelTimer', key: visitKey(snapshot.step, ownEntry(machineContextOf(snapshot).visits, snapshot.step) ?? 1) });
    for (const t of point.previous.tasks) effects.push({ type: 'openTask', task: t });
    next = { ...point.previous, version: snapshot.version + 1 };
    toStep = point.step;
    const from = ownEntry(wf.definition.steps, point.step);
    const action = from && from.type === 'task' ? ownEntry(from.actions, point.action) : undefined;
    note = `撤回“${action?.label ?? point.action}”`;
  } else {
    const tasks = verdict.tasks!;
    const message = `催办：案件${caseStep}步骤待办，请尽快办理。${command.comment ? `附言：${command.comment}` : ''}`;
    for (const t of tasks) effects.push(t.assigneeUser ? { type: 'notifyUser', user: t.assigneeUser, message } : { type: 'notify', to: t.level as AssigneeLevel, message });
    const urged = new Set(tasks.map((t) => t.key));
    next = { ...next, tasks: next.tasks.map((t) => (urged.has(t.key) ? { ...t, urgedAt: now.toISOString() } : t)) };
  }

  return {
    ok: true,
    snapshot: next,
    effects,
    event: { action: command.action, kind: verb, from: snapshot.step, to: toStep, actor: actor.id, ...(command.comment ? { comment: command.comment } : {}), note, at: now.toISOString() },
  };
}
