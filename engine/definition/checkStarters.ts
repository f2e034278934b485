/**
 * Static checks of starters, subjects and links (part of {@link checkDefinition}): every declared
 * starter can be resolved (an officer level the org tree has, a case about a subject for an officer
 * to start, no process its own parent, a parent process that names this one), subject facts are
 * read and written only by a process whose cases have a subject, and the subject's fields are
 * fields of the form.
 */
import type { Condition, EffectRef, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { factPathPattern } from '../conditions/subjectFacts.js';
import { startersOf } from '../runtime/starters.js';
import { childrenRouteConditions } from './childrenRoutes.js';

/** Other definitions the checked one links to (by key): for a child process, its `starters`. */
export type WorkflowCatalogue = ReadonlyMap<string, Pick<WorkflowDefinition, 'key' | 'starters'> & Partial<Pick<WorkflowDefinition, 'steps'>>>;

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function conditionsWithFacts(c: Condition | undefined, path: string, out: [string, string][]): void {
  if (!c) return;
  if ('all' in c) c.all.forEach((x, i) => conditionsWithFacts(x, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => conditionsWithFacts(x, `${path}/any/${i}`, out));
  else if ('not' in c) conditionsWithFacts(c.not, `${path}/not`, out);
  else if ('subjectFact' in c) out.push([`${path}/subjectFact`, c.subjectFact]);
  else if ('age' in c && 'fact' in c.age) out.push([`${path}/age/fact`, c.age.fact]);
}

/** Every effect reference of a definition with its JSON path. */
function effectRefs(def: WorkflowDefinition): [string, EffectRef][] {
  const out: [string, EffectRef][] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type !== 'choice') (step.onEnter ?? []).forEach((e, i) => out.push([`${sp}/onEnter/${i}`, e]));
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) (a.effects ?? []).forEach((e, i) => out.push([`${sp}/actions/${escape(an)}/effects/${i}`, e]));
    }
  }
  return out;
}

/** The fact conditions of a definition with their JSON paths. */
function factConditions(def: WorkflowDefinition): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'choice') step.target.forEach((r, i) => conditionsWithFacts(r.when, `${sp}/target/${i}/when`, out));
    if (step.type === 'timer') conditionsWithFacts(step.skipWhen, `${sp}/skipWhen`, out);
    if (step.type === 'children') for (const [path, c] of childrenRouteConditions(sp, step)) conditionsWithFacts(c, path, out);
    if (step.type === 'timer' && Array.isArray(step.onElapsed)) step.onElapsed.forEach((r, i) => conditionsWithFacts(r.when, `${sp}/onElapsed/${i}/when`, out));
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        conditionsWithFacts(a.guard, `${sp}/actions/${escape(an)}/guard`, out);
        if (Array.isArray(a.target)) a.target.forEach((r, i) => conditionsWithFacts(r.when, `${sp}/actions/${escape(an)}/target/${i}/when`, out));
      }
    }
  }
  return out;
}

/**
 * Problems of the starters, subject and links of a well-formed definition. `levels` are the org
 * tree's levels; `formFields` the form's field pointers (when known); `catalogue` the other
 * published or loaded definitions (when known), to check the children this one starts.
 */
