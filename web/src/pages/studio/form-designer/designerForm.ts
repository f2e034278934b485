/**
 * The form of a draft as the form designer shows it: its sections (the top-level properties of the
 * JSON Schema, the unit the steps' permissions are given in) and each section's fields, in the order
 * the form draws them, with the widget each is drawn with.
 */
import type { FieldSchema, FormSchema, UiControl, UiSchema, UiSection } from '../../../../../forms/core/index.js';
import { ownEntry } from '../../../../../forms/core/index.js';
import { defaultWidgets, type WidgetRegistry } from '../../../../../forms/elements/index.js';
import { controlScopes, findByScope } from './uiTree.js';

/** The form being designed: the draft's JSON Schema and UI schema. */
export interface DesignedForm {
  schema: FormSchema;
  ui: UiSchema | null;
}

/** A field of a section as the designer lists it. */
export interface DesignedField {
  key: string;
  /** JSON pointer, e.g. `/applicant/phone`. */
  pointer: string;
  /** The schema as written (a `$ref` with keywords beside it, or the field itself). */
  schema: FieldSchema;
  /** The schema with a local `$ref` resolved: what the field is. */
  resolved: FieldSchema;
  control: UiControl | undefined;
  label: string;
  /** The widget the form draws it with (named, or the registry's choice). */
  widget: string;
}

/** A section of the form as the designer lists it. */
export interface DesignedSection {
  key: string;
  pointer: string;
  schema: FieldSchema;
  ui: UiSection | undefined;
  label: string;
  fields: DesignedField[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON-pointer segment of a key. */
export const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The schema with local `$ref`s (`#/$defs/…`) resolved, keywords beside the `$ref` winning. */
export function resolveLocal(root: FormSchema, schema: FieldSchema): FieldSchema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string' && s.$ref.startsWith('#/') && hops < 10; hops++) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = isObject(target) ? ownEntry(target, part.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
    if (!isObject(target)) break;
    const { $ref: _ref, ...beside } = s;
    s = { ...(target as FieldSchema), ...beside };
  }
  return s;
}

/** The properties of an object schema (own entries only). */
export const propertiesOf = (schema: FieldSchema): [string, FieldSchema][] => (isObject(schema.properties) ? Object.entries(schema.properties).filter(([, v]) => isObject(v)) as [string, FieldSchema][] : []);

/** The widget a field is drawn with: the one its control or schema names, else the registry's best. */
export function widgetOf(registry: WidgetRegistry, root: FormSchema, pointer: string, resolved: FieldSchema, control: UiControl | undefined): string {
  const items = isObject(resolved.items) ? resolveLocal(root, resolved.items as FieldSchema) : undefined;
  return registry.resolve({ schema: resolved, pointer, ...(control ? { control } : {}), ...(items ? { items } : {}) })?.name ?? 'text';
}

/** The sections of the form and their fields, in the order the form draws them. */
export function designedSections(form: DesignedForm, registry: WidgetRegistry = defaultWidgets): DesignedSection[] {
  return propertiesOf(form.schema).map(([key, written]) => {
    const pointer = `/${pointerSegment(key)}`;
    const schema = resolveLocal(form.schema, written);
    const ui = findByScope(form.ui, 'Section', pointer)?.element as UiSection | undefined;
    const props = propertiesOf(schema);
    // Drawn order: the section's controls first (as laid out), then fields the layout leaves to schema order.
    const laidOut = ui?.elements ? controlScopes(ui) : [];
    const order = new Map<string, number>();
    laidOut.forEach((scope, i) => { if (!order.has(scope)) order.set(scope, i); });
    const fields = props.map(([fieldKey, fieldSchema]): DesignedField => {
      const fieldPointer = `${pointer}/${pointerSegment(fieldKey)}`;
      const resolved = resolveLocal(form.schema, fieldSchema);
      const control = findByScope(form.ui, 'Control', fieldPointer)?.element as UiControl | undefined;
      return { key: fieldKey, pointer: fieldPointer, schema: fieldSchema, resolved, control, label: control?.label ?? resolved.title ?? fieldKey, widget: widgetOf(registry, form.schema, fieldPointer, resolved, control) };
    });
    const rank = (f: DesignedField) => order.get(f.pointer) ?? laidOut.length + props.findIndex(([k]) => k === f.key);
    fields.sort((a, b) => rank(a) - rank(b));
    return { key, pointer, schema, ui, label: ui?.label ?? schema.title ?? key, fields };
  });
}
