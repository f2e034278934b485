/**
 * The static checks of panels (issue 8, point 8): a panel must be able to reach its quorum and to
 * decide, its ballots and closing belong to panel steps only, and routes may read only results a
 * panel can come to — a panel of the step they name, with a result its quorum and rule can produce.
 */
import type { Condition, JsonValue, PanelDefinition, PanelResult, Route, Target, TaskStep, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { ownEntry } from './ownEntry.js';
import { resolveLevel } from '../org/resolveAssignee.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);
const resultNames: Record<PanelResult, string> = { passed: '通过', failed: '未通过', quorumNotReached: '未达法定人数' };

/** A literal number or a numeric parameter; undefined when the parameter is missing or not a number. */
function numberOf(value: number | { param: string }, parameters: Record<string, JsonValue>): number | undefined {
  const raw = typeof value === 'number' ? value : ownEntry(parameters, value.param);
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}

/** Every panel condition inside `c`, with its JSON path. */
function panelConditionsIn(c: Condition | undefined, path: string, out: [string, { panel: string; result: PanelResult }][]): void {
  if (!c) return;
  if ('all' in c) c.all.forEach((x, i) => panelConditionsIn(x, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => panelConditionsIn(x, `${path}/any/${i}`, out));
  else if ('not' in c) panelConditionsIn(c.not, `${path}/not`, out);
  else if ('panel' in c) out.push([path, c]);
}

/** The results the panel of `step` can come to. */
export function possiblePanelResults(step: TaskStep, panel: PanelDefinition, parameters: Record<string, JsonValue>): PanelResult[] {
  const results: PanelResult[] = [];
  const closes = Object.values(step.actions).some((a) => a.kind === 'closePanel');
  // With a share for quorum and no organiser to close early, the panel decides only once every counting member voted: the quorum is always met.
  if (closes || !('share' in panel.quorum)) results.push('quorumNotReached');
  const rule = panel.rule;
  const threshold = typeof rule === 'object' ? numberOf(rule.averageScoreAtLeast, parameters) : undefined;
  if (!(threshold !== undefined && threshold > (panel.maxScore ?? 100))) results.push('passed');
  results.push('failed');
  return results;
}

/** Problems of the panels of `def` (a shape-valid definition). */
export function panelProblems(def: WorkflowDefinition, parameters: Record<string, JsonValue>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const possible = new Map<string, PanelResult[]>();

  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    const panel = step.type === 'task' ? step.panel : undefined;
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        if ((a.kind === 'vote' || a.kind === 'closePanel') && !panel) add(`${sp}/actions/${escape(an)}/kind`, `步骤“${step.name}”没有评议 (panel)，不能设置${a.kind === 'vote' ? '投票' : '结束评议'}操作。`);
      }
    }
    if (!panel || step.type !== 'task') continue;
    const pp = `${sp}/panel`;
    if (name === def.initial) add(pp, '评议不能设在起始步骤：须在案件提交后组成评议小组。');
    const votes = Object.entries(step.actions).filter(([, a]) => a.kind === 'vote');
    if (votes.length !== 1) add(`${sp}/actions`, votes.length === 0 ? '评议步骤须有一个投票操作 (kind: vote)，成员才能投票。' : '评议步骤只能有一个投票操作 (kind: vote)。');

    const memberLevel = panel.members.level;
    const level = memberLevel === undefined ? undefined : resolveLevel(memberLevel, parameters);
    if (memberLevel !== undefined && (!level || level === 'applicant')) add(`${pp}/members/level`, typeof memberLevel === 'string' ? '评议成员须为某一层级单位的工作人员。' : `参数“${memberLevel.param}”未定义或不是有效层级。`);
    // The pool's kind and size are checked with the other pool draws (checkUnitAssignees.ts).
    const drawn = panel.members.pool ? panel.members.pool.draw : panel.members.draw;
    const draw = drawn === undefined ? undefined : numberOf(drawn, parameters);
    if (drawn !== undefined && (draw === undefined || !Number.isInteger(draw) || draw < 1)) add(`${pp}/members/draw`, '抽取人数的参数未定义或不是正整数。');
    if ('count' in panel.quorum) {
      const count = numberOf(panel.quorum.count, parameters);
      if (count === undefined || !Number.isInteger(count) || count < 1) add(`${pp}/quorum/count`, '法定人数的参数未定义或不是正整数。');
      else if (draw !== undefined && count > draw) add(`${pp}/quorum/count`, `法定人数 ${count} 超过抽取的评议成员人数 ${draw}：评议永远达不到法定人数。`);
    }
    const rule = panel.rule;
    if (typeof rule === 'object') {
      const threshold = numberOf(rule.averageScoreAtLeast, parameters);
      if (threshold === undefined) add(`${pp}/rule/averageScoreAtLeast`, '平均分门槛的参数未定义或不是数字。');
      else if (threshold > (panel.maxScore ?? 100)) add(`${pp}/rule/averageScoreAtLeast`, `平均分门槛 ${threshold} 超过最高分 ${panel.maxScore ?? 100}：评议永远不能通过。`);
    }
    possible.set(name, possiblePanelResults(step, panel, parameters));
  }

  // Routes and guards read only results a panel of the step they name can come to.
  const conditions: [string, Condition | undefined][] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'choice') step.target.forEach((r, i) => conditions.push([`${sp}/target/${i}/when`, r.when]));
    if (step.type === 'timer') conditions.push([`${sp}/skipWhen`, step.skipWhen]);
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        const ap = `${sp}/actions/${escape(an)}`;
        conditions.push([`${ap}/guard`, a.guard]);
        routes(a.target).forEach((r, i) => conditions.push([`${ap}/target/${i}/when`, r.when]));
      }
    }
  }
  for (const [path, c] of conditions) {
    const found: [string, { panel: string; result: PanelResult }][] = [];
    panelConditionsIn(c, path, found);
    for (const [cp, pc] of found) {
      const results = possible.get(pc.panel);
      if (!results) add(`${cp}/panel`, `步骤“${pc.panel}”没有评议 (panel)，不能按评议结果路由。`);
      else if (!results.includes(pc.result)) add(`${cp}/result`, `步骤“${pc.panel}”的评议不可能得出“${resultNames[pc.result]}” (${pc.result})：此路由永远不会走到。`);
    }
  }

  // The ballot that decides and the organiser's close route every result the panel can come to.
  for (const [name, results] of possible) {
    const step = ownEntry(def.steps, name) as TaskStep;
    for (const [an, a] of Object.entries(step.actions)) {
      if ((a.kind !== 'vote' && a.kind !== 'closePanel') || typeof a.target === 'string' || !a.target) continue;
      if (a.target.some((r) => !r.when)) continue;
      const routed = new Set(a.target.map((r) => (r.when && 'panel' in r.when && r.when.panel === name ? r.when.result : undefined)));
      const missing = results.filter((r) => !routed.has(r));
      if (missing.length > 0) add(`/steps/${escape(name)}/actions/${escape(an)}/target`, `评议结果 ${missing.map((r) => `“${resultNames[r]}”`).join('、')} 没有去向：请为其设路由或加一条无条件的默认路由。`);
    }
  }
  return problems;
}
