/**
 * The flags a definition's conditions read must be ones some effect raises — a lookalike letter in
 * a flag name would otherwise make a route silently never taken. (Data paths against the form:
 * conditionProblems.ts.)
 */
import type { DefinitionProblem } from './problems.js';
import type { Condition, EffectRef, Route, Target, WorkflowDefinition } from './types.js';
import { childrenRouteConditions } from './childrenRoutes.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);

/** Every condition of a (shape-valid) definition with its JSON path, and every effect reference. */
function conditionsAndEffects(def: WorkflowDefinition): { conditions: [string, Condition][]; effects: EffectRef[] } {
  const conditions: [string, Condition][] = [];
  const effects: EffectRef[] = [];
  const addCondition = (path: string, c: Condition | undefined) => { if (c) conditions.push([path, c]); };
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type !== 'choice') effects.push(...(step.onEnter ?? []));
    if (step.type === 'choice') step.target.forEach((r, i) => addCondition(`${sp}/target/${i}/when`, r.when));
    if (step.type === 'children') conditions.push(...childrenRouteConditions(sp, step));
    if (step.type === 'timer') {
      addCondition(`${sp}/skipWhen`, step.skipWhen);
      if (Array.isArray(step.onElapsed)) step.onElapsed.forEach((r, i) => addCondition(`${sp}/onElapsed/${i}/when`, r.when));
    }
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        const ap = `${sp}/actions/${escape(an)}`;
        addCondition(`${ap}/guard`, a.guard);
        if (Array.isArray(a.target)) routes(a.target).forEach((r, i) => addCondition(`${ap}/target/${i}/when`, r.when));
        effects.push(...(a.effects ?? []));
      }
    }
  }
  return { conditions, effects };
}

/** The leaves of a condition (`all`/`any`/`not` opened, without recursion), with their paths. */
function leavesOf(root: Condition, rootPath: string): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const stack: [string, Condition][] = [[rootPath, root]];
  while (stack.length) {
    const [path, c] = stack.pop()!;
    if ('all' in c) c.all.forEach((x, i) => stack.push([`${path}/all/${i}`, x]));
    else if ('any' in c) c.any.forEach((x, i) => stack.push([`${path}/any/${i}`, x]));
    else if ('not' in c) stack.push([`${path}/not`, c.not]);
    else out.push([path, c as unknown as Record<string, unknown>]);
  }
  return out.reverse();
}

/** Problems for flags no effect raises (skipped when the process module brings effects of its own, which may raise any). */
export function conditionReferenceProblems(def: WorkflowDefinition, builtInFlags: string[], ownEffects = false): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { conditions, effects } = conditionsAndEffects(def);
  const raised = new Set(builtInFlags);
  for (const e of effects) if (typeof e.args?.flag === 'string') raised.add(e.args.flag);
  for (const [root, c] of conditions) {
    for (const [path, leaf] of leavesOf(c, root)) {
      if (typeof leaf.flag === 'string' && !ownEffects && !raised.has(leaf.flag)) problems.push({ path: `${path}/flag`, message: `没有任何效果会设置标记“${leaf.flag}”，这个条件永远不成立（可设置的标记：${[...raised].join('、')}）。` });
    }
  }
  return problems;
}
