/**
 * The checks written for task steps (targets and reachability, conditions, guard and effect names,
 * decision items, the deadline chain) see a parallel step through a stand-in: a task step holding
 * every branch action as `<branch>.<action>` and one pseudo-action that routes the join's `target`,
 * with the longest branch deadline. What they report on the stand-in is mapped back to the paths of
 * the real definition (`/steps/x/branches/b/actions/a/…`, `/steps/x/target/…`).
 */
import type { ActionDefinition, JsonValue, ParallelStep, StepDefinition, TaskStep, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { ownEntry } from './ownEntry.js';
import { deadlineUpperBound } from './limitChainProblems.js';
import { limitUnits, type LimitUnit } from './overallLimit.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** The stand-in's action for the join: a name no real action can have (names are letters, digits, `.`, `_`, `-`). */
const joinAction = '#join';

/** A definition with its parallel steps stood in for, and how to map problems back. */
export interface ParallelShadow {
  definition: WorkflowDefinition;
  /** The problems with the stand-ins' paths replaced by the real ones. */
  restore(problems: DefinitionProblem[]): DefinitionProblem[];
}

/** The task step standing in for `step` in the checks, with the path prefixes to map back. */
function standIn(name: string, step: ParallelStep, parameters: Record<string, JsonValue>, map: [string, string][], unit: LimitUnit): TaskStep {
  const sp = `/steps/${escape(name)}`;
  const branches = Object.entries(step.branches);
  const actions: Record<string, ActionDefinition> = {};
  let longest: [string, number] | undefined;
  for (const [b, branch] of branches) {
    for (const [a, action] of Object.entries(branch.actions)) {
      actions[`${b}.${a}`] = action;
      map.push([`${sp}/actions/${escape(`${b}.${a}`)}`, `${sp}/branches/${escape(b)}/actions/${escape(a)}`]);
    }
    // The longest in the limit's unit, by the same sound bounds as the limit check (limitChainProblems.ts).
    const days = deadlineUpperBound(branch.deadline, parameters, unit);
    if (branch.deadline && (!longest || days > longest[1])) longest = [b, days];
  }
  actions[joinAction] = { kind: 'approve', label: step.name, target: step.target };
  map.push([`${sp}/actions/${escape(joinAction)}/target`, `${sp}/target`], [`${sp}/actions/${escape(joinAction)}`, sp]);
  const [first] = branches;
  if (first) map.push([`${sp}/assignee`, `${sp}/branches/${escape(first[0])}/assignee`]);
  const deadline = longest ? ownEntry(step.branches, longest[0])!.deadline : undefined;
  if (longest) map.push([`${sp}/deadline`, `${sp}/branches/${escape(longest[0])}/deadline`]);
  return { type: 'task', name: step.name, assignee: first?.[1].assignee ?? { level: 'county' }, actions, ...(deadline ? { deadline } : {}), ...(step.onEnter ? { onEnter: step.onEnter } : {}) };
}

/** Maps a path on the stand-ins back to the real definition's. */
function restorePath(path: string, map: [string, string][]): string {
  for (const [from, to] of map) if (path === from || path.startsWith(`${from}/`)) return to + path.slice(from.length);
  return path;
}

/** `def` with every parallel step replaced by its stand-in (the same object when it has none). */
export function withParallelStepsAsTasks(def: WorkflowDefinition): ParallelShadow {
  const map: [string, string][] = [];
  if (!Object.values(def.steps).some((s) => s.type === 'parallel')) return { definition: def, restore: (p) => p };
  const steps: Record<string, StepDefinition> = {};
  for (const [name, step] of Object.entries(def.steps)) steps[name] = step.type === 'parallel' ? standIn(name, step, def.parameters ?? {}, map, limitUnits.find((u) => def.limit?.[u] !== undefined) ?? 'workingDays') : step;
  // The longer prefixes first: an action's path is inside its step's.
  map.sort((a, b) => b[0].length - a[0].length);
  return { definition: { ...def, steps }, restore: (problems) => problems.map((p) => ({ ...p, path: restorePath(p.path, map) })) };
}
