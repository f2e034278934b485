/** The choices of an enum field: the schema's `enum`, or `oneOf` of `{ const, title }`. */
import type { FieldSchema } from '../../core/index.js';

/** One choice: the stored value and its label. */
export interface EnumOption {
  value: string | number | boolean;
  label: string;
}

/** The options of a field (or of its array items for a checkbox group). */
export function enumOptions(schema: FieldSchema | undefined): EnumOption[] {
  if (!schema) return [];
  if (Array.isArray(schema.enum)) return schema.enum.filter((v) => v !== null).map((v) => ({ value: v as string, label: String(v) }));
  const branches = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(branches) && branches.every((b) => b && 'const' in b)) {
    return branches.map((b) => ({ value: b.const as string, label: typeof b.title === 'string' ? b.title : String(b.const) }));
  }
  return [];
}
