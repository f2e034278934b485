/**
 * The overall statutory limit of a definition in the unit it is given: 法定工作日 (`workingDays`,
 * the assistance rules: 30, extended 45), calendar days (`days`: 成立登记 within 60 日 of
 * complete materials) or months; each count may be a parameter, and so may the extended limit.
 */
import type { JsonValue, OverallLimit } from './types.js';
import { ownEntry } from './ownEntry.js';
import { isDurationCount } from '../calendar/durationDue.js';

/** The units an overall limit may be counted in. */
export type LimitUnit = 'workingDays' | 'days' | 'months';

/** The units, in the order the language names them. */
export const limitUnits: readonly LimitUnit[] = ['workingDays', 'days', 'months'];

/** A limit resolved against the parameters: a positive whole count of one unit. */
export interface ResolvedLimit {
  unit: LimitUnit;
  count: number;
}

const isPositiveCount = isDurationCount;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A count given literally or as `{ "param": name }`, read from the parameters (undefined unless a positive integer). */
function countOf(value: unknown, parameters: Record<string, JsonValue>): number | undefined {
  const raw = isRecord(value) && typeof value.param === 'string' ? ownEntry(parameters, value.param) : value;
  return isPositiveCount(raw) ? raw : undefined;
}

/** The one unit a limit-like object `{ workingDays | days | months: n }` names, with its raw count. */
function unitOf(value: Record<string, unknown>): [LimitUnit, unknown] | undefined {
  const units = limitUnits.filter((u) => value[u] !== undefined);
  return units.length === 1 ? [units[0]!, value[units[0]!]] : undefined;
}

/** The base limit (undefined when the definition has none, or it cannot be counted with these parameters). */
export function baseLimit(limit: OverallLimit | undefined, parameters: Record<string, JsonValue>): ResolvedLimit | undefined {
  if (!limit || !isRecord(limit)) return undefined;
  const found = unitOf(limit as unknown as Record<string, unknown>);
  if (!found) return undefined;
  const count = countOf(found[1], parameters);
  return count === undefined ? undefined : { unit: found[0], count };
}

/**
 * The limit after an `extend` action: `extendedWorkingDays` (working days), or `extended`, a limit
 * `{ "days": 90 }` in any unit, or `{ "param": name }` naming a parameter that holds such an object
 * or a bare count (then in the base limit's unit). Undefined when the definition allows no extension
 * or it cannot be counted.
 */
export function extendedLimit(limit: OverallLimit | undefined, parameters: Record<string, JsonValue>): ResolvedLimit | undefined {
  if (!limit || !isRecord(limit)) return undefined;
  if (limit.extendedWorkingDays !== undefined) {
    const count = countOf(limit.extendedWorkingDays, parameters);
    return count === undefined ? undefined : { unit: 'workingDays', count };
  }
  const extended: unknown = limit.extended;
  if (!isRecord(extended)) return undefined;
  if (typeof extended.param === 'string' && Object.keys(extended).length === 1) {
    const raw = ownEntry(parameters, extended.param);
    if (isPositiveCount(raw)) {
      const base = baseLimit(limit, parameters);
      return base ? { unit: base.unit, count: raw } : undefined;
    }
    if (!isRecord(raw)) return undefined;
    const found = unitOf(raw);
    const count = found ? countOf(found[1], parameters) : undefined;
    return found && count !== undefined && Object.keys(raw).length === 1 ? { unit: found[0], count } : undefined;
  }
  const found = unitOf(extended);
  const count = found ? countOf(found[1], parameters) : undefined;
  return found && count !== undefined ? { unit: found[0], count } : undefined;
}

/** Whether the definition declares an extended limit at all (an `extend` action needs one). */
export function declaresExtension(limit: OverallLimit | undefined): boolean {
  return !!limit && isRecord(limit) && (limit.extendedWorkingDays !== undefined || limit.extended !== undefined);
}

/** How a limit reads in Chinese: `30 个工作日`, `60 日`, `6 个月`. */
export function limitText(limit: ResolvedLimit): string {
  return limit.unit === 'workingDays' ? `${limit.count} 个工作日` : limit.unit === 'days' ? `${limit.count} 日` : `${limit.count} 个月`;
}
