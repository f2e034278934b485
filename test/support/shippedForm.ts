/**
 * A shipped process's form schema as it is published: `workflows/<key>/form.schema.json` with the
 * shared form parts (workflows/_shared/) it refers to bundled in.
 */
import path from 'node:path';
import type { FormSchema } from '../../forms/core/index.js';
import { readFormSchema } from '../../server/build/readFormSchema.js';

/** The bundled form schema of the shipped process `key`. */
export function shippedFormSchema(key: string): FormSchema {
  return readFormSchema(path.resolve(import.meta.dirname, '../../workflows', key, 'form.schema.json'));
}
