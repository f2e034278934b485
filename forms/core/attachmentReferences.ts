/**
 * Attachment references stay readable where their section is masked. A stored attachment is
 * `{ name, size, type, file }`: `file` is the storage reference (a record id and a random file name,
 * never the name the person gave the scan), and whether its bytes may be fetched is decided by the
 * file store's own access rules. Masking the reference would only break the link — an officer who may
 * read the case could never open the 户口簿 scan — while the name the person gave it (which often
 * holds an ID number) stays masked.
 */
import type { FormSchema } from './types.js';
import { listSchemaFields } from './schemaFields.js';

/** The parts of an attachment item that are not personal data: the storage reference, its type and size. */
const referenceParts = ['file', 'type', 'size'] as const;

/**
 * Pointers (`*` for array items) of the attachment parts that stay as stored under a `masked`
 * permission: for every field with `x-attachment`, its items' `file`, `type` and `size`.
 */
export function attachmentReferences(schema: FormSchema): string[] {
  const pointers: string[] = [];
  for (const field of listSchemaFields(schema)) {
    if (field.schema['x-attachment'] === undefined) continue;
    for (const part of referenceParts) pointers.push(`${field.pointer}/*/${part}`);
  }
  return pointers;
}
