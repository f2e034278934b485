/**
 * Looking up names from a schema, a UI schema or case data on plain objects: only own properties
 * count, so `constructor`, `toString` or `__proto__` never reach `Object.prototype`.
 */

/** The own property `key` of `obj`, or undefined when `obj` is not an object or lacks that own property. */
export function ownEntry<T = unknown>(obj: unknown, key: string): T | undefined {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? ((obj as Record<string, unknown>)[key] as T) : undefined;
}
