/**
 * What the field editor edits of one field — label, help, required, the limits its kind of value
 * allows, masking and the condition it is shown on — read from the form and written back to the
 * JSON Schema (title, description, `required`, `minLength`…, `x-mask`, `x-visible-if`) and the UI
 * schema (a control's own `label`, `help` or `visibleIf`, where the layout already overrides them).
 */
import type { FieldSchema, MaskKind, UiControl } from '../../../../../forms/core/index.js';
import { designedSections, pointerSegment, resolveLocal, type DesignedField, type DesignedForm } from './designerForm.js';
import { findByScope } from './uiTree.js';

/** The limits a field takes, by the kind of value it holds. */
export type LimitKind = 'length' | 'pattern' | 'range' | 'items';

/** The numeric limits, by keyword. */
export const limitKeywords = { length: ['minLength', 'maxLength'], range: ['minimum', 'maximum'], items: ['minItems', 'maxItems'] } as const;

/** A numeric limit keyword. */
export type LimitKeyword = (typeof limitKeywords)[keyof typeof limitKeywords][number];

/** Everything the field editor edits of a field. */
export interface FieldSettings {
  label: string;
  help: string;
  required: boolean;
  /** Numeric limits by keyword; absent = none. */
  limits: Partial<Record<LimitKeyword, number>>;
  /** A regular expression the text must match; `''` = none. */
  pattern: string;
  /** `''` = not masked. */
  mask: MaskKind | '';
  /** An expression of the expression language; `''` = always shown. */
  visibleIf: string;
  /** The choices of a choice field written in this form (its `enum`, or its items' for a multiple choice); undefined for other fields. */
  options?: string[];
}

/** The mask kinds, in the order the editor offers them. */
export const maskKinds: readonly MaskKind[] = ['id-card', 'mobile', 'bank-card', 'name', 'address', 'full'];

const typeOf = (s: FieldSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
/** Formats that fix a text's shape (a 身份证 needs no length or pattern). */
const shapedFormats = new Set(['cn-id-card', 'cn-mobile', 'bank-card', 'cn-region-code', 'cn-uscc', 'date', 'date-range', 'date-time', 'time', 'email', 'uri', 'uuid', 'ipv4']);

/** The limits a field allows: length and pattern for free text, a range for figures, a count for lists. */
export function limitsFor(resolved: FieldSchema): LimitKind[] {
  const type = typeOf(resolved);
  if (Array.isArray(resolved.enum) || resolved.oneOf || resolved['x-org-unit']) return [];
  if (type === 'string') return shapedFormats.has(resolved.format ?? '') ? [] : ['length', 'pattern'];
  if (type === 'number' || type === 'integer') return ['range'];
  if (type === 'array') return ['items'];
  return [];
}

/** Whether a field holds text that can be masked. */
export const maskable = (resolved: FieldSchema): boolean => typeOf(resolved) === 'string' && !Array.isArray(resolved.enum);

/** The `enum` a field's choices are written in, in the form itself (not through a shared part): its own, or its items'. */
function writtenChoices(written: FieldSchema): unknown[] | undefined {
  if (Array.isArray(written.enum)) return written.enum;
  const items = written.items;
  return typeof items === 'object' && items !== null && !('$ref' in items) && Array.isArray((items as FieldSchema).enum) ? ((items as FieldSchema).enum as unknown[]) : undefined;
}

/** The settings of a field as the form has them. */
export function fieldSettings(form: DesignedForm, section: string, field: DesignedField): FieldSettings {
  const sectionSchema = designedSections(form).find((s) => s.key === section)?.schema;
  const r = field.resolved;
  const limits: FieldSettings['limits'] = {};
  for (const kind of limitsFor(r)) if (kind !== 'pattern') for (const k of limitKeywords[kind]) if (typeof r[k] === 'number') limits[k] = r[k] as number;
  return {
    label: field.label,
    help: field.control?.help ?? (r['x-help'] as string | undefined) ?? r.description ?? '',
    required: Array.isArray(sectionSchema?.required) && sectionSchema.required.includes(field.key),
    limits,
    pattern: typeof r.pattern === 'string' ? r.pattern : '',
    mask: (r['x-mask'] as MaskKind | undefined) ?? '',
    visibleIf: field.control?.visibleIf ?? (r['x-visible-if'] as string | undefined) ?? '',
    ...(writtenChoices(field.schema)?.every((v) => typeof v === 'string') ? { options: writtenChoices(field.schema) as string[] } : {}),
  };
}

/** Sets a keyword, or removes it when the value is empty. */
function put(target: Record<string, unknown>, keyword: string, value: unknown): void {
  if (value === '' || value === undefined) delete target[keyword];
  else target[keyword] = value;
}

/** Writes a field's settings into a new form. */
export function writeFieldSettings(form: DesignedForm, section: string, key: string, settings: FieldSettings): DesignedForm {
  const next = structuredClone(form);
  const props = next.schema.properties as Record<string, FieldSchema>;
  if (typeof props[section]?.$ref === 'string') props[section] = resolveLocal(next.schema, props[section]!);
  const sectionSchema = props[section];
  const written = sectionSchema?.properties?.[key];
  if (!sectionSchema || !written) throw new Error(`表单中没有字段“${section}/${key}”。`);
  const resolved = resolveLocal(next.schema, written);
  const control = findByScope(next.ui, 'Control', `/${pointerSegment(section)}/${pointerSegment(key)}`)?.element as UiControl | undefined;
  const w = written as Record<string, unknown>;

  written.title = settings.label;
  if (control && control.label !== undefined) control.label = settings.label;
  if (control && control.help !== undefined) put(control as unknown as Record<string, unknown>, 'help', settings.help);
  else if (written['x-help'] !== undefined) put(w, 'x-help', settings.help);
  else put(w, 'description', settings.help);

  const required = (Array.isArray(sectionSchema.required) ? sectionSchema.required : []).filter((k) => k !== key);
  if (settings.required) required.push(key);
  if (required.length > 0) sectionSchema.required = required;
  else delete sectionSchema.required;

  for (const kind of limitsFor(resolved)) {
    if (kind === 'pattern') put(w, 'pattern', settings.pattern);
    else for (const k of limitKeywords[kind]) put(w, k, settings.limits[k]);
  }
  if (maskable(resolved)) put(w, 'x-mask', settings.mask);
  const choices = writtenChoices(written);
  if (settings.options && choices?.every((v) => typeof v === 'string')) {
    const options = [...new Set(settings.options.map((o) => o.trim()).filter((o) => o !== ''))];
    if (options.length > 0) {
      if (Array.isArray(written.enum)) written.enum = options;
      else (written.items as FieldSchema).enum = options;
    }
  }
  if (control && control.visibleIf !== undefined) put(control as unknown as Record<string, unknown>, 'visibleIf', settings.visibleIf);
  else put(w, 'x-visible-if', settings.visibleIf);
  return next;
}
