/**
 * The facts a 年检 leaves on the organisation's subject (under `annualReport`): the year and result of
 * its last inspection, the result of each year, and how many years in a row it has filed no report —
 * with `dormant` once that reaches the parameter `dormantAfterYears` (the 僵尸型清理 selects on it).
 */
import type { Effect, JsonValue } from '../../engine/index.js';

const record = (v: JsonValue | undefined): Record<string, JsonValue> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
const whole = (v: JsonValue | undefined): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const fact = (name: string, value: JsonValue): Effect => ({ type: 'setSubjectFact', fact: `annualReport.${name}`, value });

/** The year a case inspects (`/report/year`, the period's year), or undefined. */
export function inspectionYear(data: Record<string, JsonValue>): number | undefined {
  const year = record(data.report).year;
  return typeof year === 'number' && Number.isInteger(year) ? year : undefined;
}

/** The facts of a concluded 年检: its result, the year, and the count of missed years back to 0. */
export function resultFacts(data: Record<string, JsonValue>): Effect[] {
  const conclusion = record(data.result).conclusion;
  const result = typeof conclusion === 'string' ? conclusion : '';
  const year = inspectionYear(data);
  return [
    fact('lastYear', year ?? null),
    fact('lastResult', result),
    ...(year !== undefined ? [fact(`results.y${year}`, result)] : []),
    fact('missedYears', 0),
    fact('dormant', false),
  ];
}

/**
 * The facts of a 年检 without a report: one more year missed in a row (counted from the subject's
 * fact where the command carries it, else from the copy the schedule opened the case with,
 * `/record/missedBefore`), and `dormant` from `dormantAfterYears` on.
 */
export function missedFacts(data: Record<string, JsonValue>, facts: Record<string, JsonValue> | undefined, dormantAfterYears: number): Effect[] {
  const known = record(record(facts).annualReport).missedYears;
  const before = known !== undefined ? whole(known) : whole(record(data.record).missedBefore);
  const missed = before + 1;
  const year = inspectionYear(data);
  return [
    fact('missedYears', missed),
    ...(year !== undefined ? [fact('lastMissedYear', year), fact(`results.y${year}`, '未报')] : []),
    fact('dormant', missed >= dormantAfterYears),
  ];
}
