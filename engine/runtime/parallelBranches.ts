/**
 * Parallel branches (issue 9, point 5): a `parallel` step keeps the case in one step — the machine's
 * value and `snapshot.step` stay a single step name — while each branch has its own open task
 * (`step#visit:branch`), actions, form sections and deadline. A branch's approve or reject records
 * its result in `snapshot.branches`; the join (`all`, `first`, `{ count }`) decides when the case
 * leaves by the step's `target`, and a refusal under `onRefusal: "end"` leaves at once by the
 * refusing action's own target, cancelling the other branches' tasks (decide.ts closes every open
 * task of a step the case leaves).
 *
 * A branch's actions are offered and commanded as `<branch>.<action>` (e.g. `dpf.approve`).
 */
import type { ActionDefinition, AssigneeLevel, BranchDefinition, JsonValue, ParallelStep, StepDefinition, StepForm } from '../definition/types.js';
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { durationDue } from '../calendar/durationDue.js';
import { ownEntry } from '../definition/ownEntry.js';
import { assigneeUnitOf, resolveLevel, whyActorCannotAct } from '../org/resolveAssignee.js';
import { resolveUnitAssignee, routesBesideChain } from '../org/resolveUnitAssignee.js';
import { UnregisteredNameError } from '../process/unregisteredName.js';
import type { Actor, BranchState, CaseSnapshot, OpenTask, OrgDirectory } from '../model/index.js';

/** The name a branch's action is offered and commanded under. */
export const branchActionName = (branch: string, action: string): string => `${branch}.${action}`;

/** An action of a step by the name a command gives, with the branch it belongs to on a parallel step. */
export function stepActionNamed(step: StepDefinition | undefined, name: string): { action: ActionDefinition; branch?: string } | undefined {
  if (!step) return undefined;
  if (step.type === 'task' || step.type === 'timer') {
    const action = ownEntry(step.actions, name);
    return action ? { action } : undefined;
  }
  if (step.type !== 'parallel') return undefined;
  const dot = name.indexOf('.');
  if (dot < 1) return undefined;
  const branch = name.slice(0, dot);
  const action = ownEntry(ownEntry(step.branches, branch)?.actions, name.slice(dot + 1));
  return action ? { action, branch } : undefined;
}

/** Every action of a step as [command name, action, branch?]: a parallel step's are its branches'. */
export function stepActionEntries(step: StepDefinition): [string, ActionDefinition, string?][] {
  if (step.type === 'task' || step.type === 'timer') return Object.entries(step.actions ?? {});
  if (step.type !== 'parallel') return [];
  return Object.entries(step.branches).flatMap(([b, branch]) => Object.entries(branch.actions).map(([a, action]): [string, ActionDefinition, string] => [branchActionName(b, a), action, b]));
}

/** The branch of a parallel step whose actions hold `action` (the very definition object), if any. */
export function branchOfAction(step: StepDefinition, action: ActionDefinition): string | undefined {
  if (step.type !== 'parallel') return undefined;
  for (const [b, branch] of Object.entries(step.branches)) if (Object.values(branch.actions).includes(action)) return b;
  return undefined;
}

/** The branches' results of a case, by branch key, as conditions read them. */
export function branchResults(snapshot: Pick<CaseSnapshot, 'branches'>): Record<string, string> | undefined {
  if (!snapshot.branches) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [b, state] of Object.entries(snapshot.branches)) out[b] = state.result;
  return out;
}

/** The branches of the current parallel step whose open task `actor` may act on (none on other steps). */
export function branchesOfActor(snapshot: CaseSnapshot, actor: Actor): string[] {
  return [...new Set(snapshot.tasks.filter((t) => t.branch !== undefined && !whyActorCannotAct(actor, t)).map((t) => t.branch!))];
}

/**
 * The form sections a step shows: a task step's own; a parallel step's, those of `branches` (every
 * branch when not given) — a section one branch writes is read-only for the others' view.
 */
export function stepSections(step: StepDefinition | undefined, branches?: readonly string[]): StepForm['sections'] {
  if (!step) return {};
  if (step.type === 'task') return step.form?.sections ?? {};
  if (step.type !== 'parallel') return {};
  const out: StepForm['sections'] = {};
  const rank = { hidden: 0, masked: 1, read: 2, write: 3 } as const;
  for (const [b, branch] of Object.entries(step.branches)) {
    if (branches && !branches.includes(b)) continue;
    for (const [section, perm] of Object.entries(branch.form?.sections ?? {})) {
      const had = ownEntry(out, section);
      if (!had || rank[perm] > rank[had]) out[section] = perm;
    }
  }
  return out;
}

/** What opening a parallel step's branches reads. */
export interface BranchOpening {
  org?: OrgDirectory;
  recusedActors?: readonly string[];
}

/**
 * The tasks of a parallel step entered (visit `visit`): one per branch, keyed `step#visit:branch`
 * (a pool draw: one per drawn member, `step#visit:branch:user`), each with its branch's deadline.
 * The step's earlier branch results are cleared. A branch beside the chain that cannot be routed on
 * this case throws `AssignmentError`, as a task step does.
 */
