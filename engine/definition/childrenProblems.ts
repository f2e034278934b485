/**
 * Static checks of `children` steps (part of {@link checkDefinition}): what would leave a parent
 * waiting forever, route nowhere or start cases without end is refused first — a children step as
 * the first step, a wait for more children than the step starts, routes without a default last,
 * a count parameter that is missing, a child process that is the process itself, unknown or that
 * does not name it as parent (with the catalogue), processes that start each other in a cycle
 * (with the catalogue), conditions on children of a step that starts none, and, with the form,
 * arrays and data paths the form lacks.
 */
import type { ChildrenStep, Condition, EffectRef, JsonValue, Route, Target, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import type { WorkflowCatalogue } from './checkStarters.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';
import { conditionsOf } from './conditionProblems.js';
import { startersOf } from '../runtime/starters.js';
import { durationDue, resolveDuration } from '../calendar/durationDue.js';
import { createWorkingCalendar } from '../calendar/createWorkingCalendar.js';

const probeCalendar = createWorkingCalendar();

/** Whether a children step's deadline can be counted with these parameters (one relative to a form date, given a date). */
function deadlineCounts(deadline: NonNullable<ChildrenStep['deadline']>, parameters: Record<string, JsonValue>): boolean {
  const resolved = resolveDuration(deadline, parameters);
  if (!resolved) return false;
  const relative = resolved.before !== undefined || resolved.after !== undefined;
  const probe = relative ? { ...resolved, of: '/probe' } : resolved;
  return durationDue(probe, parameters, relative ? { probe: '2030-06-03' } : {}, new Date('2030-01-02T02:00:00Z'), probeCalendar) !== undefined;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const formPointer = (pointer: string) => pointer.split('/').map((part) => (/^\d+$/.test(part) ? '*' : part)).join('/');

/** The process keys a definition's steps start as children (children steps and `startChildCase` effects). */
function startedProcesses(steps: WorkflowDefinition['steps'] | undefined): string[] {
  const out = new Set<string>();
  for (const step of Object.values(steps ?? {})) {
    if (step.type === 'children') for (const spec of step.start) out.add(spec.workflow);
    const refs: EffectRef[] = [...(step.type !== 'choice' ? step.onEnter ?? [] : []), ...(step.type === 'task' || step.type === 'timer' ? Object.values(step.actions ?? {}).flatMap((a) => a.effects ?? []) : [])];
    for (const e of refs) if (e.effect === 'startChildCase' && typeof e.args?.workflow === 'string') out.add(e.args.workflow);
  }
  return [...out];
}

/** A chain of processes from `from` back to `key` through the catalogue (each starts the next), or undefined. */
function cycleBack(key: string, from: string, catalogue: WorkflowCatalogue): string[] | undefined {
  const cameFrom = new Map<string, string>([[from, key]]);
  const queue = [from];
  while (queue.length) {
    const current = queue.shift()!;
    for (const next of startedProcesses(current === key ? undefined : catalogue.get(current)?.steps)) {
      if (next === key) {
        const chain: string[] = [];
        for (let at: string | undefined = current; at !== undefined && at !== key; at = cameFrom.get(at)) chain.unshift(at);
        return [key, ...chain, key];
      }
      if (!cameFrom.has(next)) { cameFrom.set(next, current); queue.push(next); }
    }
  }
  return undefined;
}

/** The leaves of a condition that name children, with their paths (without recursion). */
function childLeaves(root: Condition, rootPath: string): [string, Extract<Condition, { children: string }>][] {
  const out: [string, Extract<Condition, { children: string }>][] = [];
  const stack: [string, Condition][] = [[rootPath, root]];
  while (stack.length) {
    const [path, c] = stack.pop()!;
    if ('all' in c) c.all.forEach((x, i) => stack.push([`${path}/all/${i}`, x]));
    else if ('any' in c) c.any.forEach((x, i) => stack.push([`${path}/any/${i}`, x]));
    else if ('not' in c) stack.push([`${path}/not`, c.not]);
    else if ('children' in c) out.push([path, c]);
  }
  return out;
}

/** How many children the step starts whatever the data, or undefined when one spec starts one per item. */
const fixedCount = (step: ChildrenStep): number | undefined => (step.start.some((s) => s.forEach !== undefined) ? undefined : step.start.length);

/** Problems of the children steps of a shape-valid definition. */
export function childrenProblems(def: WorkflowDefinition, formFields?: readonly string[], catalogue?: WorkflowCatalogue): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const parameters = def.parameters ?? {};
  const fields = formFields ? new Set(formFields) : undefined;

  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type !== 'children') continue;
    const sp = `/steps/${escape(name)}`;
    if (name === def.initial) add('/initial', `起始步骤不能是等待子案件的步骤“${step.name}”：立案时还没有发起子案件所需的数据。`);

    // Every outcome must have somewhere to go: a route list ends with its default, and only there.
    const lists: [string, Target | undefined][] = [[`${sp}/onSettled`, step.onSettled], [`${sp}/onTimeout`, step.onTimeout]];
    for (const [path, target] of lists) {
      if (!Array.isArray(target)) continue;
      const list: Route[] = target;
      list.forEach((r, i) => { if (!r.when && i !== list.length - 1) add(`${path}/${i}`, '无条件的默认路由必须放在最后。'); });
      const last = list[list.length - 1];
      if (last?.when) add(`${path}/${list.length - 1}`, '路由须以无条件的默认路由结尾：否则子案件的某些结果会使案件无处可去。');
    }

    // The count waited for: a positive whole number the step can reach.
    const fixed = fixedCount(step);
    if (typeof step.wait === 'object') {
      const raw = typeof step.wait.count === 'number' ? step.wait.count : ownEntry(parameters, step.wait.count.param);
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) add(`${sp}/wait/count`, `参数“${typeof step.wait.count === 'object' ? step.wait.count.param : ''}”未定义或不是正整数。`);
      else if (fixed !== undefined && raw > fixed) add(`${sp}/wait/count`, `等待 ${raw} 个子案件办结，但此步骤只发起 ${fixed} 个：案件会一直等待。`);
    }

    if (step.deadline && !deadlineCounts(step.deadline, parameters)) add(`${sp}/deadline`, '期限无法计算：参数未定义，或其值不是一个有效期限（正整数天数、月数或 "MM-DD" 日期）。');

    step.start.forEach((spec, i) => {
      const at = `${sp}/start/${i}`;
      if (spec.workflow === def.key) add(`${at}/workflow`, '流程不能发起自身的案件作为子案件（会无限循环）。');
      else if (catalogue) {
        const known = catalogue.get(spec.workflow);
        if (!known) add(`${at}/workflow`, `没有流程“${spec.workflow}”，不能发起其子案件。`);
        else if (!startersOf(known as WorkflowDefinition).some((s) => s.kind === 'parent' && s.workflows.includes(def.key))) add(`${at}/workflow`, `流程“${spec.workflow}”没有声明可由“${def.key}”的案件发起 (starters 中的 parent)。`);
        else {
          const cycle = cycleBack(def.key, spec.workflow, catalogue);
          if (cycle) add(`${at}/workflow`, `流程之间相互发起子案件，形成循环：${cycle.join(' → ')}。`);
        }
      }
      if (fields) {
        if (spec.forEach !== undefined && !fields.has(formPointer(spec.forEach))) add(`${at}/forEach`, `表单中没有数组字段“${spec.forEach}”。`);
        for (const [to, from] of Object.entries(spec.pass ?? {})) if (!fields.has(formPointer(from))) add(`${at}/pass/${escape(to)}`, `表单中没有字段“${from}”。`);
        if (spec.forEach !== undefined) {
          for (const [to, from] of Object.entries(spec.passItem ?? {})) if (from !== '' && !fields.has(formPointer(`${spec.forEach}/*${from}`))) add(`${at}/passItem/${escape(to)}`, `表单中“${spec.forEach}”的条目没有字段“${from}”。`);
        }
      }
    });
  }

  // Conditions on children name a children step, and ask for no more children than it starts.
  for (const [root, condition] of conditionsOf(def)) {
    for (const [path, c] of childLeaves(condition, root)) {
      const step = hasOwnEntry(def.steps, c.children) ? def.steps[c.children] : undefined;
      if (!step || step.type !== 'children') { add(`${path}/children`, `步骤“${c.children}”不是等待子案件的步骤 (children)。`); continue; }
      const fixed = fixedCount(step);
      if (fixed !== undefined && typeof c.count === 'object' && c.count.atLeast > fixed) add(`${path}/count/atLeast`, `步骤“${step.name}”只发起 ${fixed} 个子案件，此条件永远不成立。`);
    }
  }
  return problems;
}
