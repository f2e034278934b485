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

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every place of the field at `pointer` (with `*` for array items) whose parent object exists in `data`. */
export function fieldInstances(data: unknown, pointer: string): FieldInstance[] {
  const parts = pointer.split('/').slice(1);
  const key = unescape(parts.pop() ?? '');
  let current: { path: string; value: unknown }[] = [{ path: '', value: data }];
  for (const part of parts) {
    const next: { path: string; value: unknown }[] = [];
    for (const { path, value } of current) {
      if (part === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: `${path}/${i}`, value: v }));
      } else if (isObj(value) && Object.prototype.hasOwnProperty.call(value, unescape(part))) {
        next.push({ path: `${path}/${part}`, value: value[unescape(part)] });
      }
    }
    current = next;
  }
  const out: FieldInstance[] = [];
  for (const c of current) if (isObj(c.value)) out.push({ path: `${c.path}/${escape(key)}`, holder: c.value, key });
  return out;
}
