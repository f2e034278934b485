/**
 * The limits of an attachment field (`x-attachment: { accept, maxSize }` and `maxItems` in the
 * schema) and the check of a chosen file against them.
 */
import type { FieldSchema } from '../../core/index.js';
import { text, type FormLanguage } from '../chrome/strings.js';

/** What an attachment field accepts. */
export interface AttachmentRules {
  /** MIME types (`application/pdf`), wildcards (`image/*`) or extensions (`.pdf`). Empty: anything. */
  accept: string[];
  /** Largest file in bytes. */
  maxSize: number;
  /** Most files. */
  maxFiles: number;
}

/** The limits from the schema; 10 MB and 20 files unless it says otherwise. */
export function attachmentRules(schema: FieldSchema): AttachmentRules {
  const spec = (schema['x-attachment'] ?? {}) as { accept?: unknown; maxSize?: unknown };
  return {
    accept: Array.isArray(spec.accept) ? spec.accept.filter((a): a is string => typeof a === 'string') : [],
    maxSize: typeof spec.maxSize === 'number' ? spec.maxSize : 10 * 1024 * 1024,
    maxFiles: typeof schema.maxItems === 'number' ? schema.maxItems : 20,
  };
}

/** `3.5 MB`, `820 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Whether a file's type or name matches one `accept` entry. */
function matches(file: { name: string; type: string }, accept: string): boolean {
  const a = accept.toLowerCase();
  if (a.startsWith('.')) return file.name.toLowerCase().endsWith(a);
  if (a.endsWith('/*')) return file.type.toLowerCase().startsWith(a.slice(0, -1));
  return file.type.toLowerCase() === a;
}

/** Why the file cannot be added, in the form's language; undefined when it can. */
export function attachmentProblem(file: { name: string; type: string; size: number }, rules: AttachmentRules, language: FormLanguage): string | undefined {
  if (rules.accept.length && !rules.accept.some((a) => matches(file, a))) return text(language, 'fileWrongType', { name: file.name, types: rules.accept.join('、') });
  if (file.size > rules.maxSize) return text(language, 'fileTooLarge', { name: file.name, max: formatBytes(rules.maxSize) });
  return undefined;
}
