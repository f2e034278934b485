/**
 * The shape of a parallel step (`type: "parallel"`: branches, join, onRefusal, target) and of a
 * condition on a branch's result, as `workflow.schema.json` states them; called by
 * `validateDefinition`, which lends its checks of assignees, durations, targets, conditions and
 * effects.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';
import { reservedActionNameProblem } from './stepVerbs.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unknownKeys = (value: Obj, path: string, allowed: string[]): DefinitionProblem[] =>
  Object.keys(value).filter((k) => !allowed.includes(k)).map((k) => ({ path: `${path}/${escape(k)}`, message: `未知的属性“${k}”。` }));

/** A branch key: letters, digits, `_` and `-` (no `.`: a branch's action is named `<branch>.<action>`). */
export const branchKeyPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const actionNamePattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** Branch keys whose actions (`<key>.<action>`) would be named like the system's commands (task verbs, timers, deadlines, child cases). */
export const reservedBranchKeys = ['verb', 'timer', 'deadline', 'child'];
/** The kinds of action a branch may offer. */
export const branchActionKinds = ['approve', 'reject', 'return', 'save'] as const;
/** The results a branch can come to. */
export const branchResultNames = ['approved', 'rejected'] as const;

/** The checks of `validateDefinition` a parallel step's parts are checked with. */
export interface ShapeChecks {
  assignee(a: unknown, path: string): void;
  duration(d: unknown, path: string, relativeAllowed: boolean): void;
  target(t: unknown, path: string): void;
  condition(c: unknown, path: string): void;
  effects(e: unknown, path: string): void;
  ownName(name: unknown, path: string): boolean;
}

/** Problems of the shape of the parallel step `s` at `sp` (`/steps/<name>`); `checks` add theirs to the caller's list. */
export function parallelShapeProblems(s: Obj, sp: string, checks: ShapeChecks): DefinitionProblem[] {
  const out = unknownKeys(s, sp, ['type', 'name', 'nameEn', 'branches', 'join', 'onRefusal', 'target', 'onEnter']);
  const add = (path: string, message: string) => out.push({ path, message });
  const onRefusal = s.onRefusal ?? 'end';
  if (onRefusal !== 'end' && onRefusal !== 'continue') add(`${sp}/onRefusal`, '“onRefusal” 必须是 end（一个分支不予通过即结束本步骤）或 continue（其他分支继续办理）。');
  const join = s.join;
  if (join !== 'all' && join !== 'first' && !(isObj(join) && Object.keys(join).length === 1 && Number.isInteger(join.count) && (join.count as number) > 0)) add(`${sp}/join`, '汇合条件 (join) 必须是 all（全部分支办结）、first（第一个分支办结）或 {"count": 正整数}。');
  if (s.target === undefined) add(`${sp}/target`, '并行步骤须有汇合后的目标 (target)。');
  else checks.target(s.target, `${sp}/target`);
  checks.effects(s.onEnter, `${sp}/onEnter`);
  if (!isObj(s.branches) || Object.keys(s.branches).length < 2) {
    add(`${sp}/branches`, '并行步骤须至少有两个分支 (branches)。');
    return out;
  }
  for (const [b, branch] of Object.entries(s.branches)) {
    const bp = `${sp}/branches/${escape(b)}`;
    if (!branchKeyPattern.test(b)) add(bp, `分支名“${b}”只能用字母、数字、下划线和连字符（不能有点）。`);
    else if (reservedBranchKeys.includes(b.toLowerCase())) add(bp, `分支名不能是“${b}”：分支操作名为“${b}.<操作>”，与系统命令（${reservedBranchKeys.map((k) => `${k}.*`).join('、')}）的保留名称冲突。`);
    else if (!checks.ownName(b, bp)) continue;
    if (!isObj(branch)) { add(bp, '分支必须是对象：name、assignee、actions。'); continue; }
    out.push(...unknownKeys(branch, bp, ['name', 'nameEn', 'assignee', 'actions', 'deadline', 'form']));
    if (!isNonEmptyString(branch.name)) add(`${bp}/name`, '分支须有中文名称 (name)。');
    if (isObj(branch.assignee)) {
      // One task per branch: no countersign or any-one group, no named resolver inside a branch.
      for (const k of ['mode', 'group', 'resolver']) if (branch.assignee[k] !== undefined) add(`${bp}/assignee/${k}`, `分支的办理人不能指定“${k}”：每个分支只有一个任务（会签、或签请另设办理步骤）。`);
    }
    checks.assignee(branch.assignee, `${bp}/assignee`);
    if (branch.deadline !== undefined) checks.duration(branch.deadline, `${bp}/deadline`, true);
    if (branch.form !== undefined) {
      if (!isObj(branch.form) || !isObj(branch.form.sections)) add(`${bp}/form`, '“form” 须为 {"sections": {分区: 权限}}。');
      else {
        out.push(...unknownKeys(branch.form, `${bp}/form`, ['sections']));
        for (const [sec, perm] of Object.entries(branch.form.sections)) {
          if (!['write', 'read', 'masked', 'hidden'].includes(perm as string)) add(`${bp}/form/sections/${escape(sec)}`, '权限必须是 write、read、masked 或 hidden。');
          checks.ownName(sec, `${bp}/form/sections/${escape(sec)}`);
        }
      }
    }
    out.push(...branchActionProblems(branch.actions, `${bp}/actions`, onRefusal === 'end', checks));
  }
  return out;
}

