/**
 * Looking up names that come from a definition or a client (step, action, parameter, guard,
 * effect and resolver names) on plain objects: only the object's own properties count, so names
 * such as `constructor`, `toString` or `__proto__` never reach `Object.prototype`.
 */

/** Whether `key` is an own property of `obj`. */
export function hasOwnEntry(obj: object | null | undefined, key: string): boolean {
  return obj !== null && obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
}

/** The own property `key` of `obj`, or undefined when `obj` has no such own property. */
export function ownEntry<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return hasOwnEntry(obj, key) ? obj![key] : undefined;
}

/**
 * The names every plain object inherits (`constructor`, `toString`, `__proto__` …): a definition
 * may not use them as the name of a step, action, parameter, section or registered implementation.
 */
export const inheritedNames: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
