/**
 * The shape of a panel (a task step's `panel`) and of a condition on a panel's result, as
 * `workflow.schema.json` states them; called by `validateDefinition`.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isParam = (v: unknown): v is { param: string } => isObj(v) && typeof v.param === 'string' && v.param.trim().length > 0 && !inheritedNames.has(v.param);
const isPosInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const unknownKeys = (value: Obj, path: string, allowed: string[]): DefinitionProblem[] =>
  Object.keys(value).filter((k) => !allowed.includes(k)).map((k) => ({ path: `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `未知的属性“${k}”。` }));

/** The results a panel can come to. */
export const panelResultNames = ['passed', 'failed', 'quorumNotReached'] as const;

/** Problems of the shape of `panel` at `path` (e.g. `/steps/review/panel`). */
export function panelShapeProblems(panel: unknown, path: string): DefinitionProblem[] {
  if (!isObj(panel)) return [{ path, message: '评议 (panel) 必须是对象：members、ballot、quorum、rule。' }];
  const out = unknownKeys(panel, path, ['members', 'ballot', 'maxScore', 'quorum', 'rule']);
  const add = (p: string, message: string) => out.push({ path: `${path}${p}`, message });
  const m = panel.members;
  if (!isObj(m)) add('/members', '须写明评议成员 (members)：{"level": 层级, "role": 职责, "draw": 抽取人数}。');
  else {
    out.push(...unknownKeys(m, `${path}/members`, ['level', 'role', 'draw', 'pool']));
    if (m.pool !== undefined) {
      if (m.level !== undefined || m.role !== undefined || m.draw !== undefined) add('/members', '评议成员须二选一：按层级与职责 (level、role、draw)，或从库中抽取 (pool)。');
      const p = m.pool;
      if (!isObj(p)) add('/members/pool', '“pool” 须为 {"kind": 库类型, "draw": 人数}。');
      else {
        out.push(...unknownKeys(p, `${path}/members/pool`, ['kind', 'draw', 'recuseAffiliationsFrom']));
        if (typeof p.kind !== 'string' || p.kind.trim() === '') add('/members/pool/kind', '须写明库的类型 (kind)，如 expert_pool。');
        if (!isPosInt(p.draw)) add('/members/pool/draw', '抽取人数 (draw) 必须是正整数。');
        if (p.recuseAffiliationsFrom !== undefined && !(Array.isArray(p.recuseAffiliationsFrom) && p.recuseAffiliationsFrom.every((x) => typeof x === 'string' && /^(\/[^/]+)+$/.test(x)))) add('/members/pool/recuseAffiliationsFrom', '须为字段路径 (JSON Pointer) 的数组。');
      }
    } else if (!['village', 'township', 'county'].includes(m.level as string) && !isParam(m.level)) add('/members/level', '成员所在层级必须是 village、township、county 之一，或 {"param": "名称"}；或从库中抽取 (pool)。');
    if (m.role !== undefined && (typeof m.role !== 'string' || m.role.trim() === '')) add('/members/role', '成员职责 (role) 必须是非空字符串。');
    if (m.draw !== undefined && !isPosInt(m.draw) && !isParam(m.draw)) add('/members/draw', '抽取人数 (draw) 必须是正整数或 {"param": "名称"}。');
  }
  if (panel.ballot !== 'vote' && panel.ballot !== 'score') add('/ballot', '选票类型 (ballot) 必须是 vote（表决）或 score（评分）。');
  if (panel.maxScore !== undefined && !isPosInt(panel.maxScore)) add('/maxScore', '最高分 (maxScore) 必须是正整数。');
  if (panel.maxScore !== undefined && panel.ballot !== 'score') add('/maxScore', '只有评分评议 (ballot: score) 才有最高分。');
  const q = panel.quorum;
  if (!isObj(q) || Object.keys(q).length !== 1 || !('count' in q || 'share' in q)) add('/quorum', '法定人数 (quorum) 须为 {"count": 人数} 或 {"share": 比例}。');
  else if ('count' in q && !isPosInt(q.count) && !isParam(q.count)) add('/quorum/count', '法定人数须为正整数或 {"param": "名称"}。');
  else if ('share' in q && !(typeof q.share === 'number' && q.share > 0 && q.share <= 1)) add('/quorum/share', '法定比例须为大于 0、不超过 1 的数，如 0.5。');
  const r = panel.rule;
  if (r === 'majority' || r === 'twoThirds') {
    if (panel.ballot === 'score') add('/rule', '评分评议须按平均分决定：{"averageScoreAtLeast": 分数}。');
  } else if (isObj(r) && Object.keys(r).length === 1 && 'averageScoreAtLeast' in r) {
    if (typeof r.averageScoreAtLeast !== 'number' && !isParam(r.averageScoreAtLeast)) add('/rule/averageScoreAtLeast', '平均分须为数字或 {"param": "名称"}。');
    if (panel.ballot === 'vote') add('/rule', '表决评议须按票数决定：majority（过半数）或 twoThirds（三分之二）。');
  } else add('/rule', '决定规则 (rule) 须为 majority、twoThirds 或 {"averageScoreAtLeast": 分数}。');
  return out;
}

/** Problems of the shape of a panel condition `{ "panel": 步骤, "result": 结果 }` at `path`. */
export function panelConditionProblems(c: Obj, path: string): DefinitionProblem[] {
  const out = unknownKeys(c, path, ['panel', 'result']);
  if (typeof c.panel !== 'string' || c.panel.trim() === '' || inheritedNames.has(c.panel)) out.push({ path: `${path}/panel`, message: '须写明评议所在的步骤名 (panel)。' });
  if (!panelResultNames.includes(c.result as (typeof panelResultNames)[number])) out.push({ path: `${path}/result`, message: `评议结果必须是 ${panelResultNames.join('、')} 之一。` });
  return out;
}
