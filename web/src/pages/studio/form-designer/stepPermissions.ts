/**
 * The per-step form settings of a definition as the permissions grid edits them: each task step
 * (and each branch of a parallel step) lists the form sections it shows with their permission in
 * `form.sections`; a section it does not list is hidden. Setting `hidden` removes the entry, so a
 * definition never says the same thing two ways; the step's `reveal` list is left as it is.
 */
import type { JsonObject } from '../../../../../engine/index.js';

/** A permission a step gives a section. */
export type SectionPermission = 'write' | 'read' | 'masked' | 'hidden';

/** The permissions, in the order the grid offers them. */
export const sectionPermissions: readonly SectionPermission[] = ['write', 'read', 'masked', 'hidden'];

/** A column of the grid: a task step, or a branch of a parallel step. */
export interface PermissionColumn {
  /** `<step>` or `<step>/<branch>`. */
  id: string;
  step: string;
  branch?: string;
  /** The step's name (and the branch's). */
  label: string;
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: JsonObject, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

/** The steps of a definition that show the form: task steps and the branches of parallel steps. */
export function permissionColumns(definition: JsonObject): PermissionColumn[] {
  const steps = own(definition, 'steps');
  if (!isObject(steps)) return [];
  const columns: PermissionColumn[] = [];
  for (const [step, s] of Object.entries(steps)) {
    if (!isObject(s)) continue;
    const name = typeof s.name === 'string' ? s.name : step;
    if (s.type === 'task') columns.push({ id: step, step, label: name });
    const branches = own(s, 'branches');
    if (s.type === 'parallel' && isObject(branches)) {
      for (const [branch, b] of Object.entries(branches)) if (isObject(b)) columns.push({ id: `${step}/${branch}`, step, branch, label: `${name} · ${typeof b.name === 'string' ? b.name : branch}` });
    }
  }
  return columns;
}

/** The object that holds a column's `form` (the step, or its branch). */
function holder(definition: JsonObject, column: PermissionColumn): JsonObject | undefined {
  const step = (own(definition, 'steps') as JsonObject | undefined)?.[column.step];
  if (!isObject(step)) return undefined;
  if (column.branch === undefined) return step;
  const branch = (own(step, 'branches') as JsonObject | undefined)?.[column.branch];
  return isObject(branch) ? branch : undefined;
}

/** The permission a column gives a section (`hidden` when not listed). */
export function permissionOf(definition: JsonObject, column: PermissionColumn, section: string): SectionPermission {
  const form = holder(definition, column)?.form;
  const sections = isObject(form) ? own(form, 'sections') : undefined;
  const value = isObject(sections) ? own(sections, section) : undefined;
  return typeof value === 'string' && (sectionPermissions as readonly string[]).includes(value) ? (value as SectionPermission) : 'hidden';
}

/** A new definition in which a column gives a section this permission. */
export function setPermission(definition: JsonObject, column: PermissionColumn, section: string, permission: SectionPermission): JsonObject {
  const next = structuredClone(definition);
  const target = holder(next, column);
  if (!target) return definition;
  if (!isObject(target.form)) target.form = { sections: {} };
  const form = target.form as JsonObject;
  if (!isObject(form.sections)) form.sections = {};
  const sections = form.sections as JsonObject;
  if (permission === 'hidden') delete sections[section];
  else sections[section] = permission;
  return next;
}

/** A new definition in which no step names the section any more (it was removed from the form). */
export function forgetSection(definition: JsonObject, section: string): JsonObject {
  let next = definition;
  for (const column of permissionColumns(definition)) if (permissionOf(next, column, section) !== 'hidden') next = setPermission(next, column, section, 'hidden');
  return next;
}
