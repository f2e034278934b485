/**
 * The hashed 身份证 numbers of the people a case is about, for the 近亲属 register: every value in
 * the fields its form schema marks as ID numbers (see `idCardFields` in forms/core), so no process's
 * data shape is written here.
 */
import { ownEntry, type JsonValue } from '../../engine/index.js';
import { sha256 } from './pocketbase.js';

/** The values at a pointer pattern, `*` standing for every index of an array. */
function valuesAt(value: JsonValue | undefined, keys: readonly string[]): JsonValue[] {
  if (value === undefined || value === null) return [];
  if (keys.length === 0) return [value];
  const [key, ...rest] = keys as [string, ...string[]];
  if (key === '*') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (typeof value !== 'object' || Array.isArray(value)) return [];
  return valuesAt(ownEntry(value, key), rest);
}

/** The case's ID numbers found at `fields` (pointer patterns), upper-cased, without repeats. */
export function caseIdNumbers(data: Record<string, JsonValue>, fields: readonly string[]): string[] {
  const found = fields.flatMap((field) => valuesAt(data, field.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))));
  return [...new Set(found.filter((x): x is string => typeof x === 'string' && x.length > 0).map((id) => id.toUpperCase()))];
}

/** The case's ID numbers found at `fields`, hashed as the 近亲属 register stores them. */
export function caseIdNumberHashes(data: Record<string, JsonValue>, fields: readonly string[]): string[] {
  return caseIdNumbers(data, fields).map((id) => sha256(id));
}
