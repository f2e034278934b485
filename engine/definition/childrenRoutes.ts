/**
 * The routes of a `children` step (`onSettled`, `onTimeout`) as the checkers walk them: their
 * targets and their conditions, each with its JSON path.
 */
import type { ChildrenStep, Condition, Route, Target } from './types.js';

const routesOf = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);

/** Every route list of the step with its JSON path and whether it is written as a list. */
function routeLists(sp: string, step: ChildrenStep): [string, Target | undefined][] {
  return [[`${sp}/onSettled`, step.onSettled], [`${sp}/onTimeout`, step.onTimeout]];
}

/** Every exit of a children step: [JSON path of the target, target step]. */
export function childrenExits(sp: string, step: ChildrenStep): [string, string][] {
  const out: [string, string][] = [];
  for (const [path, target] of routeLists(sp, step)) routesOf(target).forEach((r, i) => out.push([typeof target === 'string' ? path : `${path}/${i}/target`, r.target]));
  return out;
}

/** Every routing condition of a children step with its JSON path. */
export function childrenRouteConditions(sp: string, step: ChildrenStep): [string, Condition][] {
  const out: [string, Condition][] = [];
  for (const [path, target] of routeLists(sp, step)) if (Array.isArray(target)) target.forEach((r, i) => { if (r.when) out.push([`${path}/${i}/when`, r.when]); });
  return out;
}
