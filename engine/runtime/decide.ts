/**
 * `decide`: the pure heart of the engine. Given a case's snapshot, who acts, what they ask and the
 * time, it answers the next snapshot with the effects to carry out and the event to record — or a
 * typed rejection. It touches no database, clock or network: the server adapter does, in one
 * transaction, with what `decide` returns.
 */
import { transition } from 'xstate';
import type { ActionDefinition, JsonValue } from '../definition/types.js';
import type { CompiledWorkflow, MachineContext, MachineEvent } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { ownEntry } from '../definition/ownEntry.js';
import { applyNamedEffects } from './applyNamedEffects.js';
import { withRegisterFlag } from './recusal.js';
import { actionVerdict, commentProblem, machineContextOf } from './actionRules.js';
import { enterStep, visitKey } from './enterStep.js';
import { stepVerbs } from '../definition/stepVerbs.js';
import { decideVerb, verbOf } from './taskVerbs.js';
import { extendClock, resumeClock, startClock } from './statutoryClock.js';
import { extendedLimit } from '../definition/overallLimit.js';
import type { PanelSeating } from './panelSeating.js';
import { countPanel, panelResults } from './panelTally.js';
import { ballotProblem } from './panelBallot.js';
import type { Actor, CaseSnapshot, Command, Decision, Effect, OpenTask, OrgDirectory, Rejection } from '../model/index.js';
import { AssignmentError } from '../org/resolveUnitAssignee.js';
import { decisionOutcomes, milestonesReached, recordDecisions } from './decisionItems.js';
import { childSettledAction, collectedFromChild, NoChildrenError, recordChildEnd } from './childrenStep.js';
import { subjectChangedName as subjectChangedAction } from '../definition/validateEndsWhen.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { isDeadlineCommand } from './deadlineTimers.js';
import { decideDeadline } from './decideDeadline.js';
import { withDeadlineActs } from './deadlineActs.js';
import { branchResults, recordBranch, stepActionNamed } from './parallelBranches.js';
import { checkReportedAction, checkSignalVerdict, checksEnteredByHand, isCheckSignal } from './externalCheck.js';

/** What `decide` needs besides the snapshot and the command. */
export interface DecideEnv {
  calendar: WorkingCalendar;
  /** The case data with this command's data merged in (validated by the caller). */
  data: Record<string, JsonValue>;
  /**
   * Staff the 近亲属 register names for the case's household: they may not act on it at any step,
   * and a non-empty list raises the `relativeFiling` flag on the next accepted command.
   */
  recusedActors?: string[];
  /**
   * The facts of the case's subject that the definition reads (`subjectFactsRead`), as the host
   * found them; recorded in the event so that replay decides with the same facts.
   */
  subjectFacts?: Record<string, JsonValue>;
  /** The case's id: the seed of a panel draw (see panelSeating.ts). */
  caseId?: string;
  /** The officers a panel about to be seated may draw on (see panelSeating.ts); the host records its answers. */
  panelCandidates?: PanelSeating['panelCandidates'];
  /** The case county's units beside the chain and its pools, for steps routed to them (recorded for replay). */
  org?: OrgDirectory;
}

const reject = (code: Rejection['code'], message: string, path?: string): Decision => ({ ok: false, rejection: path ? { code, message, path } : { code, message } });

/** Decides a command on a case. Pure; see the module comment. Deadlines that act are applied last (deadlineActs.ts). */
export function decide(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, command: Command, now: Date, env: DecideEnv): Decision {
  return withDeadlineActs(wf, snapshot, decideCommand(wf, snapshot, actor, command, now, env), now, env.calendar, env.data);
}

