/**
 * JSON pointers over immutable data: read a value, and write one by copying only the objects on
 * the way (every other part keeps its identity, so an element can tell by `===` that its value did
 * not change).
 */

/** The unescaped segments of a JSON pointer (`/a/b~1c` → `['a', 'b/c']`). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a pointer from segments. */
export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The value at `segments` in `data`, or undefined. Reads own properties only. */
export function readAt(data: unknown, segments: readonly string[]): unknown {
  let current = data;
  for (const s of segments) {
    if (current === null || typeof current !== 'object' || !own(current, s)) return undefined;
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}

/**
 * A copy of `data` with `value` at `segments` (undefined removes the key; an array item is removed
 * by splicing). Missing parents are created: arrays where the next segment is an index.
 */
export function writeAt(data: unknown, segments: readonly string[], value: unknown): unknown {
  if (segments.length === 0) return value;
  if (value === undefined && readAt(data, segments) === undefined) return data;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '__proto__' || head === 'constructor' || head === 'prototype') throw new Error(`不允许的字段名：${head}`);
  const container: Record<string, unknown> | unknown[] = Array.isArray(data)
    ? [...data]
    : data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : /^\d+$/.test(head) ? [] : {};
  const child = (container as Record<string, unknown>)[head];
  const next = rest.length === 0 ? value : writeAt(child, rest, value);
  if (next === undefined) {
    if (Array.isArray(container)) container.splice(Number(head), 1);
    else delete (container as Record<string, unknown>)[head];
  } else (container as Record<string, unknown>)[head] = next;
  return container;
}

/**
 * `next`, but with every part that is deep-equal to the same part of `previous` replaced by that
 * part of `previous` — so identities survive a recomputation that copied everything.
 */
export function keepIdentity<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  if (previous === null || next === null || typeof previous !== 'object' || typeof next !== 'object') return next;
  if (Array.isArray(previous) !== Array.isArray(next)) return next;
  let same = true;
  if (Array.isArray(next)) {
    const prev = previous as unknown[];
    const out = next.map((item, i) => keepIdentity(prev[i], item));
    if (out.length !== prev.length || out.some((item, i) => item !== prev[i])) same = false;
    return (same ? previous : out) as T;
  }
  const prev = previous as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(prev).length) same = false;
  for (const k of keys) {
    out[k] = keepIdentity(own(prev, k) ? prev[k] : undefined, (next as Record<string, unknown>)[k]);
    if (!own(prev, k) || out[k] !== prev[k]) same = false;
  }
  return (same ? previous : out) as T;
}
