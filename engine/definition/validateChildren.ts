/**
 * The shape of `children` steps and of conditions on their children (part of validateDefinition,
 * the same rules as workflow.schema.json): Chinese messages at JSON paths.
 */
import type { DefinitionProblem } from './problems.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPosInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isParam = (v: unknown): v is { param: string } => isObj(v) && typeof v.param === 'string' && v.param.trim() !== '' && Object.keys(v).length === 1;
const isPointer = (v: unknown): v is string => typeof v === 'string' && /^(\/[^/]+)+$/.test(v) && v.length <= 300;
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const keyPattern = /^[a-z][a-z0-9-]*$/;

/** The reserved action of the system's signal that a child case ended (see runtime/childrenStep.ts). */
export const childSettledName = 'child.settled';

/** The problem of an action named like the system's signal of a child's end, if it is. */
export function reservedChildActionProblem(name: string, path: string): DefinitionProblem | undefined {
  return name.toLowerCase() === childSettledName ? { path, message: `操作名“${name}”是系统保留的名称（子案件办结的通知）。` } : undefined;
}

/** The outcomes a children condition may name (`open`: not ended yet). */
export const childConditionOutcomes = ['approved', 'rejected', 'withdrawn', 'terminated', 'open'];

/** The checks of validateDefinition a children step reuses for its targets, deadline and effects. */
export interface ChildrenShapeChecks {
  add: (path: string, message: string) => void;
  checkUnknown: (value: Obj, path: string, allowed: string[]) => void;
  checkBooleans: (value: Obj, path: string, keys: string[]) => void;
  checkTarget: (t: unknown, path: string) => void;
  checkDuration: (d: unknown, path: string, relativeAllowed: boolean) => void;
  checkEffects: (e: unknown, path: string) => void;
}

/** A map of data pointers: child pointer → pointer into the parent (or the item, where `""` is the whole item). */
function checkPass(v: unknown, path: string, emptyAllowed: boolean, add: ChildrenShapeChecks['add']): void {
  if (v === undefined) return;
  if (!isObj(v)) return add(path, '须为 {"子案件数据路径": "数据路径"}。');
  for (const [to, from] of Object.entries(v)) {
    const at = `${path}/${escape(to)}`;
    if (!isPointer(to)) add(at, `子案件数据路径“${to}”须以“/”开头 (JSON Pointer)。`);
    if (!isPointer(from) && !(emptyAllowed && from === '')) add(at, emptyAllowed ? '须为条目中的数据路径，或 "" 表示整个条目。' : '须为本案数据路径 (JSON Pointer)。');
  }
}

