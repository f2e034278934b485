/**
 * `endsWhen`: routes over the subject's facts that end a running case when its subject's facts
 * change (a person recorded as 死亡 or 迁出 in the register ends their allowance). The host sends
 * the system command `subject.changed` to every running case about the subject in the transaction
 * that changes its facts; the first route whose condition holds moves the case to its final step
 * (with that step's notices), none holding leaves the case as it is. Shape and static checks here.
 */
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const maxDepth = 32;
const maxRoutes = 20;

/** The reserved name of the system command that tells a case its subject's facts changed. */
export const subjectChangedName = 'subject.changed';

/** A problem when an action is named like the system's `subject.changed`, else undefined. */
export function reservedSubjectActionProblem(name: string, path: string): DefinitionProblem | undefined {
  return name.toLowerCase() === subjectChangedName ? { path, message: `操作名“${name}”是系统保留的名称（对象情况变化的通知）。` } : undefined;
}

/**
 * Problems of the shape of `endsWhen` of the definition object `d`: a non-empty list of routes, each
 * `{ when, target }`, the condition reading only subject facts (`subjectFact`, or an age of a fact)
 * joined by `all`, `any`, `not`. The generic condition shape is checked with the other conditions.
 */
export function endsWhenShapeProblems(d: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => void problems.push({ path, message });
  const factsOnly = (c: unknown, path: string, depth: number): void => {
    if (!isObj(c) || depth > maxDepth) return;
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      const key = Array.isArray(c.all) ? 'all' : 'any';
      (c[key] as unknown[]).forEach((x, i) => factsOnly(x, `${path}/${key}/${i}`, depth + 1));
    } else if ('not' in c) factsOnly(c.not, `${path}/not`, depth + 1);
    else if (!('subjectFact' in c) && !(isObj(c.age) && 'fact' in c.age)) add(path, '结束条件 (endsWhen) 只能读对象事实 (subjectFact，或按对象事实计算的年龄)，可用 all、any、not 组合。');
  };
  if (d.endsWhen === undefined) return problems;
  if (!Array.isArray(d.endsWhen) || d.endsWhen.length === 0 || d.endsWhen.length > maxRoutes) {
    add('/endsWhen', `“endsWhen” 须为 1 至 ${maxRoutes} 条路由的数组：[{"when": 对象事实条件, "target": 结束步骤}]。`);
    return problems;
  }
  d.endsWhen.forEach((r, i) => {
    const rp = `/endsWhen/${i}`;
    if (!isObj(r)) return add(rp, '路由须为对象 {"when": 条件, "target": 结束步骤}。');
    for (const key of Object.keys(r)) if (key !== 'when' && key !== 'target') add(`${rp}/${escape(key)}`, `未知的属性“${key}”。`);
    if (typeof r.target !== 'string' || r.target === '') add(`${rp}/target`, '须写明结束步骤 (target)。');
    if (!isObj(r.when)) add(`${rp}/when`, '每条结束路由都须有条件 (when)：对象情况变化时只有条件成立才结束案件。');
    else factsOnly(r.when, `${rp}/when`, 0);
  });
  return problems;
}

/** Problems of a well-formed definition's `endsWhen`: targets that are not final steps, or a process whose cases have no subject. */
export function endsWhenProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  (def.endsWhen ?? []).forEach((r, i) => {
    const step = ownEntry(def.steps, r.target);
    if (!hasOwnEntry(def.steps, r.target)) problems.push({ path: `/endsWhen/${i}/target`, message: `目标步骤“${r.target}”未定义。` });
    else if (step?.type !== 'final') problems.push({ path: `/endsWhen/${i}/target`, message: `结束路由的目标“${step?.name ?? r.target}”须为结束步骤 (final)。` });
  });
  if (def.endsWhen && !def.subject) problems.push({ path: '/endsWhen', message: '流程没有声明办理对象 (subject)，对象情况的变化无从结束案件。' });
  return problems;
}

/** The exits `endsWhen` adds to a step that a case can rest in (not a final or choice step): [JSON path, target]. */
export function endsWhenExits(def: WorkflowDefinition, stepName: string): [string, string][] {
  const step = ownEntry(def.steps, stepName);
  if (!step || step.type === 'final' || step.type === 'choice') return [];
  return (def.endsWhen ?? []).map((r, i) => [`/endsWhen/${i}/target`, r.target]);
}