export function starterProblems(def: WorkflowDefinition, levels: readonly string[], formFields?: readonly string[], catalogue?: WorkflowCatalogue): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const starters = startersOf(def);
  // A case has a subject when the definition says what it is about, or its starter (or a schedule) brings one.
  const hasSubject = def.subject !== undefined || starters.some((s) => s.kind === 'organisation' || s.kind === 'parent') || Object.keys(def.schedules ?? {}).length > 0;

  starters.forEach((s, i) => {
    const sp = `/starters/${i}`;
    if (s.kind === 'officer') {
      if (!levels.includes(s.level)) add(`${sp}/level`, `组织架构中没有“${s.level}”层级，没有人能发起此事项。`);
      // Without a subject, an officer's case is about no one: a programme of their own area (a call for projects).
    }
    if (s.kind === 'organisation' && def.subject && def.subject.kind !== 'organisation') add(sp, '组织账号发起的案件，其对象须为组织 (subject.kind = organisation)。');
    if (s.kind === 'proxy' && def.subject?.kind === 'organisation') add(sp, '代办只能为居民申请，而此事项的对象是组织。');
    if (s.kind === 'parent' && s.workflows.includes(def.key)) add(`${sp}/workflows`, '流程不能由自身的案件发起（会无限循环）。');
  });
  if (def.subject?.kind === 'person' && starters.some((s) => s.kind === 'proxy') && !def.subject.idNumber) {
    add('/subject', '代办没有账号的居民须以身份证号确定对象：请写明 subject.idNumber。');
  }
  if (formFields && def.subject) {
    const fields = new Set(formFields);
    for (const field of ['idNumber', 'creditCode', 'name'] as const) {
      const pointer = def.subject[field];
      if (pointer !== undefined && !fields.has(pointer)) add(`/subject/${field}`, `表单中没有字段“${pointer}”。`);
    }
  }

  if (!hasSubject) for (const [path, fact] of factConditions(def)) add(path, `案件没有对象 (subject)，不能读取对象事实“${fact}”。`);
  for (const [path, ref] of effectRefs(def)) {
    const args = ref.args ?? {};
    if (ref.effect === 'setSubjectFact') {
      if (!hasSubject) add(`${path}/effect`, '案件没有对象 (subject)，不能设置对象事实。');
      if (typeof args.fact !== 'string' || !factPathPattern.test(args.fact)) add(`${path}/args/fact`, '须写明以点分隔的事实名称，如 "assistance.since"。');
      const sources = ['value', 'from', 'today'].filter((k) => args[k] !== undefined);
      if (sources.length !== 1) add(`${path}/args`, '须恰好给出 value、from（数据路径）或 today: true 之一。');
      if (args.from !== undefined && (typeof args.from !== 'string' || !args.from.startsWith('/'))) add(`${path}/args/from`, '须为数据路径 (JSON Pointer)。');
      if (args.today !== undefined && args.today !== true) add(`${path}/args/today`, '“today” 只能是 true。');
    }
    if (ref.effect === 'setData' && args.fromFact !== undefined) {
      if (!hasSubject) add(`${path}/args/fromFact`, '案件没有对象 (subject)，不能读取对象事实。');
      if (typeof args.fromFact !== 'string' || !factPathPattern.test(args.fromFact)) add(`${path}/args/fromFact`, '须写明以点分隔的事实名称，如 "assistance.since"。');
      if (args.value !== undefined) add(`${path}/args`, '须恰好给出 value 或 fromFact（对象事实）之一。');
    }
    if (ref.effect === 'startChildCase') {
      const child = args.workflow;
      if (typeof child !== 'string' || child === '') { add(`${path}/args/workflow`, '须写明要发起的子流程标识 (workflow)。'); continue; }
      if (child === def.key) add(`${path}/args/workflow`, '流程不能发起自身的案件作为子案件（会无限循环）。');
      if (args.pass !== undefined && (args.pass === null || typeof args.pass !== 'object' || Array.isArray(args.pass) || !Object.entries(args.pass).every(([k, v]) => k.startsWith('/') && typeof v === 'string' && v.startsWith('/')))) {
        add(`${path}/args/pass`, '“pass” 须为 {"子案件数据路径": "本案数据路径"}。');
      }
      if (catalogue) {
        const known = catalogue.get(child);
        if (!known) add(`${path}/args/workflow`, `没有流程“${child}”，不能发起其子案件。`);
        else if (!startersOf(known as WorkflowDefinition).some((s) => s.kind === 'parent' && s.workflows.includes(def.key))) add(`${path}/args/workflow`, `流程“${child}”没有声明可由“${def.key}”的案件发起 (starters 中的 parent)。`);
      }
    }
  }
  return problems;
}
