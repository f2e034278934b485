/**
 * Static checks of a well-formed definition: every step reachable from the start, every
 * non-final step with a way out, every target defined, every assignee resolvable in the org
 * tree, every named guard and effect implemented, and per-step deadlines that fit the overall
 * statutory limit; panels that can reach their quorum and routes on results they can come to.
 */
import { verbRuleProblems } from './stepVerbs.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import type { ProcessModule } from '../process/processModule.js';
import { implementationsOf, processModuleProblems } from '../process/processImplementations.js';
import { unimplementedNames } from '../process/unimplementedNames.js';
import type { AssigneeLevel, Duration, EffectRef, JsonValue, Parameterised, Route, StepDefinition, Target, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { validateDefinition } from './validateDefinition.js';
import { withParallelStepsAsTasks } from './parallelShadow.js';
import { parallelProblems } from './parallelProblems.js';
import { starterProblems, type WorkflowCatalogue } from './checkStarters.js';
import { scheduleProblems } from '../schedule/scheduleProblems.js';
import { unitAssigneeProblems, type OrgKindsSummary } from './checkUnitAssignees.js';
import { hasOwnEntry } from './ownEntry.js';
import { panelProblems } from './panelProblems.js';
import { decisionProblems } from './decisionProblems.js';
import { graphProblems } from './graphProblems.js';
import { limitChainProblems } from './limitChainProblems.js';
import { returnTargetProblems } from './returnTargetProblems.js';
import { formSectionProblems } from './formSectionProblems.js';
import { declaresExtension, extendedLimit } from './overallLimit.js';
import { deadlineProblems, timeoutExits } from './deadlineProblems.js';
import { conditionProblems } from './conditionProblems.js';
import { durationParameterProblems } from './durationParameterProblems.js';
import { conditionReferenceProblems } from './conditionReferenceProblems.js';
import { relativeFilingFlag } from '../runtime/recusal.js';
import { durationDue, resolveDuration } from '../calendar/durationDue.js';
import { createWorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { childrenExits } from './childrenRoutes.js';
import { externalCheckFormProblems } from './validateExternalCheck.js';
import { childrenProblems } from './childrenProblems.js';
import { endsWhenExits, endsWhenProblems } from './validateEndsWhen.js';

/** Whether the runtime can count `duration` with these parameters (a task's deadline relative to a form date counts once the form holds the date). */
function countsWithoutData(duration: Parameterised<Duration>, relativeAllowed: boolean, parameters: Record<string, JsonValue>, seen: Map<string, boolean>): boolean {
  const key = `${relativeAllowed}${JSON.stringify(duration)}`;
  let counts = seen.get(key);
  if (counts === undefined) seen.set(key, (counts = countsOnProbe(duration, relativeAllowed, parameters)));
  return counts;
}
function countsOnProbe(duration: Parameterised<Duration>, relativeAllowed: boolean, parameters: Record<string, JsonValue>): boolean {
  const resolved = resolveDuration(duration, parameters);
  if (!resolved) return false;
  const relative = resolved.before !== undefined || resolved.after !== undefined;
  if (relative && !relativeAllowed) return false;
  const data: Record<string, JsonValue> = relative ? { probe: '2030-06-03' } : {};
  const probe = relative ? { ...resolved, of: '/probe' } : resolved;
  return durationDue(probe, parameters, data, new Date('2030-01-02T02:00:00Z'), probeCalendar) !== undefined;
}
const probeCalendar = createWorkingCalendar();

/**
 * The levels the org tree has (default: village, township and county all exist), and what it holds
 * beside the chain (unit kinds, pool sizes) when known.
 */
export interface OrgTreeSummary extends OrgKindsSummary {
  levels: AssigneeLevel[];
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [{ target: t }] : t);

/** Every exit of a step: [JSON path of the target, target step]. */
function exitsOf(name: string, step: StepDefinition): [string, string][] {
  const sp = `/steps/${escape(name)}`;
  const out: [string, string][] = [];
  if (step.type === 'choice') routes(step.target).forEach((r, i) => out.push([`${sp}/target/${i}/target`, r.target]));
  if (step.type === 'timer') routes(step.onElapsed).forEach((r, i) => out.push([typeof step.onElapsed === 'string' ? `${sp}/onElapsed` : `${sp}/onElapsed/${i}/target`, r.target]));
  if (step.type === 'children') out.push(...childrenExits(sp, step));
  if (step.type === 'task' || step.type === 'timer') {
    for (const [an, a] of Object.entries(step.actions ?? {})) {
      const ap = `${sp}/actions/${escape(an)}`;
      routes(a.target).forEach((r, i) => out.push([typeof a.target === 'string' ? `${ap}/target` : `${ap}/target/${i}/target`, r.target]));
      (a.returnTo ?? []).forEach((t, i) => out.push([`${ap}/returnTo/${i}`, t]));
    }
  }
  return out;
}

/** The fields of the process's form, for the paths a definition names (reveals). */
export interface FormFieldSummary {
  /** Every field's JSON pointer, `*` for array items (`/household/members/*\/idNumber`). */
  fields: string[];
  /** The pointers of the sensitive fields (marked `x-mask`). */
  sensitive: string[];
}

/**
 * Runs the static checks; returns every problem (shape problems first, if any). With `form`, the
 * fields a step lets its worker reveal must be sensitive fields of the form. Guard, effect and
 * resolver names must be built in or registered by `process`, the definition's process module (its
 * own problems are reported under `/process…`). With `catalogue` (the other definitions by key), a
 * child process a definition starts must exist and name it among its parent starters.
 */
export function checkDefinition(input: WorkflowDefinition, org: OrgTreeSummary = { levels: ['village', 'township', 'county'] }, form?: FormFieldSummary, process?: ProcessModule, catalogue?: WorkflowCatalogue): DefinitionProblem[] {
  const shape = validateDefinition(input);
  if (shape.length > 0) return shape;
  // Parallel steps: the checks below see them through task stand-ins (parallelShadow.ts); their own checks come last.
  const shadow = withParallelStepsAsTasks(input);
  const def = shadow.definition;
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const steps = def.steps;
  const parameters = def.parameters ?? {};

  // Targets and reachability.
  const edges = new Map<string, string[]>();
  /** Exits other than returns, to defined steps (for the limit and return checks). */
  const forwardEdges = new Map<string, string[]>();
  for (const [name, step] of Object.entries(steps)) {
    // A deadline's timeout route is an exit too (deadlineProblems.ts).
    const exits = [...exitsOf(name, step), ...timeoutExits(def, name)];
    // A change of the subject's facts may end the case from any step it rests in (validateEndsWhen.ts).
    edges.set(name, [...exits, ...endsWhenExits(def, name)].map(([, t]) => t));
    forwardEdges.set(name, exits.filter(([p, t]) => !p.includes('/returnTo/') && hasOwnEntry(steps, t)).map(([, t]) => t));
    for (const [path, target] of exits) if (!hasOwnEntry(steps, target)) add(path, `目标步骤“${target}”未定义。`);
    if (step.type !== 'final' && exits.length === 0) add(`/steps/${escape(name)}`, `步骤“${step.name}”没有出口：案件会停在这里（死路）。`);
    if (step.type === 'choice' || step.type === 'task' || step.type === 'timer') {
      const lists: [string, Route[]][] = step.type === 'choice' ? [[`/steps/${escape(name)}/target`, step.target]] : [];
      if (step.type !== 'choice') for (const [an, a] of Object.entries(step.actions ?? {})) if (Array.isArray(a.target)) lists.push([`/steps/${escape(name)}/actions/${escape(an)}/target`, a.target]);
      for (const [path, list] of lists) list.forEach((r, i) => { if (!r.when && i !== list.length - 1) add(`${path}/${i}`, '无条件的默认路由必须放在最后。'); });
    }
  }
  const seen = new Set<string>([def.initial]);
  const queue = [def.initial];
  while (queue.length) for (const t of edges.get(queue.shift()!) ?? []) if (hasOwnEntry(steps, t) && !seen.has(t)) { seen.add(t); queue.push(t); }
  for (const [name, step] of Object.entries(steps)) if (!seen.has(name)) add(`/steps/${escape(name)}`, `步骤“${step.name}”从起始步骤无法到达。`);
  // Cycles with no exit, choice steps that would route forever or stop (graphProblems.ts).
  problems.push(...graphProblems(def, edges, seen));
  problems.push(...endsWhenProblems(def));
  // Timers counting through a parameter that is missing or holds no positive count (durationParameterProblems.ts).
  const timerDurationProblems = durationParameterProblems(def);
  problems.push(...timerDurationProblems);

  // Assignees, extensions; then guard, effect and resolver names against the implementations.
  const durationsCounted = new Map<string, boolean>();
  for (const [name, step] of Object.entries(steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'task' && step.assignee.level !== undefined) {
      const level = resolveLevel(step.assignee.level, parameters);
      if (!level) add(`${sp}/assignee/level`, typeof step.assignee.level === 'string' ? '无效的层级。' : `参数“${step.assignee.level.param}”未定义或不是有效层级。`);
      else if (level !== 'applicant' && !org.levels.includes(level)) add(`${sp}/assignee/level`, `组织架构中没有“${level}”层级，无法确定办理人。`);
    }
    const duration = step.type === 'task' ? step.deadline : step.type === 'timer' ? step.duration : undefined;
    const durationPath = step.type === 'task' ? `${sp}/deadline` : `${sp}/duration`;
    // What durationParameterProblems does not already report: task deadlines, yearly dates and form-relative timers.
    const reported = timerDurationProblems.some((p) => p.path === durationPath || p.path.startsWith(`${durationPath}/`));
    if (duration && !reported && !countsWithoutData(duration, step.type === 'task', parameters, durationsCounted)) add(durationPath, '期限无法计算：参数未定义，或其值不是一个有效期限（正整数天数、月数或 "MM-DD" 日期；等待步骤不能相对于表单日期）。');
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        if (a.kind === 'extend' && !declaresExtension(def.limit)) add(`${sp}/actions/${escape(an)}`, '流程没有规定延长后的时限 (limit.extendedWorkingDays 或 limit.extended)，不能设置延长操作。');
      }
    }
    // A document is issued in the name of the township or the county, never of a village or the applicant.
    const effectLists: [string, EffectRef[] | undefined][] = step.type === 'choice' ? [] : [[`${sp}/onEnter`, step.onEnter]];
    if (step.type === 'task' || step.type === 'timer') for (const [an, a] of Object.entries(step.actions ?? {})) effectLists.push([`${sp}/actions/${escape(an)}/effects`, a.effects]);
    for (const [path, list] of effectLists) {
      (list ?? []).forEach((e, i) => {
        const issuer = e.effect === 'renderDocument' ? e.args?.issuer : undefined;
        if (issuer === undefined) return;
        const level = typeof issuer === 'string' || (issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) && typeof issuer.param === 'string') ? resolveLevel(issuer as Parameterised<AssigneeLevel>, parameters) : undefined;
        if (level !== 'township' && level !== 'county') add(`${path}/${i}/args/issuer`, '出具文书的机关 (issuer) 必须是 township、county，或值为其一的 {"param": "名称"}。');
      });
    }
  }
  // Deadlines that act: reminders, overdue actions, phases, the stopping clock (deadlineProblems.ts).
  problems.push(...deadlineProblems(def));
  // Panels: quorum reachable, results routed, routes on results that can occur (panelProblems.ts).
  problems.push(...panelProblems(def, parameters));
  problems.push(...unitAssigneeProblems(def, org, form?.fields));
  // Decision items and milestones: declared, settable where read, with notices (decisionProblems.ts).
  problems.push(...decisionProblems(def));
  // Task verbs: what the language allows of their declarations (stepVerbs.ts).
  problems.push(...verbRuleProblems(def, (step) => (step.type === 'task' && step.assignee.level !== undefined ? resolveLevel(step.assignee.level, parameters) : undefined), org.levels));

  const moduleProblems = process ? processModuleProblems(process, def.key) : [];
  for (const p of moduleProblems) add(`/process${p.path}`, p.message);
  problems.push(...unimplementedNames(def, implementationsOf(moduleProblems.length === 0 ? process : undefined)));

  // Flags some effect raises (conditionReferenceProblems.ts).
  problems.push(...conditionReferenceProblems(def, [relativeFilingFlag], Object.keys(process?.effects ?? {}).length > 0));

  // Starters, subject and links (checkStarters.ts).
  problems.push(...starterProblems(def, org.levels, form?.fields, catalogue));
  // Recurring schedules (schedule/scheduleProblems.ts).
  problems.push(...scheduleProblems(def, form?.fields));

  // Children steps: their routes, counts, child processes and the processes they start in turn (childrenProblems.ts).
  problems.push(...childrenProblems(def, form?.fields, catalogue));
  // External checks (信息核对) send only fields the form has (validateExternalCheck.ts).
  if (form) problems.push(...externalCheckFormProblems(def.steps, new Set(form.fields)));

  // Conditions name defined parameters of the right kind and, when the form is known, its fields.
  problems.push(...conditionProblems(def, form?.fields));

  // Sections shown and written (task and timer steps) exist in the form (formSectionProblems.ts).
  if (form) problems.push(...formSectionProblems(def, form.fields));

  // Reveals name sensitive fields of the form.
  if (form) {
    const fields = new Set(form.fields);
    const sensitive = new Set(form.sensitive);
    for (const [name, step] of Object.entries(steps)) {
      if (step.type !== 'task') continue;
      (step.form?.reveal ?? []).forEach((pointer, i) => {
        const path = `/steps/${escape(name)}/form/reveal/${i}`;
        if (!fields.has(pointer)) add(path, `表单中没有字段“${pointer}”。`);
        else if (!sensitive.has(pointer)) add(path, `字段“${pointer}”不是敏感字段（未标注 x-mask），无需揭示。`);
      });
    }
  }

  // Deadlines against the overall limit on every branch, in any unit (limitChainProblems.ts); an extension that can be counted.
  const forward = (n: string): string[] => forwardEdges.get(n) ?? [];
  problems.push(...limitChainProblems(def, forward));
  // Returns go to a step before the returning one (returnTargetProblems.ts).
  problems.push(...returnTargetProblems(def, forward));
  if (declaresExtension(def.limit) && !extendedLimit(def.limit, parameters)) add(def.limit?.extended !== undefined ? '/limit/extended' : '/limit/extendedWorkingDays', '延长后的时限参数未定义，或其值不是正整数 / {"days": n} 之类的时限。');
  // A branch's assignee is seen both by the stand-in's checks and by parallelProblems: each problem once.
  const all = [...shadow.restore(problems), ...parallelProblems(input, org.levels, org, form?.fields)];
  const seenProblems = new Set<string>();
  return all.filter((p) => { const k = `${p.path}\n${p.message}`; if (seenProblems.has(k)) return false; seenProblems.add(k); return true; });
}
