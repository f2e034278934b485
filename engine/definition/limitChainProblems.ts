/**
 * Deadlines against the overall limit, in any unit: on no branch from the first step may the
 * deadlines that count against the statutory clock add up to more than the limit. A branch is a
 * chain of forward exits (returns left out) visiting no step twice, from where the clock starts (the
 * `startsClock` steps; the first step when there is none) to where it stops (a `stopsClock` step);
 * what counts is each task step's deadline (not on a step that starts, pauses or stops the clock),
 * each timer's duration and each children step's deadline (not when they pause the clock), with
 * parameters resolved from the definition.
 *
 * Units are compared soundly, by bounds that hold on every start date (docs/definition-language.md,
 * Static checks):
 * - a deadline in the limit's own unit counts exactly (as the limit does, moves past days off aside);
 * - against a limit in working days, a deadline of N calendar days counts the most working days
 *   from a start day to its due date (its last day moved onto a working day) over every start day of
 *   2004–2031 on the working calendar (调休 make-up Saturdays included); a month counts as 31 days,
 *   a yearly date as 366;
 * - against a limit in calendar days, N working days count the most calendar days they can span
 *   over every start day of 2004–2031 (across 春节 and 国庆); months count 31 days each, a yearly
 *   date 366;
 * - a limit in months is compared in months when every counted deadline is in months, else in
 *   calendar days, the limit taken at its fewest days (12 months from 03-01 are 365 days, 1 month
 *   from 01-31 is 28 days).
 * Deadlines relative to a date in the form data (`before`/`after` + `of`) depend on what the applicant
 * enters and are not counted here; the statutory clock still holds them to the limit at runtime.
 */
import type { DefinitionProblem } from './problems.js';
import type { Duration, JsonValue, StepDefinition, WorkflowDefinition } from './types.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';
import { resolveDuration } from '../calendar/durationDue.js';
import { addCalendarMonths, isDurationCount } from '../calendar/durationDue.js';
import { addCalendarDays } from '../calendar/chinaDate.js';
import { createWorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { longestChain } from './graphProblems.js';
import { baseLimit, limitText, type LimitUnit, type ResolvedLimit } from './overallLimit.js';

/** A duration's unit and count, resolved against the parameters (undefined: not counted here). */
type Counted = { unit: 'workingDays' | 'days' | 'months' | 'date'; count: number };

const countOf = (v: unknown, parameters: Record<string, JsonValue>): number | undefined => {
  const raw = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { param?: unknown }).param === 'string' ? ownEntry(parameters, (v as { param: string }).param) : v;
  return isDurationCount(raw) ? raw : undefined;
};

function counted(duration: unknown, parameters: Record<string, JsonValue>): Counted | undefined {
  if (typeof duration !== 'object' || duration === null) return undefined;
  const d: Duration | undefined = resolveDuration(duration as Duration, parameters);
  if (!d || typeof d !== 'object') return undefined;
  for (const unit of ['workingDays', 'days', 'months'] as const) {
    if (d[unit] === undefined) continue;
    const count = countOf(d[unit], parameters);
    return count === undefined ? undefined : { unit, count };
  }
  return d.date !== undefined ? { unit: 'date', count: 1 } : undefined;
}

/** The first and the day after the last day of the calendar the bounds are measured on. */
const measuredFrom = '2004-01-01';
const measuredTo = '2032-01-01';

/** The working calendar of 2004–2031 as prefix counts: `worked[i]` working days among the first i days, `positions` the working days' indexes. */
interface MeasuredCalendar { working: boolean[]; worked: number[]; positions: number[] }
let measured: MeasuredCalendar | undefined;
function measuredCalendar(): MeasuredCalendar {
  if (measured) return measured;
  const calendar = createWorkingCalendar();
  const working: boolean[] = [];
  for (let d = measuredFrom; d < measuredTo; d = addCalendarDays(d, 1)) working.push(calendar.isWorkingDay(d));
  const worked = [0];
  const positions: number[] = [];
  working.forEach((w, i) => { worked.push(worked[i]! + (w ? 1 : 0)); if (w) positions.push(i); });
  measured = { working, worked, positions };
  return measured;
}
const maxWorkingCache = new Map<number, number>();
const maxSpanCache = new Map<number, number>();

/**
 * The most working days from a start day to the due date of N calendar days (the last day moved
 * onto a working day), over every start day of 2004–2031 on the working calendar (shipped tables and
 * computed holidays); beyond that range, every day counted as a working day.
 */
export function maxWorkingDaysIn(days: number): number {
  const cached = maxWorkingCache.get(days);
  if (cached !== undefined) return cached;
  const { working, worked } = measuredCalendar();
  let most = 0;
  for (let s = 0; s + days < working.length && most <= days; s++) {
    let end = s + days;
    while (end < working.length && !working[end]) end++;
    if (end >= working.length) { most = days + 1; break; }
    most = Math.max(most, worked[end + 1]! - worked[s + 1]!);
  }
  if (days + 400 >= working.length) most = days + 1;
  maxWorkingCache.set(days, most);
  return most;
}

/**
 * The most calendar days N working days can span (from the start day to the end of the N-th working
 * day after it), over every start day of 2004–2031; beyond that range, 7 days per 5 working days
 * with a year's holidays (40 days) per started year.
 */
