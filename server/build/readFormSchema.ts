/**
 * Reads a process's `form.schema.json` with the shared form parts it refers to
 * (`workflows/_shared/*.schema.json`) bundled in (forms/core bundleFormParts), as the publisher,
 * `tongban check` and `tongban simulate` use it: the result is self-contained.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleFormParts, type FormSchema } from '../../forms/core/index.js';

/** The form schema in `file`, bundled; throws on unreadable JSON or a shared part that cannot be resolved. */
export function readFormSchema(file: string): FormSchema {
  const dir = path.dirname(file);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as FormSchema;
  return bundleFormParts(schema, (part) => JSON.parse(readFileSync(path.resolve(dir, part), 'utf8')) as unknown, path.basename(file));
}
