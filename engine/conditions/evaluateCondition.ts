/**
 * Evaluates the definition language's conditions (routing on form data, flags and parameters).
 * Data only: no eval, no code from the definition.
 */
import type { ComparisonOperand, Condition, JsonValue } from '../definition/types.js';
import type { GuardRegistry } from '../registry/guards.js';
import { readPointer } from './jsonPointer.js';
import { ownEntry } from '../definition/ownEntry.js';
import { UnregisteredNameError } from '../process/unregisteredName.js';
import { readFact, subjectFactHolds } from './subjectFacts.js';
import { birthDateOfIdNumber, calendarDateOf, daysFromTo, fullYears, todayAt } from './conditionDates.js';
import { inSample } from './sampleShare.js';
import { childrenConditionHolds } from './childrenCondition.js';
import type { ChildrenWaitState } from '../model/index.js';

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
  /** Results of the branches of parallel steps, by branch key (absent: none finished). */
  branches?: Readonly<Record<string, string>>;
  /** The time of the command being decided (the recorded event time on replay); absent, date conditions do not hold. */
  now?: Date;
  /** The case's id, for sampling (absent: no case is in a sample). */
  caseId?: string;
  /** The waits of the case's `children` steps, by step name (absent: none entered). */
  children?: Readonly<Record<string, ChildrenWaitState>>;
}

/** A compared value: a finite number, or a calendar date as its day count (compared only with dates). */
type Comparable = { number: number } | { date: number };

function comparableOf(value: unknown): Comparable | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { number: value } : undefined;
  const date = calendarDateOf(value);
  return date === undefined ? undefined : { date: daysFromTo('1970-01-01', date) };
}

function operandOf(operand: ComparisonOperand, scope: ConditionScope): Comparable | undefined {
  if (typeof operand === 'number') return { number: operand };
  if ('param' in operand) {
    // A parameter is read as before date comparisons existed: a number, or text turned into one.
    const value = ownEntry(scope.parameters, operand.param);
    return calendarDateOf(value) !== undefined ? comparableOf(value) : comparableOf(Number(value));
  }
  return comparableOf(readPointer(scope.data, operand.path));
}

/** The left side of a comparison, or undefined when it cannot be worked out (the comparison then does not hold). */
function subjectOf(condition: Condition, scope: ConditionScope): Comparable | undefined {
  const today = scope.now ? todayAt(scope.now) : undefined;
  if ('age' in condition) {
    const value = 'of' in condition.age ? readPointer(scope.data, condition.age.of) : readFact(scope.subjectFacts ?? {}, condition.age.fact);
    const birth = birthDateOfIdNumber(value) ?? calendarDateOf(value);
    return birth !== undefined && today !== undefined && birth <= today ? { number: fullYears(birth, today) } : undefined;
  }
  if ('daysBetween' in condition) {
    const [a, b] = condition.daysBetween.map((p) => calendarDateOf(readPointer(scope.data, p)));
    return a !== undefined && b !== undefined ? { number: daysFromTo(a, b) } : undefined;
  }
  if ('daysUntil' in condition || 'daysSince' in condition) {
    const date = calendarDateOf(readPointer(scope.data, 'daysUntil' in condition ? condition.daysUntil : condition.daysSince));
    if (date === undefined || today === undefined) return undefined;
    return { number: 'daysUntil' in condition ? daysFromTo(today, date) : daysFromTo(date, today) };
  }
  return 'path' in condition ? comparableOf(readPointer(scope.data, condition.path)) : undefined;
}

/** Compares like with like (numbers with numbers, dates with dates); anything else does not hold. */
function compare(condition: Condition, scope: ConditionScope): boolean {
  const op = (['gt', 'gte', 'lt', 'lte'] as const).find((o) => o in condition);
  if (!op) return false;
  const left = subjectOf(condition, scope);
  const right = operandOf((condition as unknown as Record<typeof op, ComparisonOperand>)[op], scope);
  if (!left || !right || 'number' in left !== 'number' in right) return false;
  const a = 'number' in left ? left.number : left.date;
  const b = 'number' in right ? right.number : right.date;
  return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
}

function listOf(list: JsonValue[] | { param: string }, scope: ConditionScope): JsonValue[] {
  if (Array.isArray(list)) return list;
  const value = ownEntry(scope.parameters, list.param);
  return Array.isArray(value) ? value : [];
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
  if ('children' in condition) return childrenConditionHolds(condition, scope.children);
  if ('branch' in condition) return ownEntry(scope.branches, condition.branch) === condition.result;
  if ('guard' in condition) {
    const guard = ownEntry(scope.guards, condition.guard);
    if (!guard) throw new UnregisteredNameError('guard', condition.guard);
    return guard({ data: scope.data, parameters: scope.parameters, args: condition.args ?? {} });
  }
  if ('subjectFact' in condition) return subjectFactHolds(condition, scope.subjectFacts ?? {});
  if ('sample' in condition) {
    const share = typeof condition.sample.share === 'number' ? condition.sample.share : Number(ownEntry(scope.parameters, condition.sample.share.param));
    return scope.caseId !== undefined && Number.isFinite(share) && inSample(scope.caseId, condition.sample.salt, share);
  }
  if (!('path' in condition)) return compare(condition, scope);
  const value = readPointer(scope.data, condition.path);
  if ('equals' in condition) return equal(value, condition.equals);
  if ('in' in condition) return listOf(condition.in, scope).some((v) => equal(value, v));
  if ('exists' in condition) return (value !== undefined && value !== null && value !== '') === condition.exists;
  if ('length' in condition) {
    const n = Array.isArray(value) ? value.length : typeof value === 'string' ? value.length : 0;
    const l = condition.length;
    return (l.gt === undefined || n > l.gt) && (l.gte === undefined || n >= l.gte) && (l.lt === undefined || n < l.lt) && (l.lte === undefined || n <= l.lte);
  }
  return compare(condition, scope);
  return false;
}