export function maxCalendarDaysOf(workingDays: number): number {
  const cached = maxSpanCache.get(workingDays);
  if (cached !== undefined) return cached;
  const { working, worked, positions } = measuredCalendar();
  let most = 0;
  let inRange = true;
  for (let s = 0; s < working.length - 400; s++) {
    const at = positions[worked[s + 1]! + workingDays - 1];
    if (at === undefined) { inRange = false; break; }
    most = Math.max(most, at - s);
  }
  if (!inRange || most === 0) { const weeks = 7 * Math.ceil(workingDays / 5); most = weeks + 40 * Math.ceil(weeks / 365); }
  maxSpanCache.set(workingDays, most);
  return most;
}

/** The fewest calendar days N months can be (from any start day, by 第二百零二条: the same day, or the month's last day). */
export function minCalendarDaysOfMonths(months: number): number {
  let least = Infinity;
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
    const start = new Date(t).toISOString().slice(0, 10);
    least = Math.min(least, Math.round((Date.parse(addCalendarMonths(start, months)) - t) / 86_400_000));
  }
  return least;
}

/** An upper bound of `d` in the comparison unit. */
function upperBound(d: Counted, unit: LimitUnit): number {
  if (d.unit === unit) return d.count;
  const calendarDays = d.unit === 'days' ? d.count : d.unit === 'months' ? 31 * d.count : d.unit === 'date' ? 366 : maxCalendarDaysOf(d.count);
  return unit === 'workingDays' ? (d.unit === 'workingDays' ? d.count : maxWorkingDaysIn(calendarDays)) : calendarDays;
}

/**
 * An upper bound of a deadline against a limit in `unit` (months compared in calendar days), for
 * choosing the longest of several deadlines that run side by side (parallel branches); 0 when it is
 * not counted here (a parameter missing, a date in the form data).
 */
export function deadlineUpperBound(duration: unknown, parameters: Record<string, JsonValue>, unit: LimitUnit): number {
  const d = counted(duration, parameters);
  return d ? upperBound(d, unit === 'months' && d.unit !== 'months' ? 'days' : unit) * (unit === 'months' && d.unit === 'months' ? 31 : 1) : 0;
}

const unitText: Record<LimitUnit, string> = { workingDays: '个工作日', days: '日', months: '个月' };

/** The duration of `step` that counts against the clock, if any (送达 after the clock stopped, `stopsClock`, does not). */
function countedDuration(step: StepDefinition | undefined): unknown {
  if (step?.type === 'task' && !step.pausesClock && !step.startsClock && !step.stopsClock) return step.deadline;
  if (step?.type === 'timer' && !step.pausesClock) return step.duration;
  // A wait for child cases counts up to its deadline (after which it times out); without one it is not bounded here.
  if (step?.type === 'children' && !step.pausesClock) return step.deadline;
  return undefined;
}

/** A name no step can have (names start with a letter): the moment the clock starts, before every `startsClock` step. */
const clockStart = '\u0000clockStart';

/**
 * The branch whose counted deadlines exceed the limit, if any, refused at the limit's path. Also
 * refuses a limit (or its parameter) that cannot be counted. `forward` gives a step's forward exits.
 */
export function limitChainProblems(def: WorkflowDefinition, forward: (n: string) => string[]): DefinitionProblem[] {
  if (!def.limit) return [];
  const parameters = (def.parameters ?? {}) as Record<string, JsonValue>;
  const unitKey = (['workingDays', 'days', 'months'] as const).find((u) => def.limit![u] !== undefined) ?? 'workingDays';
  const limitPath = `/limit/${unitKey}`;
  const limit: ResolvedLimit | undefined = baseLimit(def.limit, parameters);
  if (!limit) return [{ path: limitPath, message: '总时限参数未定义，或其值不是正整数。' }];

  const steps = def.steps;
  const durations = new Map<string, Counted>();
  for (const [name, step] of Object.entries(steps)) {
    const d = counted(countedDuration(step), parameters);
    if (d) durations.set(name, d);
  }
  let unit: LimitUnit = limit.unit;
  let bound = limit.count;
  if (limit.unit === 'months' && [...durations.values()].some((d) => d.unit !== 'months')) {
    unit = 'days';
    bound = minCalendarDaysOfMonths(limit.count);
  }
  const cost = (n: string): number => { const d = durations.get(n); return d ? upperBound(d, unit) : 0; };
  // Branches start where the clock starts (leaving a startsClock step; from the first step when none does) and end where it stops (stopsClock).
  const starts = Object.keys(steps).filter((n) => { const s = ownEntry(steps, n); return s?.type === 'task' && s.startsClock === true; });
  const onward = (n: string): string[] => {
    if (n === clockStart) return starts;
    const s = ownEntry(steps, n);
    return s?.type === 'task' && s.stopsClock === true ? [] : forward(n).filter((t) => hasOwnEntry(steps, t));
  };
  const { total, path } = longestChain(starts.length ? clockStart : def.initial, onward, cost);
  if (total <= bound) return [];
  const branch = path.filter((n) => n !== clockStart).map((n) => ownEntry(steps, n)!.name).join(' → ');
  const mixed = path.some((n) => { const d = durations.get(n); return d !== undefined && d.unit !== limit.unit; });
  const worst = mixed ? `按各单位换算的上限，最多可达 ${total} ${unitText[unit]}` : `最多可达 ${total} ${unitText[unit]}`;
  const against = unit === limit.unit ? `总时限 ${limitText(limit)}` : `总时限 ${limitText(limit)}（至少 ${bound} 日）`;
  return [{ path: limitPath, message: `各步骤期限之和${worst}（${branch}），超过${against}。` }];
}
