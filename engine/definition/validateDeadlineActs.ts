/**
 * The shape of deadlines that act (the same rules as `workflow.schema.json`): a task step's
 * `remind`, `onOverdue` and `stopsClock`, and the definition's `phases`. Static soundness (units
 * that fit, targets that follow, levels to escalate to, contiguous phases) is deadlineProblems.ts.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isCount = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0) || (isObj(v) && Object.keys(v).length === 1 && isNonEmptyString(v.param) && !inheritedNames.has(v.param));
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Refuses an action named like the deadline commands the sweep sends (`deadline.remind`, `deadline.overdue`). */
export function reservedDeadlineActionProblem(name: string, path: string): DefinitionProblem | undefined {
  return name.startsWith('deadline.') ? { path, message: '操作名不能以“deadline.”开头：这是期限提醒和逾期处理的保留名称。' } : undefined;
}

/** The keys a task step may carry for its deadline's acts. */
export const deadlineActStepKeys = ['remind', 'onOverdue', 'stopsClock'] as const;

/** Checks a duration's shape at `path` (validateDefinition's own check, passed in). */
export type DurationShapeCheck = (d: unknown, path: string) => void;

/** Problems of the reminders at `path`: a non-empty list of `{ "before": { "workingDays" | "days": n } }`. */
function reminderProblems(list: unknown, path: string, add: (path: string, message: string) => void): void {
  if (!Array.isArray(list) || list.length === 0) return add(path, '“remind” 须为非空数组，如 [{"before": {"workingDays": 2}}]。');
  list.forEach((r, i) => {
    const rp = `${path}/${i}`;
    if (!isObj(r) || !isObj(r.before)) return add(rp, '提醒须写明提前多久：{"before": {"workingDays": n}} 或 {"before": {"days": n}}。');
    for (const k of Object.keys(r)) if (k !== 'before') add(`${rp}/${escape(k)}`, `未知的属性“${k}”。`);
    const units = Object.keys(r.before);
    if (units.length !== 1 || (units[0] !== 'workingDays' && units[0] !== 'days')) return add(`${rp}/before`, '提前量须有且只有一个单位：workingDays 或 days。');
    if (!isCount(r.before[units[0]!])) add(`${rp}/before/${units[0]}`, '提前的天数必须是正整数，或 {"param": "名称"}。');
  });
}

/** Problems of an overdue action at `path`: exactly one of escalate, reassign, route. */
function overdueProblems(o: unknown, path: string, add: (path: string, message: string) => void, checkDuration: DurationShapeCheck): void {
  const kinds = isObj(o) ? Object.keys(o) : [];
  if (!isObj(o) || kinds.length !== 1 || !['escalate', 'reassign', 'route'].includes(kinds[0]!)) return add(path, '逾期处理须为 {"escalate": {…}}、{"reassign": {"level": …}} 或 {"route": "步骤"} 之一。');
  if ('route' in o) {
    if (!isNonEmptyString(o.route)) add(`${path}/route`, '“route” 须为步骤名。');
    else if (inheritedNames.has(o.route)) add(`${path}/route`, `名称“${o.route}”与 JavaScript 对象的内置属性重名，不能使用。`);
    return;
  }
  const kind = kinds[0]!;
  const spec = o[kind];
  const sp = `${path}/${kind}`;
  if (!isObj(spec)) return add(sp, `“${kind}” 必须是对象。`);
  const allowed = kind === 'reassign' ? ['level', 'role', 'deadline'] : ['role', 'deadline'];
  for (const k of Object.keys(spec)) if (!allowed.includes(k)) add(`${sp}/${escape(k)}`, `未知的属性“${k}”。`);
  if (kind === 'reassign' && !['village', 'township', 'county'].includes(spec.level as string)) add(`${sp}/level`, '改派的层级必须是 village、township 或 county。');
  if (spec.role !== undefined && !isNonEmptyString(spec.role)) add(`${sp}/role`, '“role” 须为职责名。');
  if (spec.deadline !== undefined) checkDuration(spec.deadline, `${sp}/deadline`);
}

/** Shape problems of a step's deadline acts; a step that is not a task may not carry them. */
export function deadlineActShapeProblems(step: Obj, sp: string, checkDuration: DurationShapeCheck): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => void problems.push({ path, message });
  for (const k of deadlineActStepKeys) {
    if (step[k] === undefined) continue;
    if (step.type !== 'task') add(`${sp}/${k}`, `只有办理步骤 (task) 可以设置“${k}”。`);
  }
  if (step.type !== 'task') return problems;
  if (step.stopsClock !== undefined && typeof step.stopsClock !== 'boolean') add(`${sp}/stopsClock`, '“stopsClock” 必须是 true 或 false（不带引号）。');
  if (step.remind !== undefined) reminderProblems(step.remind, `${sp}/remind`, add);
  if (step.onOverdue !== undefined) overdueProblems(step.onOverdue, `${sp}/onOverdue`, add, checkDuration);
  return problems;
}

/** Shape problems of the definition's `phases`. */
export function phaseShapeProblems(def: Obj, checkDuration: DurationShapeCheck): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => void problems.push({ path, message });
  if (def.phases === undefined) return problems;
  if (!isObj(def.phases) || Object.keys(def.phases).length === 0) return [{ path: '/phases', message: '“phases” 须为非空对象：阶段标识 → 阶段。' }];
  for (const [key, phase] of Object.entries(def.phases)) {
    const pp = `/phases/${escape(key)}`;
    if (!/^[a-z][a-zA-Z0-9_-]*$/.test(key) || inheritedNames.has(key)) add(pp, `阶段标识“${key}”须以小写字母开头，只用字母、数字、下划线和连字符。`);
    if (!isObj(phase)) { add(pp, '阶段必须是对象。'); continue; }
    for (const k of Object.keys(phase)) if (!['name', 'steps', 'deadline', 'remind', 'onOverdue'].includes(k)) add(`${pp}/${escape(k)}`, `未知的属性“${k}”。`);
    if (!isNonEmptyString(phase.name)) add(`${pp}/name`, '阶段须有中文名称 (name)。');
    if (!Array.isArray(phase.steps) || phase.steps.length < 2) add(`${pp}/steps`, '阶段须列出至少两个步骤 (steps)，第一个为起始步骤。');
    else phase.steps.forEach((s, i) => {
      if (!isNonEmptyString(s)) add(`${pp}/steps/${i}`, '须为步骤名。');
      else if ((phase.steps as unknown[]).indexOf(s) !== i) add(`${pp}/steps/${i}`, `步骤“${s}”在阶段中重复。`);
    });
    if (phase.deadline === undefined) add(`${pp}/deadline`, '阶段须有期限 (deadline)。');
    else checkDuration(phase.deadline, `${pp}/deadline`);
    if (phase.remind !== undefined) reminderProblems(phase.remind, `${pp}/remind`, add);
    if (phase.onOverdue !== undefined) overdueProblems(phase.onOverdue, `${pp}/onOverdue`, add, checkDuration);
  }
  return problems;
}