function decideCommand(wf: CompiledWorkflow, snapshot: CaseSnapshot, actor: Actor, command: Command, now: Date, env: DecideEnv): Decision {
  if (command.version !== snapshot.version) return reject('stale_version', `案件已被他人更新（当前版本 ${snapshot.version}，您提交的是 ${command.version}），请刷新后重试。`);
  if (snapshot.status === 'done') return reject('not_allowed', '案件已办结，不能再办理。');
  const verb = verbOf(command.action);
  if (verb) return decideVerb(wf, snapshot, actor, verb, command, now, env);
  const stepName = snapshot.step;
  const step = ownEntry(wf.definition.steps, stepName);
  if (!step || step.type === 'final' || step.type === 'choice') return reject('not_allowed', `当前步骤“${stepName}”不接受操作。`);
  const context = machineContextOf(snapshot);
  const visit = ownEntry(context.visits, stepName) ?? 1;

  let action: ActionDefinition | undefined;
  let task: OpenTask | undefined;
  // A child case's end (children steps): recorded on the wait; `childrenSettled` says whether it met it.
  let children = snapshot.children;
  let childrenSettled = false;
  let collected: Effect | undefined;
  let note: string | undefined;
  // A deadline timer (deadlineTimers.ts): a reminder or a moved task is decided there; a timeout route moves the case below.
  let overdueRoute: { route: string; note: string } | undefined;
  // An external check (externalCheck.ts): a report moves the case through the step's report action.
  let checks = snapshot.checks;
  let machineAction = command.action;
  if (isCheckSignal(command.action)) {
    if (actor.kind !== 'system') return reject('not_your_task', '只有核对系统可以提交核对结果。');
    const verdict = checkSignalVerdict(snapshot, step, stepName, visitKey(stepName, visit), command, now);
    if (!verdict.ok) return reject('not_allowed', verdict.message);
    if ('decision' in verdict) return verdict.decision;
    checks = verdict.checks;
    machineAction = verdict.reportAction;
    action = stepActionNamed(step, verdict.reportAction)?.action;
    task = snapshot.tasks.find((t) => t.step === stepName);
    note = '核对报告已送达';
  } else if (isDeadlineCommand(command.action)) {
    const verdict = decideDeadline(wf, snapshot, actor, command, now, env.calendar);
    if ('decision' in verdict) return verdict.decision;
    overdueRoute = verdict;
    note = verdict.note;
  } else if (command.action === 'timer.elapsed') {
    if (actor.kind !== 'system') return reject('not_your_task', '只有系统计时器可以结束等待期。');
    if (step.type !== 'timer' && !(step.type === 'children' && step.deadline)) return reject('not_allowed', '当前步骤不是计时步骤。');
    if (command.timerKey !== visitKey(stepName, visit)) return reject('not_allowed', '该计时器已失效。');
  } else if (command.action === subjectChangedAction) {
    if (actor.kind !== 'system') return reject('not_your_task', '只有系统可以通知对象情况的变化。');
    const scope = { data: env.data, flags: snapshot.flags, parameters: wf.parameters, guards: wf.guards, subjectFacts: env.subjectFacts ?? {}, now };
    const route = (wf.definition.endsWhen ?? []).find((r) => evaluateCondition(r.when, scope));
    if (!route) return reject('not_allowed', '对象情况的变化不结束本案件。');
    note = '对象情况变化，案件终止';
  } else if (command.action === childSettledAction) {
    if (actor.kind !== 'system') return reject('not_your_task', '只有系统可以通知子案件办结。');
    if (step.type !== 'children') return reject('not_allowed', '该子案件的通知已失效：本案件已不在等待它的步骤。');
    const ended = recordChildEnd(step, visitKey(stepName, visit), ownEntry(snapshot.children, stepName), command.child);
    if (!ended.ok) return reject('not_allowed', ended.message);
    children = { ...snapshot.children, [stepName]: ended.wait };
    childrenSettled = ended.settled;
    collected = command.child ? collectedFromChild(step, command.child.workflow, command.child, env.data) : undefined;
    note = `子案件办结（${Object.keys(ended.wait.ended).length + (ended.wait.excluded?.length ?? 0)}/${ended.wait.started}）`;
  } else {
    action = stepActionNamed(step, command.action)?.action;
    if (!action) return reject('not_allowed', `当前步骤“${step.name}”不能进行“${command.action}”操作。`);
    const verdict = actionVerdict(wf, snapshot, actor, step, action, { ...env, now });
    if (!verdict.ok) return reject(verdict.code, verdict.message);
    task = verdict.task;
    if (step.type === 'task' && step.check?.reportAction === command.action) checks = checksEnteredByHand(snapshot, stepName, now);
    const missing = commentProblem(action, command.comment);
    if (missing) return reject('invalid_data', missing, '/comment');
    if (action.kind === 'return') {
      const allowed = action.returnTo ?? [];
      const target = command.returnTo ?? (allowed.length === 1 ? allowed[0] : undefined);
      if (!target || !allowed.includes(target)) return reject('invalid_data', `请选择退回的步骤：${allowed.map((s) => ownEntry(wf.definition.steps, s)?.name ?? s).join('、')}。`, '/returnTo');
      command = { ...command, returnTo: target };
    }
  }

  // A ballot goes under its member's own id; the last one that counts, or the organiser closing, decides the panel.
  let panels = snapshot.panels;
  let panelDecided = false;
  if (command.ballot !== undefined && action?.kind !== 'vote') return reject('invalid_data', '此操作不是评议投票，不能提交选票。', '/ballot');
  if (action && (action.kind === 'vote' || action.kind === 'closePanel')) {
    const panel = step.type === 'task' ? step.panel : undefined;
    const state = ownEntry(snapshot.panels, stepName);
    if (!panel || !state || state.result) return reject('not_allowed', '此步骤没有进行中的评议。');
    let ballots = state.ballots;
    if (action.kind === 'vote') {
      const problem = ballotProblem(panel, command.ballot, command.comment);
      if (problem) return reject('invalid_data', problem.message, problem.path);
      const ballot = command.ballot!;
      ballots = { ...ballots, [actor.id]: ballot.score !== undefined ? { score: ballot.score } : { choice: ballot.choice! } };
    }
    const count = countPanel(panel, { ...state, ballots }, wf.parameters, env.recusedActors);
    panelDecided = action.kind === 'closePanel' || count.complete;
    panels = { ...snapshot.panels, [stepName]: { ...state, ballots, ...(panelDecided ? { result: count.result, tally: count.tally } : {}) } };
  }

  // A branch's approve or reject is recorded on the case; the join decides whether the case leaves (parallelBranches.ts).
  const branchOutcome = step.type === 'parallel' && task?.branch && action && (action.kind === 'approve' || action.kind === 'reject') ? recordBranch(step, snapshot, task.branch, action.kind, actor.id, now) : undefined;
  const branchState = branchOutcome ? { branches: branchOutcome.branches } : snapshot.branches ? { branches: snapshot.branches } : {};

  // Effects of the action itself come first: they may raise flags that routing looks at.
  const applied = applyNamedEffects(wf, action?.effects, env.data, env.subjectFacts, now);
  const flags = [...new Set([...withRegisterFlag(snapshot.flags, env.recusedActors), ...applied.flags])];
  // Decision items and milestones the action sets are recorded first: routing reads them.
  const decisionContext = { now, actor: actor.id, step: stepName, ...(command.comment ? { comment: command.comment } : {}) };
  const recorded = recordDecisions(wf, snapshot, applied.effects, decisionContext);
  if (!recorded.ok) return { ok: false, rejection: recorded.rejection };
  const named = { effects: recorded.effects };
  const event: MachineEvent = {
    type: machineAction,
    data: env.data,
    flags,
    ...(env.subjectFacts ? { subjectFacts: env.subjectFacts } : {}),
    ...(command.returnTo ? { returnTo: command.returnTo } : {}),
    ...(task?.role ? { role: task.role } : {}),
    ...(step.type === 'task' && step.assignee.group ? { group: step.assignee.group } : {}),
    ...(panels ? { panels: panelResults(panels), panelDecided } : {}),
    ...(recorded.snapshot.decisions ? { decisions: decisionOutcomes(recorded.snapshot) } : {}),
    ...(recorded.snapshot.milestones ? { milestones: milestonesReached(recorded.snapshot) } : {}),
    ...(branchState.branches ? { branches: branchResults(branchState) } : {}),
    ...(branchOutcome ? { joined: branchOutcome.joined } : {}),
    now: now.toISOString(),
    ...(env.caseId !== undefined ? { caseId: env.caseId } : {}),
    ...(children ? { children } : {}),
    ...(command.action === childSettledAction ? { childrenSettled } : {}),
  };
  const restored = wf.machine.resolveState({ value: stepName, context });
  const [nextState] = transition(wf.machine, restored, event as never);
  const nextStep = String(nextState.value);
  const nextContext = nextState.context as MachineContext;
  const moved = nextStep !== stepName || (ownEntry(nextContext.visits, stepName) ?? 0) !== (ownEntry(context.visits, stepName) ?? 0);
  const forward = action === undefined || ['submit', 'approve', 'reject', 'return', 'withdraw', 'object'].includes(action.kind);
  const countersigned = nextContext.approvals.length > context.approvals.length || (action?.kind === 'vote' && !panelDecided) || (branchOutcome !== undefined && !moved);
  const stillWaiting = command.action === childSettledAction && !childrenSettled;
  if ((forward || panelDecided) && !moved && !countersigned && !stillWaiting) return reject('not_allowed', '没有满足条件的下一步，请检查填写的内容。');

  const effects: Effect[] = [...named.effects, ...(collected ? [collected] : [])];
  const items = { ...(recorded.snapshot.decisions ? { decisions: recorded.snapshot.decisions } : {}), ...(recorded.snapshot.milestones ? { milestones: recorded.snapshot.milestones } : {}) };
  // Every accepted command ends the chance to recall the one before (撤回); a forward action may open a new one below.
  const { recallable: _previousPoint, version: _seenVersion, ...before } = snapshot;
  void _previousPoint;
  void _seenVersion;
  let next: CaseSnapshot = { ...before, ...items, ...branchState, version: snapshot.version + 1, flags, machine: { value: nextStep, context: nextContext } as unknown as JsonValue, ...(panels ? { panels } : {}), ...(children ? { children } : {}), ...(checks ? { checks } : {}) };

  if (action?.kind === 'extend') {
    const extended = extendedLimit(wf.definition.limit, wf.parameters);
    if (!extended) return reject('not_allowed', '此流程没有规定可延长的时限。');
    next = { ...next, clock: extendClock(next.clock, extended, env.calendar) };
  }

  if (countersigned && !moved && task) {
    effects.push({ type: 'closeTask', key: task.key, outcome: 'completed' });
    // A branch drawn from a pool: the other drawn members' tasks of that branch are done with too.
    const siblings = task.branch !== undefined ? next.tasks.filter((t) => t.branch === task!.branch && t.key !== task!.key) : [];
    for (const t of siblings) effects.push({ type: 'closeTask', key: t.key, outcome: 'cancelled' });
    next = { ...next, tasks: next.tasks.filter((t) => t.key !== task!.key && !siblings.includes(t)) };
  } else if (moved) {
    for (const open of snapshot.tasks) effects.push({ type: 'closeTask', key: open.key, outcome: task && open.key === task.key ? 'completed' : 'cancelled' });
    if ((step.type === 'timer' || (step.type === 'children' && step.deadline)) && command.action !== 'timer.elapsed') effects.push({ type: 'cancelTimer', key: visitKey(stepName, visit) });
    // A wait left is over: settled by its children, or timed out (later children are stale).
    const wait = step.type === 'children' ? ownEntry(next.children, stepName) : undefined;
    if (wait) next = { ...next, children: { ...next.children, [stepName]: { ...wait, result: command.action === 'timer.elapsed' ? 'timedOut' : 'settled' } } };
    if (step.type !== 'parallel' && step.pausesClock) next = { ...next, clock: resumeClock(next.clock, now, env.calendar) };
    // The clock starts when the step is passed forward (受理), not when it returns or refuses the case.
    if (step.type === 'task' && step.startsClock && action?.kind === 'approve') next = { ...next, clock: startClock(next.clock, now, env.calendar) };
    // Transient steps (choice, skipped timers) were passed through inside the machine; only the resting step is entered here.
    let entered: ReturnType<typeof enterStep>;
    try {
      entered = enterStep(wf, next, nextStep, ownEntry(nextContext.visits, nextStep) ?? 1, env.data, now, env.calendar, {
        ...(env.caseId ? { caseId: env.caseId } : {}),
        ...(env.panelCandidates ? { panelCandidates: env.panelCandidates } : {}),
        ...(env.recusedActors ? { recusedActors: env.recusedActors } : {}),
        ...(env.org ? { org: env.org } : {}),
        ...(env.subjectFacts ? { subjectFacts: env.subjectFacts } : {}),
      });
    } catch (e) {
      // A step beside the chain that cannot be routed on this case (no such unit, a unit the form names wrongly, a pool too small).
      if (e instanceof AssignmentError) return reject(e.path ? 'invalid_data' : 'not_allowed', e.message, e.path);
      // A children step whose array of items is empty on this case.
      if (e instanceof NoChildrenError) return reject('invalid_data', e.message, e.path);
      throw e;
    }
    // The entered step's own decisions and milestones (its onEnter effects) are recorded as well.
    const enteredItems = recordDecisions(wf, entered.snapshot, entered.effects, { ...decisionContext, step: nextStep });
    if (!enteredItems.ok) return { ok: false, rejection: enteredItems.rejection };
    next = enteredItems.snapshot;
    effects.push(...enteredItems.effects);
    if (next.status === 'done') {
      if (next.clock.pausedAt) next = { ...next, clock: resumeClock(next.clock, now, env.calendar) };
      for (const t of next.tasks) effects.push({ type: 'closeTask', key: t.key, outcome: 'cancelled' });
      next = { ...next, tasks: [] };
    }
  }

  if (moved && action && task && actor.kind !== 'system' && (action.kind === 'approve' || action.kind === 'submit') && next.status === 'active' && stepVerbs(step, task.level).recall) {
    next = { ...next, recallable: { actor: actor.id, step: stepName, action: command.action, previous: before } };
  }

  return {
    ok: true,
    snapshot: next,
    effects,
    event: {
      action: command.action,
      kind: command.action === checkReportedAction ? 'check' : command.action === subjectChangedAction ? 'subject' : action?.kind ?? (command.action === childSettledAction ? 'children' : overdueRoute ? 'deadline' : 'timer'),
      from: stepName,
      to: next.step,
      actor: actor.id,
      ...(command.comment ? { comment: command.comment } : {}),
      ...(note ? { note } : {}),
      at: now.toISOString(),
    },
  };
}
