/**
 * Which subjects a schedule starts cases about, and the opening data of each case: pure functions
 * of the subject's kind, organisation kind and facts, and of the period.
 */
import type { JsonValue, ScheduleDefinition } from '../definition/types.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { readFact } from '../conditions/subjectFacts.js';
import { builtInGuards } from '../registry/guards.js';
import type { SchedulePeriod } from './schedulePeriods.js';

/** A subject as a schedule sees it. */
export interface ScheduledSubject {
  kind: string;
  /** Person: the keyed hash of the ID number; organisation: the 统一社会信用代码. */
  key: string;
  name: string;
  orgKind: string;
  facts: Record<string, JsonValue>;
}

/**
 * Whether `subject` is one the schedule starts a case about (its kind, organisation kind and `where`
 * over its facts). `on` (`YYYY-MM-DD`, China time) is the day ages are counted at — the first day of
 * the period being opened; without it an age condition does not hold.
 */
export function scheduleMatches(schedule: ScheduleDefinition, subject: ScheduledSubject, parameters: Record<string, JsonValue> = {}, on?: string): boolean {
  const wanted = schedule.subjects;
  if (subject.kind !== wanted.kind) return false;
  if (wanted.orgKinds && !wanted.orgKinds.includes(subject.orgKind)) return false;
  if (!wanted.where) return true;
  const now = on !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(on) ? new Date(`${on}T00:00:00+08:00`) : undefined;
  return evaluateCondition(wanted.where, { data: {}, flags: [], parameters, guards: builtInGuards, subjectFacts: subject.facts, ...(now ? { now } : {}) });
}

/** The opening data of the case about `subject` for `period`, by JSON pointer (sources with no value are left out). */
export function scheduleOpeningData(schedule: ScheduleDefinition, subject: ScheduledSubject, period: SchedulePeriod): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [pointer, source] of Object.entries(schedule.data ?? {})) {
    let value: JsonValue | undefined;
    if ('fact' in source) value = readFact(subject.facts, source.fact);
    else if ('subject' in source) value = source.subject === 'name' ? subject.name : source.subject === 'orgKind' ? subject.orgKind : subject.kind === 'organisation' ? subject.key : undefined;
    else value = source.period === 'year' ? period.year : period[source.period];
    if (value !== undefined && value !== null && value !== '') Object.defineProperty(out, pointer, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
