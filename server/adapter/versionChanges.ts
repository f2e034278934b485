/**
 * The differences between two versions of a process (microdiff over their definition, form, UI
 * schema and templates), each at a JSON pointer under `/definition`, `/formSchema`, `/uiSchema` or
 * `/templates`, and their shortened form for the audit log: what publishing a draft records and
 * the diff between two versions answers.
 */
import diff from 'microdiff';
import type { JsonValue } from '../../engine/index.js';
import type { VersionChange } from '../../engine/api/designerRoutes.js';
import { recordContent } from './designerCheck.js';
import type { PbRecord } from './pocketbase.js';

const escape = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/** The parts of a version that are compared. */
function comparedParts(record: PbRecord): Record<string, unknown> {
  const content = recordContent(record);
  return { definition: content.definition, formSchema: content.formSchema, uiSchema: content.uiSchema, templates: content.templates };
}

/** The changes from one version record to another. */
export function versionChanges(from: PbRecord, to: PbRecord): VersionChange[] {
  return diff(comparedParts(from), comparedParts(to)).map((d): VersionChange => {
    const path = `/${d.path.map(escape).join('/')}`;
    if (d.type === 'CREATE') return { kind: 'added', path, after: d.value as JsonValue };
    if (d.type === 'REMOVE') return { kind: 'removed', path, before: d.oldValue as JsonValue };
    return { kind: 'changed', path, before: d.oldValue as JsonValue, after: d.value as JsonValue };
  });
}

/** Largest text of one value kept in an audit entry; a longer one is kept as its length. */
const auditValueChars = 1000;
/** Largest number of changes kept in an audit entry (the log's JSON fields are bounded). */
const auditChangesKept = 100;

/** The changes as the audit log keeps them: long values shortened, at most a hundred changes. */
export function auditedChanges(changes: VersionChange[]): { changes: VersionChange[]; total: number } {
  const short = (v: JsonValue | undefined): JsonValue | undefined => {
    if (v === undefined) return undefined;
    const text = JSON.stringify(v);
    return text.length > auditValueChars ? `（${text.length} 个字符，从略）` : v;
  };
  const kept = changes.slice(0, auditChangesKept).map((c) => {
    const out: VersionChange = { kind: c.kind, path: c.path };
    const before = short(c.before);
    const after = short(c.after);
    if (before !== undefined) out.before = before;
    if (after !== undefined) out.after = after;
    return out;
  });
  return { changes: kept, total: changes.length };
}
