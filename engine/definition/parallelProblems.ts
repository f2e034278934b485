/**
 * The static checks of parallel steps (issue 9, point 5), beside what the task-step checks see of
 * them through their stand-ins (parallelShadow.ts): a join that can be reached, branch keys unique
 * across the definition, routes only on branches that exist and on results their step's join can
 * see, no section written by two branches, branch assignees that resolve, branch deadlines that
 * can be counted, and no parallel step as the first step.
 */
import type { Condition, JsonValue, ParallelStep, StepDefinition, TaskStep, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { conditionsOf } from './conditionProblems.js';
import { unitAssigneeProblems, type OrgKindsSummary } from './checkUnitAssignees.js';
import { withParallelStepsAsTasks } from './parallelShadow.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import { durationDue, resolveDuration } from '../calendar/durationDue.js';
import { createWorkingCalendar } from '../calendar/createWorkingCalendar.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const probeCalendar = createWorkingCalendar();

/** Every branch condition inside `c`, with its JSON path (an explicit stack: no recursion). */
function branchConditionsIn(root: Condition, rootPath: string): [string, { branch: string; result: string }][] {
  const out: [string, { branch: string; result: string }][] = [];
  const stack: [Condition, string][] = [[root, rootPath]];
  while (stack.length) {
    const [c, path] = stack.pop()!;
    if ('all' in c) c.all.forEach((x, i) => stack.push([x, `${path}/all/${i}`]));
    else if ('any' in c) c.any.forEach((x, i) => stack.push([x, `${path}/any/${i}`]));
    else if ('not' in c) stack.push([c.not, `${path}/not`]);
    else if ('branch' in c) out.push([path, c]);
  }
  return out;
}

/** Whether a branch deadline can be counted with these parameters (one relative to a form date counts once the form holds it). */
function deadlineCounts(deadline: NonNullable<ParallelStep['branches'][string]['deadline']>, parameters: Record<string, JsonValue>): boolean {
  const resolved = resolveDuration(deadline, parameters);
  if (!resolved) return false;
  const relative = resolved.before !== undefined || resolved.after !== undefined;
  const probe = relative ? { ...resolved, of: '/probe' } : resolved;
  return durationDue(probe, parameters, relative ? { probe: '2030-06-03' } : {}, new Date('2030-01-02T02:00:00Z'), probeCalendar) !== undefined;
}

/** Problems of the parallel steps of a shape-valid `def`; `levels` and `org` as the checker knows the org tree. */
export function parallelProblems(def: WorkflowDefinition, levels: readonly string[], org: OrgKindsSummary, formFields?: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const parameters = def.parameters ?? {};
  const owner = new Map<string, string>();
  const parallels = Object.entries(def.steps).filter((e): e is [string, ParallelStep] => e[1].type === 'parallel');
  // Branch assignees beside the chain are checked like task steps', each under an alias mapped back.
  const aliasSteps: Record<string, StepDefinition> = {};
  const aliases: [string, string][] = [];

  for (const [name, step] of parallels) {
    const sp = `/steps/${escape(name)}`;
    const branches = Object.entries(step.branches);
    if (name === def.initial) add(sp, '并行步骤不能作为起始步骤：须在申请提交后才能分送各部门。');
    if (typeof step.join === 'object' && step.join.count > branches.length) add(`${sp}/join/count`, `汇合所需的分支数 ${step.join.count} 超过分支总数 ${branches.length}：案件永远不会离开此步骤。`);
    const writer = new Map<string, string>();
    for (const [b, branch] of branches) {
      const bp = `${sp}/branches/${escape(b)}`;
      const first = owner.get(b);
      if (first !== undefined) add(bp, `分支名“${b}”已在步骤“${first}”中使用：分支名在整个流程中须唯一（路由条件按分支名读取结果）。`);
      else owner.set(b, name);
      // Sections this branch writes: those its form marks `write` and those its actions write.
      const written = new Set<string>(Object.entries(branch.form?.sections ?? {}).filter(([, p]) => p === 'write').map(([s]) => s));
      for (const a of Object.values(branch.actions)) for (const s of a.writes ?? []) written.add(s);
      for (const s of written) {
        const other = writer.get(s);
        if (other !== undefined) add(`${bp}/form/sections/${escape(s)}`, `数据分区“${s}”已由分支“${other}”填写：同一分区不能由两个分支同时填写（并行办理会互相覆盖）。`);
        else writer.set(s, b);
      }
      const level = branch.assignee.level;
      if (level !== undefined) {
        const resolved = resolveLevel(level, parameters);
        if (!resolved) add(`${bp}/assignee/level`, typeof level === 'string' ? '无效的层级。' : `参数“${level.param}”未定义或不是有效层级。`);
        else if (resolved === 'applicant') add(`${bp}/assignee/level`, '分支由部门审核，不能由申请人办理。');
        else if (!levels.includes(resolved)) add(`${bp}/assignee/level`, `组织架构中没有“${resolved}”层级，无法确定办理人。`);
      }
      const alias = `${name}\u0000${b}`;
      aliasSteps[alias] = { type: 'task', name: branch.name, assignee: branch.assignee, actions: {} } satisfies TaskStep;
      aliases.push([`/steps/${escape(alias)}`, bp]);
      if (branch.deadline && !deadlineCounts(branch.deadline, parameters)) add(`${bp}/deadline`, '期限无法计算：参数未定义，或其值不是一个有效期限（正整数天数、月数或 "MM-DD" 日期）。');
    }
  }
  if (aliases.length > 0) {
    for (const p of unitAssigneeProblems({ ...def, steps: aliasSteps }, org, formFields)) {
      const hit = aliases.find(([from]) => p.path === from || p.path.startsWith(`${from}/`));
      problems.push(hit ? { ...p, path: hit[1] + p.path.slice(hit[0].length) } : p);
    }
  }

  // Routes and guards read only branches that exist, and a step's own target only results its join can see.
  const shadow = withParallelStepsAsTasks(def);
  for (const [shadowPath, c] of conditionsOf(shadow.definition)) {
    const [{ path }] = shadow.restore([{ path: shadowPath, message: '' }]) as [DefinitionProblem];
    for (const [cp, bc] of branchConditionsIn(c, path)) {
      const stepName = owner.get(bc.branch);
      if (stepName === undefined) { add(`${cp}/branch`, `没有名为“${bc.branch}”的分支，不能按其结果路由。`); continue; }
      const step = def.steps[stepName] as ParallelStep;
      const ownTarget = `/steps/${escape(stepName)}/target/`;
      if (bc.result === 'rejected' && (step.onRefusal ?? 'end') === 'end' && path.startsWith(ownTarget)) add(`${cp}/result`, `步骤“${step.name}”的分支不予通过即结束本步骤 (onRefusal: end)：汇合时不会有“不予通过”的分支，此路由永远不会走到。`);
    }
  }
  return problems;
}
