/**
 * The fields of a form that hold people's 身份证 numbers: those the schema marks `x-mask: "id-card"`
 * or gives the `cn-id-card` format. The server reads them for the 近亲属 register (回避), so a
 * process declares who its case is about through its form schema, not in code.
 */
import type { FormSchema } from './types.js';
import { listSchemaFields } from './schemaFields.js';

/** Pointers of the ID-number fields, with `*` standing for any array index. */
export function idCardFields(schema: FormSchema): string[] {
  return listSchemaFields(schema)
    .filter((f) => f.schema['x-mask'] === 'id-card' || f.schema.format === 'cn-id-card')
    .map((f) => f.pointer);
}
