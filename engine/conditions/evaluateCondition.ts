/**
 * Evaluates the definition language's conditions (routing on form data, flags and parameters).
 * Data only: no eval, no code from the definition.
 */
import type { Condition, JsonValue } from '../definition/types.js';
import type { GuardRegistry } from '../registry/guards.js';
import { readPointer } from './jsonPointer.js';
import { ownEntry } from '../definition/ownEntry.js';
import { UnregisteredNameError } from '../process/unregisteredName.js';
import { subjectFactHolds } from './subjectFacts.js';

/** What a condition can look at. */
export interface ConditionScope {
  data: Record<string, JsonValue>;
  flags: readonly string[];
  parameters: Record<string, JsonValue>;
  guards: GuardRegistry;
  /** The facts of the case's subject that the definition reads (absent: no subject, no facts). */
  subjectFacts?: Record<string, JsonValue>;
  /** Results of the case's decided panels, by step name (absent: none decided). */
  panels?: Readonly<Record<string, string>>;
  /** Outcomes of the case's decided items, by item key (absent: none decided). */
  decisions?: Readonly<Record<string, string>>;
  /** The milestones the case has reached (absent: none). */
  milestones?: readonly string[];
}

function numberOf(value: number | { param: string }, scope: ConditionScope): number {
  return typeof value === 'number' ? value : Number(ownEntry(scope.parameters, value.param));
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `condition` holds in `scope`; a guard that `scope.guards` lacks throws {@link UnregisteredNameError}. */
export function evaluateCondition(condition: Condition, scope: ConditionScope): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, scope));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, scope));
  if ('not' in condition) return !evaluateCondition(condition.not, scope);
  if ('flag' in condition) return scope.flags.includes(condition.flag);
  if ('panel' in condition) return ownEntry(scope.panels, condition.panel) === condition.result;
  if ('decision' in condition) return ownEntry(scope.decisions, condition.decision) === condition.equals;
  if ('milestone' in condition) return (scope.milestones ?? []).includes(condition.milestone);
  if ('guard' in condition) {
    const guard = ownEntry(scope.guards, condition.guard);
    if (!guard) throw new UnregisteredNameError('guard', condition.guard);
    return guard({ data: scope.data, parameters: scope.parameters, args: condition.args ?? {} });
  }
  if ('subjectFact' in condition) return subjectFactHolds(condition, scope.subjectFacts ?? {});
  const value = readPointer(scope.data, condition.path);
  if ('equals' in condition) return equal(value, condition.equals);
  if ('in' in condition) return condition.in.some((v) => equal(value, v));
  if ('exists' in condition) return (value !== undefined && value !== null && value !== '') === condition.exists;
  if ('length' in condition) {
    const n = Array.isArray(value) ? value.length : typeof value === 'string' ? value.length : 0;
    const l = condition.length;
    return (l.gt === undefined || n > l.gt) && (l.gte === undefined || n >= l.gte) && (l.lt === undefined || n < l.lt) && (l.lte === undefined || n <= l.lte);
  }
  if (typeof value !== 'number') return false;
  if ('gt' in condition) return value > numberOf(condition.gt, scope);
  if ('gte' in condition) return value >= numberOf(condition.gte, scope);
  if ('lt' in condition) return value < numberOf(condition.lt, scope);
  if ('lte' in condition) return value <= numberOf(condition.lte, scope);
  return false;
}
