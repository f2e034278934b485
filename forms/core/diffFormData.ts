/**
 * What changed between two versions of a case's data: field by field, with rows of tables added,
 * removed or changed, each named by the schema's titles (“家庭成员 › 第2行 › 姓名”). Used by the
 * diff view and wherever a change must be shown to a person (补正 resubmissions, audits).
 */
import { schemaAtPath } from './schemaFields.js';
import type { FieldSchema, FormSchema } from './types.js';

/** One difference. */
export interface DataChange {
  /** JSON pointer of the changed field (or row, or section). */
  path: string;
  /** The titles from the root, e.g. `['家庭成员', '第2行', '姓名']`. */
  labels: string[];
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** The schema of the field, for formatting. */
  schema?: FieldSchema;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The differences between `before` and `after`, in the order of the data. Objects are compared
 * field by field; arrays of objects row by row (extra rows are added/removed); other arrays and
 * values as a whole. An empty text and a missing field count as the same.
 */
export function diffFormData(schema: FormSchema, before: unknown, after: unknown): DataChange[] {
  const out: DataChange[] = [];
  const walk = (a: unknown, b: unknown, path: string, labels: string[], depth: number) => {
    if (depth > 32) return;
    if (isEmpty(a) && isEmpty(b)) return;
    const fieldSchema = schemaAtPath(schema, path);
    // A section or group present on one side only is compared field by field; a table row stays whole.
    const isRow = /\/\d+$/.test(path);
    const sectionLike = (v: unknown) => isObj(v) || (isEmpty(v) && !isRow);
    if (sectionLike(a) && sectionLike(b) && (isObj(a) || isObj(b)) && fieldSchema?.dateRange !== true) {
      a = isObj(a) ? a : {};
      b = isObj(b) ? b : {};
      const [ao, bo] = [a as Record<string, unknown>, b as Record<string, unknown>];
      const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
      const order = Object.keys(fieldSchema?.properties ?? {});
      keys.sort((x, y) => (order.indexOf(x) === -1 ? 1e9 : order.indexOf(x)) - (order.indexOf(y) === -1 ? 1e9 : order.indexOf(y)));
      for (const k of keys) {
        const p = `${path}/${escape(k)}`;
        walk(ao[k], bo[k], p, [...labels, schemaAtPath(schema, p)?.title ?? k], depth + 1);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].some(isObj)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}/${i}`, [...labels, `第${i + 1}行`], depth + 1);
      return;
    }
    if (same(a, b)) return;
    const change: DataChange = { path, labels, kind: isEmpty(a) ? 'added' : isEmpty(b) ? 'removed' : 'changed' };
    if (!isEmpty(a)) change.before = a;
    if (!isEmpty(b)) change.after = b;
    if (fieldSchema) change.schema = fieldSchema;
    out.push(change);
  };
  walk(before, after, '', [], 0);
  return out;
}
