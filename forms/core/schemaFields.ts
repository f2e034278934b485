/**
 * Walks a form schema the way the data is shaped: `properties` by name, `items` as `*`, local
 * `$ref`s into `$defs`, and the branches of `allOf`/`if`/`then`/`else`. Gives every field with its
 * JSON pointer, and finds the schema of a concrete data path (for titles and `x-messages`).
 */
import type { FieldSchema, FormSchema } from './types.js';
import { ownEntry } from './ownEntry.js';

/** A field of a form schema, at a pointer in which `*` stands for any array index. */
export interface SchemaField {
  pointer: string;
  schema: FieldSchema;
}

const isSchema = (v: unknown): v is FieldSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function resolveRef(root: FormSchema, schema: FieldSchema): FieldSchema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string' && s.$ref.startsWith('#/') && hops < 10; hops++) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = isSchema(target) ? ownEntry(target, part.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
    if (!isSchema(target)) break;
    s = { ...target, ...s, $ref: undefined } as FieldSchema;
  }
  return s;
}

/** The schemas a data location is described by: the schema itself and its `allOf`/`if`/`then`/`else` branches. */
function branches(root: FormSchema, schema: FieldSchema): FieldSchema[] {
  const out: FieldSchema[] = [];
  const visit = (s: FieldSchema, depth: number) => {
    if (depth > 8) return;
    const r = resolveRef(root, s);
    out.push(r);
    for (const key of ['then', 'else'] as const) if (isSchema(r[key])) visit(r[key] as FieldSchema, depth + 1);
    for (const list of [r.allOf, r.anyOf, r.oneOf]) if (Array.isArray(list)) for (const b of list) if (isSchema(b)) visit(b, depth + 1);
  };
  visit(schema, 0);
  return out;
}

/** Every named field of the schema, parents before children. */
export function listSchemaFields(root: FormSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  const seen = new Set<string>();
  const walk = (schema: FieldSchema, pointer: string, depth: number) => {
    if (depth > 32) return;
    for (const b of branches(root, schema)) {
      const props = b.properties;
      if (isSchema(props)) {
        for (const [key, child] of Object.entries(props)) {
          if (!isSchema(child)) continue;
          const p = `${pointer}/${escape(key)}`;
          const resolved = resolveRef(root, child);
          if (!seen.has(p)) { seen.add(p); fields.push({ pointer: p, schema: resolved }); }
          walk(resolved, p, depth + 1);
        }
      }
      if (isSchema(b.items)) walk(b.items as FieldSchema, `${pointer}/*`, depth + 1);
    }
  };
  walk(root, '', 0);
  return fields;
}

/** The schema of a concrete data path (`/household/members/0/name`), or undefined where the schema does not say. */
export function schemaAtPath(root: FormSchema, pointer: string): FieldSchema | undefined {
  let current: FieldSchema[] = [root];
  if (pointer === '') return root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next: FieldSchema[] = [];
    for (const s of current.flatMap((c) => branches(root, c))) {
      const props = s.properties;
      const named = ownEntry<FieldSchema>(props, part);
      if (isSchema(props) && isSchema(named)) next.push(named);
      else if (/^\d+$/.test(part) && isSchema(s.items)) next.push(s.items as FieldSchema);
    }
    if (next.length === 0) return undefined;
    current = next;
  }
  const found = current.map((s) => resolveRef(root, s));
  return found.length === 1 ? found[0] : (Object.assign({}, ...found.reverse()) as FieldSchema);
}
