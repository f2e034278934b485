/**
 * The concrete places in case data where a schema field lives: `/household/members/*\/name`
 * becomes `/household/members/0/name`, `/household/members/1/name` … — one per existing parent
 * object, with that object (the `this` of the field's expressions).
 */

/** One concrete place of a field: its JSON pointer, the object holding it and its key there. */
export interface FieldInstance {
  path: string;
  holder: Record<string, unknown>;
  key: string;
}

const unescape = (s: string) => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Walks `parts` from index `i` below `value` (at `path`), collecting the places of the field. */
function collect(value: unknown, parts: string[], i: number, path: string, key: string, out: FieldInstance[]): void {
  const last = parts.length - 1;
  if (i === last) {
    if (isObj(value)) out.push({ path: `${path}/${parts[last]!}`, holder: value, key });
    return;
  }
  const part = parts[i]!;
  if (part === '*') {
    if (Array.isArray(value)) for (let j = 0; j < value.length; j++) collect(value[j], parts, i + 1, `${path}/${j}`, key, out);
  } else if (isObj(value)) {
    const k = unescape(part);
    if (hasOwn(value, k)) collect(value[k], parts, i + 1, `${path}/${part}`, key, out);
  }
}

/** Every place of the field at `pointer` (with `*` for array items) whose parent object exists in `data`. */
export function fieldInstances(data: unknown, pointer: string): FieldInstance[] {
  // Runs for every conditional field on every validation: one pass, no intermediate lists, no closures.
  const parts = pointer.split('/');
  const out: FieldInstance[] = [];
  if (parts.length < 2) return out;
  collect(data, parts, 1, '', unescape(parts[parts.length - 1]!), out);
  return out;
}