/** Problems of a branch's actions: approve without a target (the join routes), reject with one exactly when a refusal ends the step. */
function branchActionProblems(actions: unknown, path: string, refusalEnds: boolean, checks: ShapeChecks): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const add = (p: string, message: string) => out.push({ path: p, message });
  if (!isObj(actions) || Object.keys(actions).length === 0) return [{ path, message: '分支须至少有一个操作 (actions)。' }];
  const byLowerCase = new Map<string, string>();
  let decides = false;
  for (const [name, a] of Object.entries(actions)) {
    const ap = `${path}/${escape(name)}`;
    const twin = byLowerCase.get(name.toLowerCase());
    if (twin !== undefined) add(ap, `操作名“${name}”与“${twin}”只差大小写，容易混淆，请换一个名称。`);
    else byLowerCase.set(name.toLowerCase(), name);
    if (!actionNamePattern.test(name)) add(ap, `操作名“${name}”只能用字母、数字、点、下划线和连字符。`);
    else if (!checks.ownName(name, ap)) continue;
    const reserved = reservedActionNameProblem(name, ap);
    if (reserved) out.push(reserved);
    if (!isObj(a)) { add(ap, '操作必须是对象。'); continue; }
    out.push(...unknownKeys(a, ap, ['kind', 'label', 'labelEn', 'target', 'returnTo', 'requireComment', 'guard', 'guardMessage', 'effects', 'writes']));
    if (a.requireComment !== undefined && typeof a.requireComment !== 'boolean') add(`${ap}/requireComment`, '“requireComment” 必须是 true 或 false（不带引号）。');
    if (!(branchActionKinds as readonly string[]).includes(a.kind as string)) add(`${ap}/kind`, `分支的操作类型必须是 ${branchActionKinds.join('、')} 之一。`);
    if (!isNonEmptyString(a.label)) add(`${ap}/label`, '操作须有中文名称 (label)。');
    if (a.kind === 'approve' || a.kind === 'reject') decides = true;
    const ownTarget = a.kind === 'reject' && refusalEnds;
    if (ownTarget) {
      if (a.target === undefined) add(`${ap}/target`, '一个分支不予通过即结束本步骤 (onRefusal: end)：不予通过操作须有目标步骤 (target)。');
      else checks.target(a.target, `${ap}/target`);
    } else if (a.target !== undefined) {
      add(`${ap}/target`, a.kind === 'reject' ? '其他分支继续办理 (onRefusal: continue) 时，不予通过由汇合后的路由 (target) 决定去向，操作不能有自己的目标。' : '分支的操作不能有目标步骤：案件在汇合后按并行步骤的 target 前往下一步。');
    }
    if (a.kind === 'return') {
      if (!Array.isArray(a.returnTo) || a.returnTo.length === 0 || !a.returnTo.every(isNonEmptyString)) add(`${ap}/returnTo`, '退回操作须列出可退回的步骤 (returnTo)。');
      else a.returnTo.forEach((t: string, i: number) => checks.ownName(t, `${ap}/returnTo/${i}`));
    } else if (a.returnTo !== undefined) add(`${ap}/returnTo`, '只有退回操作 (return) 才有 returnTo。');
    if (a.guard !== undefined) checks.condition(a.guard, `${ap}/guard`);
    if (a.writes !== undefined && !(Array.isArray(a.writes) && a.writes.every(isNonEmptyString))) add(`${ap}/writes`, '“writes” 必须是数据分区名的数组。');
    else if (Array.isArray(a.writes)) a.writes.forEach((w: string, i: number) => checks.ownName(w, `${ap}/writes/${i}`));
    checks.effects(a.effects, `${ap}/effects`);
  }
  if (!decides) add(path, '分支须至少有一个通过 (approve) 或不予通过 (reject) 操作，否则永远不会办结。');
  return out;
}

/** Problems of the shape of a branch condition `{ "branch": 分支, "result": 结果 }` at `path`. */
export function branchConditionProblems(c: Obj, path: string): DefinitionProblem[] {
  const out = unknownKeys(c, path, ['branch', 'result']);
  if (typeof c.branch !== 'string' || !branchKeyPattern.test(c.branch) || inheritedNames.has(c.branch)) out.push({ path: `${path}/branch`, message: '须写明分支名 (branch)。' });
  if (!(branchResultNames as readonly string[]).includes(c.result as string)) out.push({ path: `${path}/result`, message: `分支结果必须是 ${branchResultNames.join('、')} 之一。` });
  return out;
}
