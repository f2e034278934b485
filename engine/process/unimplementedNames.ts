/**
 * The guard, effect and resolver names a definition uses that its implementations lack. Both
 * `checkDefinition` and `compileWorkflow` refuse such a definition, so a case never meets an
 * unknown name while it runs.
 */
import type { Condition, EffectRef, Route, Target, WorkflowDefinition } from '../definition/types.js';
import type { DefinitionProblem } from '../definition/problems.js';
import { hasOwnEntry } from '../definition/ownEntry.js';
import { childrenRouteConditions } from '../definition/childrenRoutes.js';
import type { Implementations } from './processImplementations.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);

/** Every guard named in a condition, with its JSON path. */
function guardsIn(c: Condition | undefined, path: string, out: [string, string][]): [string, string][] {
  if (!c) return out;
  if ('all' in c) c.all.forEach((x, i) => guardsIn(x, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => guardsIn(x, `${path}/any/${i}`, out));
  else if ('not' in c) guardsIn(c.not, `${path}/not`, out);
  else if ('guard' in c) out.push([`${path}/guard`, c.guard]);
  return out;
}

/** Problems for every name in a (shape-valid) definition that `implementations` does not hold. */
export function unimplementedNames(def: WorkflowDefinition, implementations: Implementations): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'task' && step.assignee.resolver !== undefined && !hasOwnEntry(implementations.resolvers, step.assignee.resolver)) {
      problems.push({ path: `${sp}/assignee/resolver`, message: `未注册的办理人解析器“${step.assignee.resolver}”。` });
    }
    const conditions: [string, Condition | undefined][] = [];
    const effectLists: [string, EffectRef[] | undefined][] = [];
    if (step.type !== 'choice') effectLists.push([`${sp}/onEnter`, step.onEnter]);
    if (step.type === 'choice') step.target.forEach((r, i) => conditions.push([`${sp}/target/${i}/when`, r.when]));
    if (step.type === 'timer') conditions.push([`${sp}/skipWhen`, step.skipWhen]);
    if (step.type === 'children') conditions.push(...childrenRouteConditions(sp, step));
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        const ap = `${sp}/actions/${escape(an)}`;
        conditions.push([`${ap}/guard`, a.guard]);
        routes(a.target).forEach((r, i) => conditions.push([`${ap}/target/${i}/when`, r.when]));
        effectLists.push([`${ap}/effects`, a.effects]);
      }
    }
    for (const [path, c] of conditions) {
      for (const [gp, g] of guardsIn(c, path, [])) if (!hasOwnEntry(implementations.guards, g)) problems.push({ path: gp, message: `未注册的守卫“${g}”。` });
    }
    for (const [path, list] of effectLists) {
      (list ?? []).forEach((e, i) => {
        if (!hasOwnEntry(implementations.effects, e.effect)) problems.push({ path: `${path}/${i}/effect`, message: `未注册的效果“${e.effect}”。` });
      });
    }
  }
  return problems;
}
