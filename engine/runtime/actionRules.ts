/**
 * The rules of acting, written once: who may take an action of the current step now, and if not,
 * why. `decide` refuses a command with the answer; `availableActions` offers only what it allows.
 *
 * In order: the actor must be an assignee of an open task of the step (or, for a timer step or an
 * action with its own assignee, of the level it names), must not be recused by the 近亲属 register,
 * an extension may be taken once, and the action's guard must hold on the case data.
 */
import type { ActionDefinition, JsonValue, StepDefinition } from '../definition/types.js';
import type { CompiledWorkflow, MachineContext } from '../compile/compileWorkflow.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { resolveLevel, whyActorCannotAct } from '../org/resolveAssignee.js';
import type { Actor, CaseSnapshot, OpenTask, RejectionCode } from '../model/index.js';
import { mustRecuse } from './recusal.js';
import { ownEntry } from '../definition/ownEntry.js';
import { panelResults } from './panelTally.js';
import { decisionOutcomes, milestonesReached } from './decisionItems.js';
import { branchOfAction, branchResults } from './parallelBranches.js';

/** What the rules look at besides the snapshot: the case data and the staff the 近亲属 register names. */
export interface ActionRuleScope {
  data: Record<string, JsonValue>;
  recusedActors?: readonly string[];
  /** The facts of the case's subject that the definition reads. */
  subjectFacts?: Record<string, JsonValue>;
  /** The time of the command, for date conditions in guards (absent: they do not hold). */
  now?: Date;
  /** The case's id, for sampling conditions in guards. */
  caseId?: string;
}

/** The answer of the rules: the task the actor acts on, or a typed refusal with a Chinese reason. */
export type ActionVerdict = { ok: true; task: OpenTask } | { ok: false; code: Extract<RejectionCode, 'not_your_task' | 'not_allowed'>; message: string };

/** The machine context stored in a snapshot. */
export function machineContextOf(snapshot: CaseSnapshot): MachineContext {
  const stored = snapshot.machine as { context?: MachineContext } | null;
  return stored?.context ?? { returnedFrom: null, approvals: [], visits: {} };
}

/** Whether taking `action` needs a written comment: refusals, returns and extensions always, others when the definition says so. */
export function requiresComment(action: ActionDefinition): boolean {
  return action.requireComment === true || action.kind === 'reject' || action.kind === 'return' || action.kind === 'extend';
}

/** Why `comment` is not enough for `action`, or undefined when it is (a required comment has at least 2 characters). */
export function commentProblem(action: ActionDefinition, comment: string | undefined): string | undefined {
  if (!requiresComment(action) || (comment !== undefined && comment.trim().length >= 2)) return undefined;
  return action.kind === 'reject' ? '不予通过须填写书面理由。' : action.kind === 'return' ? '退回补正须写明需要补正的全部内容。' : '此操作须填写理由。';
}

/** The task of the current step that `actor` may act on, or why there is none. */
export function taskForActor(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, step: StepDefinition, action: ActionDefinition): OpenTask | string {
  if (step.type === 'timer' || action.assignee) {
    // Actions during a wait (异议) are recorded by the officers of the level named on the action (default township);
    // an action with its own assignee (e.g. the applicant withdrawing while the township decides) is theirs.
    const level = resolveLevel(action.assignee?.level ?? 'township', wf.parameters) ?? 'township';
    const unit = level === 'applicant' ? snapshot.applicant : snapshot.org[level] ?? '';
    const pseudo: OpenTask = { key: snapshot.step, step: snapshot.step, level, assigneeUnit: unit, mode: 'single', ...(action.assignee?.role ? { role: action.assignee.role } : {}) };
    return whyActorCannotAct(actor, pseudo) ?? pseudo;
  }
  let why = '此步骤没有待办任务。';
  const context = machineContextOf(snapshot);
  // A ballot is cast on the member's own task; every other action of a panel step is the organiser's.
  const voting = action.kind === 'vote';
  // A branch's actions are taken on that branch's task only (parallelBranches.ts).
  const branch = branchOfAction(step, action);
  if (step.type === 'parallel') why = branch !== undefined && ownEntry(snapshot.branches, branch) ? '此分支已办理完毕。' : '您不是此分支的办理人。';
  if (voting && ownEntry(ownEntry(snapshot.panels, snapshot.step)?.ballots, actor.id)) return '您已在此评议中投票，选票不能更改。';
  if (voting) why = '您不是此评议的成员。';
  for (const task of snapshot.tasks) {
    if ((task.mode === 'panel') !== voting) continue;
    if (task.branch !== branch) continue;
    // An added signer's opinion (加签) is not a task of the step's actions.
    if (task.mode === 'sign') continue;
    const reason = whyActorCannotAct(actor, task);
    if (reason) { why = reason; continue; }
    if (snapshot.tasks.some((t) => t.signFor === task.key)) { why = '正在等待加签人签署意见，签署后才能办理。'; continue; }
    if (task.mode === 'all' && task.role && context.approvals.includes(task.role)) { why = '您已会签过此步骤，请等待其他人会签。'; continue; }
    return task;
  }
  return why;
}

/** May `actor` take `action` of `step` (the case's current step) now? If not, why. */
export function actionVerdict(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, step: StepDefinition, action: ActionDefinition, scope: ActionRuleScope): ActionVerdict {
  const task = taskForActor(wf, snapshot, actor, step, action);
  if (typeof task === 'string') return { ok: false, code: 'not_your_task', message: task };
  if (mustRecuse(step, actor, scope.recusedActors)) return { ok: false, code: 'not_your_task', message: '您已备案为申请家庭的近亲属，须回避，不能办理此案件。' };
  if (action.kind === 'extend' && snapshot.clock.extended) return { ok: false, code: 'not_allowed', message: '办理时限已延长过，不能再次延长。' };
  if (action.guard && !evaluateCondition(action.guard, { data: scope.data, flags: snapshot.flags, parameters: wf.parameters, guards: wf.guards, ...(scope.subjectFacts ? { subjectFacts: scope.subjectFacts } : {}), panels: panelResults(snapshot.panels), decisions: decisionOutcomes(snapshot), milestones: milestonesReached(snapshot), ...(snapshot.branches ? { branches: branchResults(snapshot) } : {}), ...(scope.now ? { now: scope.now } : {}), ...(scope.caseId !== undefined ? { caseId: scope.caseId } : {}) })) {
    return { ok: false, code: 'not_allowed', message: action.guardMessage ?? `当前条件下不能进行“${action.label}”。` };
  }
  return { ok: true, task };
}
