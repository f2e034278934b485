/**
 * Facts of a case's subject (a person or household, an organisation): a JSON object that effects
 * of earlier cases set (`setSubjectFact`) and conditions read (`{ "subjectFact": "assistance.since", … }`),
 * addressed by dotted paths. Only own properties are followed.
 */
import type { Condition, EffectRef, JsonValue, SubjectFactCondition, WorkflowDefinition } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';

/** Whether `path` is a fact path: dot-separated names of letters, digits, `_` and `-`. */
export const factPathPattern = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;

/** The fact at the dotted `path`, or undefined. */
export function readFact(facts: Record<string, JsonValue>, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = facts;
  for (const key of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = ownEntry(current, key);
  }
  return current;
}

/** `facts` with the fact at the dotted `path` set to `value` (a new object; objects on the way are created). */
export function withFact(facts: Record<string, JsonValue>, path: string, value: JsonValue): Record<string, JsonValue> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const next: Record<string, JsonValue> = { ...facts };
  const inner = ownEntry(facts, head);
  const child = rest.length === 0 ? value : withFact(inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : {}, rest.join('.'), value);
  Object.defineProperty(next, head, { value: child, writable: true, enumerable: true, configurable: true });
  return next;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a subject-fact condition holds on `facts`. */
export function subjectFactHolds(condition: SubjectFactCondition, facts: Record<string, JsonValue>): boolean {
  const value = readFact(facts, condition.subjectFact);
  if ('exists' in condition) return (value !== undefined && value !== null && value !== '') === condition.exists;
  if ('equals' in condition) return same(value, condition.equals);
  return condition.in.some((v) => same(value, v));
}

function factsIn(condition: Condition | undefined, out: Set<string>): void {
  if (!condition) return;
  if ('all' in condition) condition.all.forEach((c) => factsIn(c, out));
  else if ('any' in condition) condition.any.forEach((c) => factsIn(c, out));
  else if ('not' in condition) factsIn(condition.not, out);
  else if ('subjectFact' in condition) out.add(condition.subjectFact);
  else if ('age' in condition && 'fact' in condition.age) out.add(condition.age.fact);
}

/** The fact a `setData` effect copies into the case data (`fromFact`), if any. */
function factCopied(ref: EffectRef, out: Set<string>): void {
  const from = ref.args?.fromFact;
  if (ref.effect === 'setData' && typeof from === 'string') out.add(from);
}

/**
 * The fact paths a definition reads — in its conditions (routes, guards, skips) and the facts its
 * `setData` effects copy (`fromFact`) — in order. The host reads
 * just these of the subject before `decide` and records them in the event, so replay is exact.
 */
export function subjectFactsRead(def: WorkflowDefinition): string[] {
  const out = new Set<string>();
  for (const step of Object.values(def.steps)) {
    if (step.type === 'choice') step.target.forEach((r) => factsIn(r.when, out));
    if (step.type === 'timer') {
      factsIn(step.skipWhen, out);
      if (Array.isArray(step.onElapsed)) step.onElapsed.forEach((r) => factsIn(r.when, out));
    }
    if (step.type === 'task' || step.type === 'timer') {
      for (const action of Object.values(step.actions ?? {})) {
        factsIn(action.guard, out);
        if (Array.isArray(action.target)) action.target.forEach((r) => factsIn(r.when, out));
        (action.effects ?? []).forEach((ref) => factCopied(ref, out));
      }
    }
    if (step.type !== 'choice') (step.onEnter ?? []).forEach((ref) => factCopied(ref, out));
  }
  (def.endsWhen ?? []).forEach((r) => factsIn(r.when, out));
  return [...out];
}

/** The facts at `paths` of `facts` only (what the event records). */
export function pickFacts(facts: Record<string, JsonValue>, paths: readonly string[]): Record<string, JsonValue> {
  let picked: Record<string, JsonValue> = {};
  for (const path of paths) {
    const value = readFact(facts, path);
    if (value !== undefined) picked = withFact(picked, path, value);
  }
  return picked;
}
