/**
 * Checking an overlay (overlay.ts) against its base: first that it changes only what an overlay
 * may change (named fields, steps and parameters the base has, values of the base's kind, a
 * division code of a known province, and — given the org tree — a division in it); then the
 * merged definition with every check of {@link checkDefinition}. Every problem points into the
 * overlay file: a problem of the merged definition at a value the overlay set keeps its path (an
 * overlay mirrors the definition's layout); one elsewhere (a step whose duration reads a changed
 * parameter) is reported at the overlay's first change, naming the merged definition's path.
 */
import { checkDefinition, type FormFieldSummary, type OrgTreeSummary } from './checkDefinition.js';
import type { WorkflowCatalogue } from './checkStarters.js';
import type { ProcessModule } from '../process/processModule.js';
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { hasOwnEntry } from './ownEntry.js';
import { divisionKind } from '../org/divisionCodes.js';
import { assigneeOverlayFields, limitOverlayFields, mergeOverlay, overlayFields, stepOverlayFields, type DefinitionOverlay } from './overlay.js';

/** What the checks of an overlay read besides the overlay and its base. */
export interface OverlayCheckOptions {
  org?: OrgTreeSummary;
  form?: FormFieldSummary;
  process?: ProcessModule;
  catalogue?: WorkflowCatalogue;
  /** Whether the org tree holds the division; absent: only the code's form and province are checked. */
  divisionKnown?: (code: string) => boolean;
}

const escape = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const kindNames: Record<string, string> = { null: '空值', array: '数组', object: '对象', string: '字符串', number: '数值', boolean: '布尔值' };
const allowedTop = '只能更改 parameters（参数）、limit（总时限）和 steps 中各步骤的 deadline（办理期限）、duration（公示等等待期限）、assignee（办理层级与角色）';

/** The problems of the overlay's own shape against its base (nothing merged yet). */
export function overlayShapeProblems(overlay: unknown, base: WorkflowDefinition, divisionKnown?: (code: string) => boolean): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(overlay)) return [{ path: '/', message: '叠加规则必须是一个 JSON 对象。' }];
  for (const field of Object.keys(overlay)) if (!overlayFields.has(field)) add(`/${escape(field)}`, `叠加规则不能更改“${field}”：${allowedTop}，不能改变流程的步骤与走向。`);
  if (overlay.base !== base.key) add('/base', `叠加规则的基础流程 (base)“${String(overlay.base)}”与基础定义“${base.key}”不一致。`);
  if (typeof overlay.version !== 'number' || !Number.isInteger(overlay.version) || overlay.version < 1) add('/version', '叠加规则的版本 (version) 必须是正整数。');
  if (typeof overlay.division !== 'string' || !divisionKind(overlay.division)) add('/division', '行政区划代码 (division) 无效：应为省级（如 410000）、市级（如 410100）、县级 6 位或乡镇 9 位代码。');
  else if (divisionKnown && !divisionKnown(overlay.division)) add('/division', `组织架构中没有行政区划“${overlay.division}”，叠加规则不会适用于任何案件。`);
  for (const field of ['name', 'legalBasis']) if (hasOwnEntry(overlay, field) && typeof overlay[field] !== 'string') add(`/${field}`, `${field} 必须是字符串。`);

  if (hasOwnEntry(overlay, 'parameters')) {
    if (!isObject(overlay.parameters)) add('/parameters', '参数 (parameters) 必须是对象。');
    else for (const [name, value] of Object.entries(overlay.parameters)) {
      const path = `/parameters/${escape(name)}`;
      if (!hasOwnEntry(base.parameters, name)) add(path, `基础定义没有参数“${name}”：叠加规则只能更改已有参数的值。`);
      else if (kindOf(value) !== kindOf(base.parameters![name])) add(path, `参数“${name}”的值应为${kindNames[kindOf(base.parameters![name])]}，与基础定义一致。`);
    }
  }
  if (hasOwnEntry(overlay, 'limit')) {
    if (!isObject(overlay.limit)) add('/limit', '总时限 (limit) 必须是对象。');
    else for (const field of Object.keys(overlay.limit)) if (!limitOverlayFields.has(field)) add(`/limit/${escape(field)}`, '总时限中只能更改 workingDays、days、months、extendedWorkingDays 与 extended。');
  }
  if (hasOwnEntry(overlay, 'steps')) {
    if (!isObject(overlay.steps)) add('/steps', '步骤 (steps) 必须是对象。');
    else for (const [name, change] of Object.entries(overlay.steps)) {
      const sp = `/steps/${escape(name)}`;
      if (!hasOwnEntry(base.steps, name)) { add(sp, `基础定义没有步骤“${name}”：叠加规则不能增加步骤。`); continue; }
      if (!isObject(change)) { add(sp, '步骤的更改必须是对象。'); continue; }
      const step = base.steps[name]!;
      for (const field of Object.keys(change)) {
        const fp = `${sp}/${escape(field)}`;
        if (!stepOverlayFields.has(field)) add(fp, `叠加规则不能更改步骤的“${field}”：只能更改 deadline、duration 与 assignee（层级、角色）。`);
        else if (field === 'deadline' && step.type !== 'task') add(fp, `步骤“${step.name}”不是办理步骤 (task)，没有办理期限 (deadline)。`);
        else if (field === 'duration' && step.type !== 'timer') add(fp, `步骤“${step.name}”不是等待步骤 (timer)，没有等待期限 (duration)。`);
        else if (field === 'assignee') {
          if (step.type !== 'task') { add(fp, `步骤“${step.name}”不是办理步骤 (task)，没有办理人。`); continue; }
          if (!isObject(change.assignee)) { add(fp, '办理人的更改必须是对象。'); continue; }
          for (const key of Object.keys(change.assignee)) if (!assigneeOverlayFields.has(key)) add(`${fp}/${escape(key)}`, '只能更改办理人的层级 (level) 与角色 (role)。');
          if (hasOwnEntry(change.assignee, 'level') && step.assignee.level === undefined) add(`${fp}/level`, `步骤“${step.name}”的办理人不是按层级确定的，不能更改层级。`);
          if (hasOwnEntry(change.assignee, 'role') && typeof change.assignee.role !== 'string') add(`${fp}/role`, '角色 (role) 必须是字符串。');
        }
      }
    }
  }
  const changes = [...Object.keys(isObject(overlay.parameters) ? overlay.parameters : {}), ...Object.keys(isObject(overlay.limit) ? overlay.limit : {}), ...Object.keys(isObject(overlay.steps) ? overlay.steps : {})];
  if (problems.length === 0 && changes.length === 0) add('/', '叠加规则没有更改任何内容。');
  return problems;
}

