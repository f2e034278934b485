/**
 * The shape of decision items, milestones and the decision policy (a definition's `decisions`,
 * `milestones`, `decisionPolicy`) and of conditions on them, as `workflow.schema.json` states them;
 * called by `validateDefinition`.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const keyPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const unknownKeys = (value: Obj, path: string, allowed: string[]): DefinitionProblem[] =>
  Object.keys(value).filter((k) => !allowed.includes(k)).map((k) => ({ path: `${path}/${escape(k)}`, message: `未知的属性“${k}”。` }));

/** The outcomes a decision item can come to. */
export const decisionItemOutcomes = ['approved', 'rejected'] as const;

function keyProblems(key: string, path: string, what: string): DefinitionProblem[] {
  if (!keyPattern.test(key)) return [{ path, message: `${what}名“${key}”须以字母开头，只能用字母、数字、下划线和连字符。` }];
  if (inheritedNames.has(key)) return [{ path, message: `名称“${key}”与 JavaScript 对象的内置属性重名，不能使用，请换一个名称。` }];
  return [];
}

/** Problems of the shape of `decisions`, `milestones` and `decisionPolicy` of definition `d`. */
export function decisionShapeProblems(d: Obj): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  if (d.decisions !== undefined) {
    if (!isObj(d.decisions) || Object.keys(d.decisions).length === 0) add('/decisions', '决定事项 (decisions) 须为非空对象：{事项名: {"name": 中文名称, "notice": 通知书}}。');
    else for (const [key, item] of Object.entries(d.decisions)) {
      const ip = `/decisions/${escape(key)}`;
      out.push(...keyProblems(key, ip, '决定事项'));
      if (!isObj(item)) { add(ip, '决定事项必须是对象。'); continue; }
      out.push(...unknownKeys(item, ip, ['name', 'nameEn', 'notice']));
      if (!isNonEmptyString(item.name)) add(`${ip}/name`, '决定事项须有中文名称 (name)。');
      if (item.notice !== undefined) {
        const np = `${ip}/notice`;
        if (!isObj(item.notice)) { add(np, '通知书 (notice) 须为 {"template", "title", "kind", "issuer"}。'); continue; }
        out.push(...unknownKeys(item.notice, np, ['template', 'title', 'kind', 'issuer']));
        if (!isNonEmptyString(item.notice.template)) add(`${np}/template`, '通知书须写明模板 (template)。');
        if (!isNonEmptyString(item.notice.title)) add(`${np}/title`, '通知书须有标题 (title)。');
        if (item.notice.kind !== undefined && !isNonEmptyString(item.notice.kind)) add(`${np}/kind`, '文书类别 (kind) 必须是非空字符串。');
        const issuer = item.notice.issuer;
        if (issuer !== undefined && !['township', 'county'].includes(issuer as string) && !(isObj(issuer) && isNonEmptyString(issuer.param) && !inheritedNames.has(issuer.param))) add(`${np}/issuer`, '出具文书的机关 (issuer) 必须是 township、county，或 {"param": "名称"}。');
      }
    }
  }
  if (d.milestones !== undefined) {
    if (!isObj(d.milestones) || Object.keys(d.milestones).length === 0) add('/milestones', '节点 (milestones) 须为非空对象：{节点名: {"name": 中文名称}}。');
    else for (const [key, m] of Object.entries(d.milestones)) {
      const mp = `/milestones/${escape(key)}`;
      out.push(...keyProblems(key, mp, '节点'));
      if (!isObj(m)) { add(mp, '节点必须是对象。'); continue; }
      out.push(...unknownKeys(m, mp, ['name', 'nameEn']));
      if (!isNonEmptyString(m.name)) add(`${mp}/name`, '节点须有中文名称 (name)。');
    }
  }
  if (d.decisionPolicy !== undefined) {
    const p = d.decisionPolicy;
    if (!isObj(p)) add('/decisionPolicy', '决定规则 (decisionPolicy) 必须是对象。');
    else {
      out.push(...unknownKeys(p, '/decisionPolicy', ['outcome', 'notices']));
      if (p.outcome !== undefined && !['anyApproved', 'allApproved'].includes(p.outcome as string)) add('/decisionPolicy/outcome', '“outcome” 必须是 anyApproved 或 allApproved。');
      if (p.notices !== undefined && !['required', 'optional'].includes(p.notices as string)) add('/decisionPolicy/notices', '“notices” 必须是 required 或 optional。');
    }
  }
  return out;
}

/** Problems of a condition on an item (`{decision, equals}`) or a milestone (`{milestone}`) at `path`. */
export function decisionConditionProblems(c: Obj, path: string): DefinitionProblem[] {
  if ('decision' in c) {
    const out = unknownKeys(c, path, ['decision', 'equals']);
    if (!isNonEmptyString(c.decision)) out.push({ path: `${path}/decision`, message: '决定事项名必须是非空字符串。' });
    else out.push(...keyProblems(c.decision, `${path}/decision`, '决定事项'));
    if (!(decisionItemOutcomes as readonly unknown[]).includes(c.equals)) out.push({ path: `${path}/equals`, message: '决定事项条件须为 {"decision": 事项名, "equals": "approved" 或 "rejected"}。' });
    return out;
  }
  const out = unknownKeys(c, path, ['milestone']);
  if (!isNonEmptyString(c.milestone)) out.push({ path: `${path}/milestone`, message: '节点名必须是非空字符串。' });
  else out.push(...keyProblems(c.milestone, `${path}/milestone`, '节点'));
  return out;
}
