/**
 * The layout of a schema (or a part of it) when the UI schema does not spell one out: every field
 * in schema order, nested objects as groups, lists and date ranges as one control each.
 */
import { schemaAtPath, type FieldSchema, type FormSchema, type UiElement, type UiGroup } from '../../core/index.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** True when one control shows the whole object (a date range) rather than a group of fields. */
export function isLeafObject(schema: FieldSchema): boolean {
  return schema.dateRange === true;
}

/** The controls for every field under `pointer`, with nested objects as groups. */
export function defaultElements(root: FormSchema, pointer: string, depth = 0): UiElement[] {
  const schema = schemaAtPath(root, pointer);
  const properties = schema?.properties ?? {};
  const out: UiElement[] = [];
  for (const key of Object.keys(properties)) {
    const childPointer = `${pointer}/${escape(key)}`;
    const child = schemaAtPath(root, childPointer) ?? {};
    if (child.type === 'object' && child.properties && !isLeafObject(child) && depth < 8) {
      const group: UiGroup = { type: 'Group', label: child.title ?? key, elements: defaultElements(root, childPointer, depth + 1) };
      if (child.description) group.help = child.description;
      out.push(group);
    } else out.push({ type: 'Control', scope: childPointer });
  }
  return out;
}