/** The JSON pointers of the values the overlay sets, in file order: parameters, limit, steps. */
function changedPointers(overlay: DefinitionOverlay): string[] {
  const pointers: string[] = [];
  for (const name of Object.keys(overlay.parameters ?? {})) pointers.push(`/parameters/${escape(name)}`);
  for (const field of Object.keys(overlay.limit ?? {})) pointers.push(`/limit/${escape(field)}`);
  for (const [name, change] of Object.entries(overlay.steps ?? {})) for (const field of Object.keys(change)) pointers.push(`/steps/${escape(name)}/${escape(field)}`);
  return pointers;
}

/**
 * Checks an overlay with its base: its own shape, then the merged definition with every check of
 * `tongban check`. A base with problems of its own is reported as one problem at `/base`.
 */
export function checkOverlay(overlay: unknown, base: WorkflowDefinition, options: OverlayCheckOptions = {}): DefinitionProblem[] {
  const baseProblems = checkDefinition(base, options.org, options.form, options.process, options.catalogue);
  if (baseProblems.length > 0) return [{ path: '/base', message: `基础定义“${String(base.key)}”未通过检查（${baseProblems.length} 个问题），请先修正基础定义。` }];
  const shape = overlayShapeProblems(overlay, base, options.divisionKnown);
  if (shape.length > 0) return shape;
  const o = overlay as DefinitionOverlay;
  const changed = changedPointers(o);
  return checkDefinition(mergeOverlay(base, o), options.org, options.form, options.process, options.catalogue).map((p) => {
    const inOverlay = changed.some((q) => p.path === q || p.path.startsWith(`${q}/`) || q.startsWith(`${p.path}/`));
    return inOverlay ? p : { path: changed[0]!, message: `与基础定义合并后，${p.path || '/'}：${p.message}` };
  });
}