/** Checks a `children` step (its `type` already known). */
export function checkChildrenStep(s: Obj, sp: string, c: ChildrenShapeChecks): void {
  const { verbs: _verbs, ...rest } = s;
  void _verbs;
  c.checkUnknown(rest, sp, ['type', 'name', 'nameEn', 'start', 'wait', 'withdrawn', 'onSettled', 'deadline', 'onTimeout', 'pausesClock', 'onEnter']);
  c.checkBooleans(s, sp, ['pausesClock']);
  if (!Array.isArray(s.start) || s.start.length === 0) c.add(`${sp}/start`, '须列出要发起的子案件 (start)，至少一项。');
  else {
    s.start.forEach((spec: unknown, i: number) => {
      const at = `${sp}/start/${i}`;
      if (!isObj(spec)) return c.add(at, '须为 {"workflow": "子流程标识", …}。');
      c.checkUnknown(spec, at, ['workflow', 'forEach', 'pass', 'passItem', 'organisationFrom', 'collect']);
      if (spec.organisationFrom !== undefined) {
        if (spec.forEach === undefined) c.add(`${at}/organisationFrom`, '只有逐项发起 (forEach) 时才能按条目中的组织发起 (organisationFrom)。');
        else if (!isPointer(spec.organisationFrom)) c.add(`${at}/organisationFrom`, '“organisationFrom” 须为条目中统一社会信用代码的路径，如 "/creditCode"。');
      }
      if (spec.collect !== undefined) {
        const col = spec.collect;
        if (!isObj(col)) c.add(`${at}/collect`, '“collect” 须为 {"into": "/数组路径", "values": {"键": "/子案件数据路径"}}。');
        else {
          c.checkUnknown(col, `${at}/collect`, ['into', 'values']);
          if (!isPointer(col.into)) c.add(`${at}/collect/into`, '“into” 须为本案中数组的路径 (JSON Pointer)。');
          if (!isObj(col.values)) c.add(`${at}/collect/values`, '“values” 须为 {"键": "/子案件数据路径" 或 {"panel": 步骤, "value": "average" 或 "result"}}。');
          else for (const [k, v] of Object.entries(col.values)) {
            const vp = `${at}/collect/values/${escape(k)}`;
            if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(k) || k === 'case' || k === 'outcome') c.add(vp, `键“${k}”须以字母开头，由字母、数字或 _ 组成，且不能是 case 或 outcome。`);
            const panelValue = isObj(v) && Object.keys(v).length === 2 && typeof v.panel === 'string' && v.panel !== '' && (v.value === 'average' || v.value === 'result');
            if (!isPointer(v) && !panelValue) c.add(vp, '须为子案件的数据路径，或 {"panel": 步骤, "value": "average" 或 "result"}。');
          }
        }
      }
      if (typeof spec.workflow !== 'string' || !keyPattern.test(spec.workflow)) c.add(`${at}/workflow`, '须写明子流程标识 (workflow)：小写字母开头的字母、数字或连字符。');
      if (spec.forEach !== undefined && !isPointer(spec.forEach)) c.add(`${at}/forEach`, '“forEach” 须为表单中数组的路径 (JSON Pointer)，如 "/household/members"。');
      checkPass(spec.pass, `${at}/pass`, false, c.add);
      checkPass(spec.passItem, `${at}/passItem`, true, c.add);
      if (spec.passItem !== undefined && spec.forEach === undefined) c.add(`${at}/passItem`, '只有逐项发起 (forEach) 时才能从条目取数据 (passItem)。');
    });
  }
  const w = s.wait;
  if (w !== 'all' && w !== 'any' && !(isObj(w) && Object.keys(w).length === 1 && (isPosInt(w.count) || isParam(w.count)))) c.add(`${sp}/wait`, '“wait” 须为 "all"、"any" 或 {"count": 正整数或 {"param": "名称"}}。');
  if (s.withdrawn !== undefined && s.withdrawn !== 'counts' && s.withdrawn !== 'excluded') c.add(`${sp}/withdrawn`, '“withdrawn” 须为 "counts"（撤回的子案件算作办结）或 "excluded"（不计入等待）。');
  if (s.onSettled === undefined) c.add(`${sp}/onSettled`, '须写明子案件满足等待条件后的去向 (onSettled)。');
  else c.checkTarget(s.onSettled, `${sp}/onSettled`);
  if (s.deadline !== undefined) c.checkDuration(s.deadline, `${sp}/deadline`, true);
  if (s.onTimeout !== undefined) c.checkTarget(s.onTimeout, `${sp}/onTimeout`);
  if (s.deadline !== undefined && s.onTimeout === undefined) c.add(`${sp}/onTimeout`, '有等待期限 (deadline) 的步骤须写明期限届满的去向 (onTimeout)。');
  if (s.onTimeout !== undefined && s.deadline === undefined) c.add(`${sp}/deadline`, '有超时去向 (onTimeout) 的步骤须写明等待期限 (deadline)。');
  c.checkEffects(s.onEnter, `${sp}/onEnter`);
}

/** Problems of a condition on children: `{ "children": step, "outcome": …, "count": … }`. */
export function childrenConditionProblems(c: Obj, path: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (p: string, message: string) => problems.push({ path: p, message });
  for (const key of Object.keys(c)) if (!['children', 'outcome', 'count'].includes(key)) add(`${path}/${escape(key)}`, `未知的属性“${key}”。`);
  if (typeof c.children !== 'string' || c.children.trim() === '') add(`${path}/children`, '须写明等待子案件的步骤名 (children)。');
  if (!childConditionOutcomes.includes(c.outcome as string)) add(`${path}/outcome`, `“outcome” 须为 ${childConditionOutcomes.join('、')} 之一。`);
  const n = c.count;
  if (n !== 'all' && n !== 'any' && n !== 'none' && !(isObj(n) && Object.keys(n).length === 1 && isPosInt(n.atLeast))) add(`${path}/count`, '“count” 须为 "all"、"any"、"none" 或 {"atLeast": 正整数}。');
  return problems;
}
