/**
 * Checks what a definition's conditions name: every parameter they read exists and has the kind
 * the condition needs (a list for `in`, a number for a comparison or a share between 0 and 1),
 * and, when the form is known, every data path they read is a field of the form or a path an
 * effect of the definition writes.
 */
import type { ComparisonOperand, Condition, JsonValue, Route, Target, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';
import { childrenRouteConditions } from './childrenRoutes.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const routes = (t: Target | undefined): Route[] => (t === undefined ? [] : typeof t === 'string' ? [] : t);
const comparisonOps = ['gt', 'gte', 'lt', 'lte'] as const;
const isDateText = (v: JsonValue | undefined) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Every condition of the definition with its JSON path. */
export function conditionsOf(def: WorkflowDefinition): [string, Condition][] {
  const out: [string, Condition][] = [];
  const push = (path: string, c: Condition | undefined) => { if (c !== undefined) out.push([path, c]); };
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'choice') step.target.forEach((r, i) => push(`${sp}/target/${i}/when`, r.when));
    if (step.type === 'children') out.push(...childrenRouteConditions(sp, step));
    if (step.type === 'timer') {
      push(`${sp}/skipWhen`, step.skipWhen);
      routes(step.onElapsed).forEach((r, i) => push(`${sp}/onElapsed/${i}/when`, r.when));
    }
    if (step.type === 'task' || step.type === 'timer') {
      for (const [an, a] of Object.entries(step.actions ?? {})) {
        const ap = `${sp}/actions/${escape(an)}`;
        push(`${ap}/guard`, a.guard);
        routes(a.target).forEach((r, i) => push(`${ap}/target/${i}/when`, r.when));
      }
    }
  }
  (def.endsWhen ?? []).forEach((r, i) => push(`/endsWhen/${i}/when`, r.when));
  return out;
}

/** The data paths the definition's effects write (`args.path`): a condition may read them though the form lacks them. */
function effectWrittenPaths(def: WorkflowDefinition): string[] {
  const out: string[] = [];
  for (const step of Object.values(def.steps)) {
    const refs = [...(step.type !== 'choice' ? step.onEnter ?? [] : []), ...(step.type === 'task' || step.type === 'timer' ? Object.values(step.actions ?? {}).flatMap((a) => a.effects ?? []) : [])];
    for (const e of refs) if (typeof e.args?.path === 'string') out.push(e.args.path);
  }
  return out;
}

/** A data path as the form lists it: array indexes as `*`. */
const formPointer = (pointer: string) => pointer.split('/').map((part) => (/^\d+$/.test(part) ? '*' : part)).join('/');

/**
 * Problems with the parameters and paths the definition's conditions name. `formFields`: the
 * form's field pointers (`*` for array items); without it paths are not checked.
 */
export function conditionProblems(def: WorkflowDefinition, formFields?: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const parameters = def.parameters ?? {};
  const fields = formFields ? new Set(formFields) : undefined;
  const add = (path: string, message: string) => problems.push({ path, message });
  const param = (name: string, at: string): JsonValue | undefined => {
    if (!hasOwnEntry(parameters, name)) { add(at, `参数“${name}”未定义。`); return undefined; }
    return ownEntry(parameters, name);
  };
  const written = effectWrittenPaths(def);
  const field = (pointer: string, at: string) => {
    if (!fields || fields.has(pointer) || fields.has(formPointer(pointer))) return;
    if (written.some((w) => w === pointer || pointer.startsWith(`${w}/`))) return;
    add(at, `表单中没有字段“${pointer}”。`);
  };
  const operand = (o: ComparisonOperand, at: string) => {
    if (typeof o === 'number') return;
    if ('path' in o) return field(o.path, `${at}/path`);
    const value = param(o.param, `${at}/param`);
    if (value !== undefined && typeof value !== 'number' && !isDateText(value)) add(`${at}/param`, `参数“${o.param}”不是数字或日期，不能比较。`);
  };
  const visit = (c: Condition, at: string): void => {
    if ('all' in c) return c.all.forEach((x, i) => visit(x, `${at}/all/${i}`));
    if ('any' in c) return c.any.forEach((x, i) => visit(x, `${at}/any/${i}`));
    if ('not' in c) return visit(c.not, `${at}/not`);
    if ('sample' in c) {
      const share = c.sample.share;
      if (typeof share === 'number') return;
      const value = param(share.param, `${at}/sample/share/param`);
      if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) add(`${at}/sample/share/param`, `参数“${share.param}”须为 0 到 1 之间的数字（抽样比例）。`);
      return;
    }
    if ('path' in c) field(c.path, `${at}/path`);
    if ('age' in c && 'of' in c.age) field(c.age.of, `${at}/age/of`);
    if ('daysBetween' in c) c.daysBetween.forEach((p, i) => field(p, `${at}/daysBetween/${i}`));
    if ('daysUntil' in c) field(c.daysUntil, `${at}/daysUntil`);
    if ('daysSince' in c) field(c.daysSince, `${at}/daysSince`);
    if ('in' in c && !('subjectFact' in c) && !Array.isArray(c.in)) {
      const value = param(c.in.param, `${at}/in/param`);
      if (value !== undefined && !Array.isArray(value)) add(`${at}/in/param`, `参数“${c.in.param}”不是列表，不能用于“in”。`);
    }
    for (const op of comparisonOps) if (op in c) operand((c as unknown as Record<typeof op, ComparisonOperand>)[op], `${at}/${op}`);
  };
  for (const [path, c] of conditionsOf(def)) visit(c, path);
  return problems;
}