export function openBranches(wf: CompiledWorkflow, snapshot: CaseSnapshot, stepName: string, step: ParallelStep, visit: number, data: Record<string, JsonValue>, now: Date, calendar: WorkingCalendar, scope: BranchOpening): { snapshot: CaseSnapshot; tasks: OpenTask[] } {
  let next = snapshot;
  const tasks: OpenTask[] = [];
  for (const [b, branch] of Object.entries(step.branches)) {
    const base = `${stepName}#${visit}:${b}`;
    const dueAt = branch.deadline ? durationDue(branch.deadline, wf.parameters, data, now, calendar)?.toISOString() : undefined;
    const opened = branchTasks(wf, next, stepName, b, branch, base, data, scope, dueAt);
    tasks.push(...opened.tasks);
    if (opened.draw) next = { ...next, draws: [...(next.draws ?? []), opened.draw] };
  }
  if (next.branches) {
    const kept = Object.fromEntries(Object.entries(next.branches).filter(([b]) => !Object.prototype.hasOwnProperty.call(step.branches, b)));
    const { branches: _cleared, ...rest } = next;
    void _cleared;
    next = Object.keys(kept).length > 0 ? { ...rest, branches: kept } : rest;
  }
  return { snapshot: next, tasks };
}

type PoolDraw = NonNullable<CaseSnapshot['draws']>[number];

/** The tasks of one branch, and the pool draw that seated them, if any. */
function branchTasks(wf: CompiledWorkflow, snapshot: CaseSnapshot, stepName: string, b: string, branch: BranchDefinition, base: string, data: Record<string, JsonValue>, scope: BranchOpening, dueAt: string | undefined): { tasks: OpenTask[]; draw?: PoolDraw } {
  const role = branch.assignee.role;
  if (routesBesideChain(branch.assignee)) {
    const assigned = resolveUnitAssignee(branch.assignee, { directory: scope.org, data, applicant: snapshot.applicant, ...(scope.recusedActors ? { recusedActors: scope.recusedActors } : {}), taskBase: base });
    const common = { step: stepName, branch: b, level: assigned.level, assigneeUnit: assigned.unit, ...(dueAt ? { dueAt } : {}) };
    // Each drawn member gets a task of their own; the first decision is the branch's.
    const draw = assigned.draw ? { draw: assigned.draw } : {};
    if (assigned.users) return { tasks: assigned.users.map((user) => ({ ...common, key: `${base}:${user}`, assigneeUser: user, mode: 'any' as const })), ...draw };
    return { tasks: [{ ...common, key: base, ...(role ? { role } : {}), mode: 'single' }], ...draw };
  }
  let named: { level: AssigneeLevel; unit: string } | undefined;
  if (branch.assignee.resolver) {
    const resolver = ownEntry(wf.resolvers, branch.assignee.resolver);
    if (!resolver) throw new UnregisteredNameError('resolver', branch.assignee.resolver);
    named = resolver({ org: snapshot.org, applicant: snapshot.applicant, parameters: wf.parameters });
  }
  const level = named?.level ?? resolveLevel(branch.assignee.level ?? 'county', wf.parameters)!;
  const unit = named?.unit ?? assigneeUnitOf(snapshot, level) ?? '';
  return { tasks: [{ key: base, step: stepName, branch: b, level, assigneeUnit: unit, ...(role ? { role } : {}), mode: 'single', ...(dueAt ? { dueAt } : {}) }] };
}

/** How many finished branches make the join. */
export function joinCount(step: ParallelStep): number {
  const n = Object.keys(step.branches).length;
  return step.join === 'all' ? n : step.join === 'first' ? 1 : step.join.count;
}

/** A branch's decision recorded: the case's branch results after it, and whether the step is joined. */
export interface BranchOutcome {
  branches: Record<string, BranchState>;
  joined: boolean;
}

/**
 * Records `branch`'s result (`approve` → approved, `reject` → rejected) on the case and tells
 * whether the join is reached: enough branches of the step have finished. A refusal under
 * `onRefusal: "end"` is recorded too; it leaves the step by its own target whatever the join says.
 */
export function recordBranch(step: ParallelStep, snapshot: CaseSnapshot, branch: string, kind: ActionDefinition['kind'], actor: string, now: Date): BranchOutcome {
  const result = kind === 'reject' ? 'rejected' : 'approved';
  const branches: Record<string, BranchState> = { ...snapshot.branches, [branch]: { result, actor, at: now.toISOString() } };
  const finished = Object.keys(step.branches).filter((b) => Object.prototype.hasOwnProperty.call(branches, b)).length;
  return { branches, joined: finished >= joinCount(step) };
}

/** The name a queue shows for a task: its step's, and on a parallel step also its branch's (`部门并行审核：县残联核查`). */
export function taskStepName(steps: Record<string, StepDefinition>, task: Pick<OpenTask, 'step' | 'branch'>): string {
  const step = ownEntry(steps, task.step);
  const branch = step?.type === 'parallel' && task.branch !== undefined ? ownEntry(step.branches, task.branch) : undefined;
  return branch ? `${step!.name}：${branch.name}` : step?.name ?? task.step;
}
