/**
 * The `children` step: entering it starts child cases (one per spec, or one per item of a form
 * array) and opens a wait on the parent; each child that ends tells the parent through the system
 * command `child.settled`, which records the outcome and — once `all`, `any` or the step's count of
 * them have ended — lets the case route on (compileWorkflow.ts routes by `onSettled`). A signal for
 * a wait the parent has left, or of a child already counted, is stale: refused, so the host spends
 * it without writing anything.
 */
import type { ChildOutcome, ChildrenStep, JsonValue } from '../definition/types.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { durationDue } from '../calendar/durationDue.js';
import { readPointer } from '../conditions/jsonPointer.js';
import { hasOwnEntry, ownEntry } from '../definition/ownEntry.js';
import { childSettledName } from '../definition/validateChildren.js';
import type { ChildrenWaitState, ChildSignal, Effect } from '../model/index.js';

/** The reserved action of the signal a parent gets when a child ends (sent by the host as the system). */
export const childSettledAction = childSettledName;

/** The outcomes a child case can end with. */
export const childOutcomes: readonly ChildOutcome[] = ['approved', 'rejected', 'withdrawn', 'terminated'];

/** Entering a `children` step would start no child (the array it starts one per item of is empty or missing). */
export class NoChildrenError extends Error {
  constructor(message: string, readonly path: string) {
    super(message);
    this.name = 'NoChildrenError';
  }
}

/** The data of one child: `pass` from the parent's data, `passItem` from the item (`""` the whole item). */
function childData(spec: ChildrenStep['start'][number], data: Record<string, JsonValue>, item: unknown): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [to, from] of Object.entries(spec.pass ?? {})) {
    const value = readPointer(data, from) as JsonValue | undefined;
    if (value !== undefined) out[to] = value;
  }
  for (const [to, from] of Object.entries(spec.passItem ?? {})) {
    const value = readPointer(item, from) as JsonValue | undefined;
    if (value !== undefined) out[to] = value;
  }
  return out;
}

/** How many ended children settle a wait of `started`: every one, the first, or the step's count (at most `started`). */
export function childrenNeeded(step: ChildrenStep, parameters: Record<string, JsonValue>, started: number): number {
  if (step.wait === 'all') return started;
  if (step.wait === 'any') return Math.min(1, started);
  const raw = typeof step.wait.count === 'number' ? step.wait.count : ownEntry(parameters, step.wait.count.param);
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) throw new Error(`步骤“${step.name}”等待的子案件数无法确定（参数缺失或不是正整数）。`);
  return Math.min(raw, started);
}

/**
 * Entering a `children` step on visit key `key`: the `startChildCase` effects (each naming the
 * wait), the step deadline's timer, and the wait. No child to start throws {@link NoChildrenError}
 * (at the data path of the empty array).
 */
export function enterChildrenStep(step: ChildrenStep, stepName: string, key: string, parameters: Record<string, JsonValue>, data: Record<string, JsonValue>, now: Date, calendar: WorkingCalendar): { wait: ChildrenWaitState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const spec of step.start) {
    if (spec.forEach === undefined) {
      effects.push({ type: 'startChildCase', workflow: spec.workflow, data: childData(spec, data, undefined), wait: key });
      continue;
    }
    const items = readPointer(data, spec.forEach);
    for (const item of Array.isArray(items) ? items : []) {
      // About an organisation the item names (its 统一社会信用代码), when the spec says so.
      const organisation = spec.organisationFrom !== undefined ? readPointer(item, spec.organisationFrom) : undefined;
      if (spec.organisationFrom !== undefined && (typeof organisation !== 'string' || organisation === '')) throw new NoChildrenError(`步骤“${step.name}”的一项没有组织的统一社会信用代码（“${spec.organisationFrom}”）。`, `/data${spec.forEach}`);
      effects.push({ type: 'startChildCase', workflow: spec.workflow, data: childData(spec, data, item), wait: key, ...(typeof organisation === 'string' ? { organisation } : {}) });
    }
  }
  if (effects.length === 0) {
    const path = step.start.find((s) => s.forEach !== undefined)?.forEach ?? '';
    throw new NoChildrenError(`步骤“${step.name}”没有可发起的子案件：“${path}”中没有任何一项。`, `/data${path}`);
  }
  const started = effects.length;
  // The deadline's timer; like a task's deadline, one relative to a form date the data lacks is not set (the checker refuses one that cannot be counted at all).
  const due = step.deadline ? durationDue(step.deadline, parameters, data, now, calendar) : undefined;
  if (due) effects.push({ type: 'scheduleTimer', key, step: stepName, dueAt: due.toISOString() });
  return { wait: { key, started, needed: childrenNeeded(step, parameters, started), ended: {} }, effects };
}

/** Whether a wait is met: enough children ended, of those the step still waits for. */
export function waitMet(wait: ChildrenWaitState): boolean {
  const considered = wait.started - (wait.excluded?.length ?? 0);
  return Object.keys(wait.ended).length >= Math.min(wait.needed, considered);
}

/** What a child's signal does to the wait of the step the parent is in, or why it is stale. */
export type ChildSignalVerdict = { ok: true; wait: ChildrenWaitState; settled: boolean } | { ok: false; message: string };

/**
 * Records a child's end on the wait `current` of `step` entered as visit `key`. Stale (refused):
 * a signal of another visit, a wait already over, a child already counted, an outcome unknown.
 */
export function recordChildEnd(step: ChildrenStep, key: string, current: ChildrenWaitState | undefined, signal: ChildSignal | undefined): ChildSignalVerdict {
  if (!signal || !current || current.key !== key || signal.wait !== key || current.result) return { ok: false, message: '该子案件的通知已失效：本案件已不在等待它的步骤。' };
  if (!childOutcomes.includes(signal.outcome)) return { ok: false, message: `子案件的结果“${String(signal.outcome)}”无效。` };
  const excluded = current.excluded ?? [];
  if (hasOwnEntry(current.ended, signal.case) || excluded.includes(signal.case)) return { ok: false, message: '该子案件的办结已记录。' };
  if (Object.keys(current.ended).length + excluded.length >= current.started) return { ok: false, message: '该步骤发起的子案件都已办结。' };
  const wait: ChildrenWaitState =
    signal.outcome === 'withdrawn' && step.withdrawn === 'excluded'
      ? { ...current, excluded: [...excluded, signal.case] }
      : { ...current, ended: { ...current.ended, [signal.case]: signal.outcome } };
  return { ok: true, wait, settled: waitMet(wait) };
}

/**
 * What a child reports back to its parent when its end is recorded: the `collect` of the start spec
 * of its workflow (the first that collects), as a `setData` effect appending `{ case, outcome, …values }`
 * to the parent's array at `into` — or nothing when the spec collects nothing.
 */
export function collectedFromChild(step: ChildrenStep, workflow: string | undefined, signal: ChildSignal, data: Record<string, JsonValue>): Effect | undefined {
  const spec = step.start.find((s) => s.collect !== undefined && (workflow === undefined || s.workflow === workflow)) ?? step.start.find((s) => s.collect !== undefined);
  if (!spec?.collect) return undefined;
  const existing = readPointer(data, spec.collect.into);
  const item: Record<string, JsonValue> = { case: signal.case, outcome: signal.outcome };
  for (const key of Object.keys(spec.collect.values)) {
    const value = signal.values !== undefined && hasOwnEntry(signal.values, key) ? ownEntry(signal.values, key) : undefined;
    if (value !== undefined) Object.defineProperty(item, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { type: 'setData', path: spec.collect.into, value: [...(Array.isArray(existing) ? (existing as JsonValue[]) : []), item] };
}
