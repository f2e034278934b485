/**
 * The static checks of decision items and milestones (issue 8, points 6 and 8): an effect may decide
 * only a declared item and reach only a declared milestone; a route or guard may read only an item
 * outcome or a milestone that some action or step entry can set; every item declares its notice
 * unless the definition makes notices optional; no two items (or milestones) share a name; a final
 * step takes its outcome from the items only when there are items.
 */
import type { Condition, DecisionItemOutcome, EffectRef, JsonValue, Route, Target, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';
import { childrenRouteConditions } from './childrenRoutes.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);
const isObj = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every effect list of the definition, with its JSON path. */
function effectLists(def: WorkflowDefinition): [string, EffectRef[]][] {
  const out: [string, EffectRef[]][] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type !== 'choice' && step.onEnter) out.push([`${sp}/onEnter`, step.onEnter]);
    if (step.type === 'task' || step.type === 'timer') for (const [an, a] of Object.entries(step.actions ?? {})) if (a.effects) out.push([`${sp}/actions/${escape(an)}/effects`, a.effects]);
  }
  return out;
}

/** Every condition of the definition (routes, guards, skips), with its JSON path. */
function conditionsOf(def: WorkflowDefinition): [string, Condition][] {
  const out: [string, Condition][] = [];
  const fromRoutes = (t: Target | undefined, path: string) => { if (Array.isArray(t)) routes(t).forEach((r, i) => { if (r.when) out.push([`${path}/${i}/when`, r.when]); }); };
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'choice') fromRoutes(step.target, `${sp}/target`);
    if (step.type === 'children') out.push(...childrenRouteConditions(sp, step));
    if (step.type === 'timer') {
      fromRoutes(step.onElapsed, `${sp}/onElapsed`);
      if (step.skipWhen) out.push([`${sp}/skipWhen`, step.skipWhen]);
    }
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        const ap = `${sp}/actions/${escape(an)}`;
        fromRoutes(a.target, `${ap}/target`);
        if (a.guard) out.push([`${ap}/guard`, a.guard]);
      }
    }
  }
  return out;
}

/** The item and milestone conditions inside `c`, with their paths. */
function leavesOf(c: Condition, path: string, out: [string, Condition][]): void {
  if ('all' in c) c.all.forEach((x, i) => leavesOf(x, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => leavesOf(x, `${path}/any/${i}`, out));
  else if ('not' in c) leavesOf(c.not, `${path}/not`, out);
  else if ('decision' in c || 'milestone' in c) out.push([path, c]);
}

/** Problems of the decision items and milestones of `def` (a shape-valid definition). */
export function decisionProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const items = def.decisions ?? {};
  const milestones = def.milestones ?? {};

  // Names shown to people are distinct; notices where the definition requires them.
  const noticesRequired = (def.decisionPolicy?.notices ?? 'required') === 'required';
  const itemNames = new Map<string, string>();
  for (const [key, item] of Object.entries(items)) {
    const other = itemNames.get(item.name);
    if (other !== undefined) add(`/decisions/${escape(key)}/name`, `决定事项“${key}”与“${other}”同名（${item.name}）。`);
    else itemNames.set(item.name, key);
    if (!item.notice && noticesRequired) add(`/decisions/${escape(key)}`, `决定事项“${item.name}”没有通知书 (notice)：每个事项须单独出具决定通知书（或将 decisionPolicy.notices 设为 optional）。`);
  }
  const milestoneNames = new Map<string, string>();
  for (const [key, m] of Object.entries(milestones)) {
    const other = milestoneNames.get(m.name);
    if (other !== undefined) add(`/milestones/${escape(key)}/name`, `节点“${key}”与“${other}”同名（${m.name}）。`);
    else milestoneNames.set(m.name, key);
  }
  if (def.decisionPolicy && Object.keys(items).length === 0) add('/decisionPolicy', '流程没有决定事项 (decisions)，不需要决定规则。');

  // What the effects can set: each item's possible outcomes, each milestone.
  const canSet = new Map<string, Set<DecisionItemOutcome>>();
  const canReach = new Set<string>();
  for (const [path, list] of effectLists(def)) {
    list.forEach((ref, i) => {
      const ep = `${path}/${i}/args`;
      const args = ref.args ?? {};
      if (ref.effect === 'decide') {
        const item = args.item;
        if (typeof item !== 'string' || !hasOwnEntry(items, item)) return add(`${ep}/item`, typeof item === 'string' ? `决定事项“${item}”未在 decisions 中声明。` : '“decide” 须写明决定事项 (item)。');
        const outcome = args.outcome;
        const from = isObj(outcome) && typeof outcome.from === 'string' && outcome.from.startsWith('/');
        if (!from && outcome !== 'approved' && outcome !== 'rejected') return add(`${ep}/outcome`, '决定 (outcome) 须为 "approved"、"rejected"，或 {"from": 数据路径}。');
        const set = canSet.get(item) ?? new Set<DecisionItemOutcome>();
        if (from) { set.add('approved'); set.add('rejected'); } else set.add(outcome as DecisionItemOutcome);
        canSet.set(item, set);
        for (const k of ['amount', 'reasons'] as const) {
          const v = args[k];
          if (v === undefined) continue;
          const ok = isObj(v) ? (typeof v.from === 'string' && v.from.startsWith('/')) || (k === 'amount' && typeof v.param === 'string' && hasOwnEntry(def.parameters ?? {}, v.param)) : k === 'amount' && typeof v === 'number';
          if (!ok) add(`${ep}/${k}`, k === 'amount' ? '金额 (amount) 须为数字、{"from": 数据路径} 或已定义的 {"param": 参数名}。' : '理由 (reasons) 须为 {"from": 数据路径}；省略时取办理意见。');
        }
      } else if (ref.effect === 'reachMilestone') {
        const m = args.milestone;
        if (typeof m !== 'string' || !hasOwnEntry(milestones, m)) return add(`${ep}/milestone`, typeof m === 'string' ? `节点“${m}”未在 milestones 中声明。` : '“reachMilestone” 须写明节点 (milestone)。');
        canReach.add(m);
      }
    });
  }

  // Routes and guards read only what can be set.
  for (const [path, condition] of conditionsOf(def)) {
    const leaves: [string, Condition][] = [];
    leavesOf(condition, path, leaves);
    for (const [lp, c] of leaves) {
      if ('decision' in c) {
        const item = ownEntry(items, c.decision);
        if (!item) add(`${lp}/decision`, `决定事项“${c.decision}”未在 decisions 中声明。`);
        else if (!canSet.has(c.decision)) add(`${lp}/decision`, `没有任何操作或步骤决定“${item.name}”，此条件永远不成立。`);
        else if (!canSet.get(c.decision)!.has(c.equals)) add(`${lp}/equals`, `“${item.name}”不会被决定为 ${c.equals}，此条件永远不成立。`);
      } else if ('milestone' in c) {
        const m = ownEntry(milestones, c.milestone);
        if (!m) add(`${lp}/milestone`, `节点“${c.milestone}”未在 milestones 中声明。`);
        else if (!canReach.has(c.milestone)) add(`${lp}/milestone`, `没有任何操作或步骤到达节点“${m.name}”，此条件永远不成立。`);
      }
    }
  }

  // A final step that takes its outcome from the items needs items.
  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type === 'final' && step.outcome === 'byDecisions' && Object.keys(items).length === 0) add(`/steps/${escape(name)}/outcome`, '流程没有决定事项 (decisions)，结果不能取自决定事项 (byDecisions)。');
  }
  return problems;
}
