/**
 * The designer's structural edits of a definition: adding a step (task, timer or final, in the
 * smallest shape the definition language accepts), removing one, adding an action to a task and
 * removing one. Each answers a new copy and leaves the original alone; routes that still name a
 * removed step are left as they are, so the live check shows them where they are.
 */
import { pointerSegment } from './definitionGraph.js';
import { valueAt, withValueAt } from './definitionEdits.js';

/** The pattern of a step's or an action's key in the definition language (`$defs/name`). */
export const definitionKeyPattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Prefixes an action's key may not have: they name the engine's own verbs. */
const reservedActionPrefixes = ['verb.', 'deadline.', 'check.'];

/** The step types the designer can add. */
export const addableStepTypes = ['task', 'timer', 'final'] as const;
export type AddableStepType = (typeof addableStepTypes)[number];

/** The action kinds of the definition language (engine ActionKind). */
export const actionKinds = ['approve', 'reject', 'return', 'submit', 'withdraw', 'save', 'object', 'extend', 'vote', 'closePanel'] as const;
export type ActionKindName = (typeof actionKinds)[number];

/** Kinds whose action has no target (they stay on the step). */
const kindsWithoutTarget: readonly string[] = ['save', 'extend'];

/** What is wrong with a key for a new step or action: nothing, empty, not the pattern, reserved, or already used. */
export type KeyProblem = 'empty' | 'pattern' | 'reserved' | 'taken' | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: unknown, k: string): boolean => isObject(o) && Object.prototype.hasOwnProperty.call(o, k);

/** The keys of the definition's steps. */
export function stepKeys(definition: unknown): string[] {
  const steps = isObject(definition) ? definition.steps : undefined;
  return isObject(steps) ? Object.keys(steps) : [];
}

/** What is wrong with `key` as the key of a new step of `definition`. */
export function stepKeyProblem(definition: unknown, key: string): KeyProblem {
  if (key === '') return 'empty';
  if (!definitionKeyPattern.test(key)) return 'pattern';
  if (hasOwn(isObject(definition) ? definition.steps : undefined, key)) return 'taken';
  return undefined;
}

/** What is wrong with `key` as the key of a new action of step `stepKey`. */
export function actionKeyProblem(definition: unknown, stepKey: string, key: string): KeyProblem {
  if (key === '') return 'empty';
  if (!definitionKeyPattern.test(key)) return 'pattern';
  if (reservedActionPrefixes.some((p) => key.startsWith(p))) return 'reserved';
  if (hasOwn(valueAt(definition, `/steps/${pointerSegment(stepKey)}/actions`), key)) return 'taken';
  return undefined;
}

/** What a new step is made of. `next` is where a timer goes when it has elapsed. */
export interface NewStep {
  key: string;
  name: string;
  type: AddableStepType;
  /** A timer's step after the wait (`onElapsed`). */
  next?: string;
}

/**
 * The smallest step of `type` the language accepts apart from what the administrator adds next:
 * a task handled at the township (its actions are added next — the check asks for one until then),
 * a timer of 5 working days going to `next`, a final step ending approved.
 */
export function newStepShape(step: NewStep): Record<string, unknown> {
  switch (step.type) {
    case 'task': return { type: 'task', name: step.name, assignee: { level: 'township' }, actions: {} };
    case 'timer': return { type: 'timer', name: step.name, duration: { workingDays: 5 }, onElapsed: step.next ?? '' };
    case 'final': return { type: 'final', name: step.name, outcome: 'approved' };
  }
}

/** A copy of `definition` with the new step added at the end of its steps. */
export function withStep<T>(definition: T, step: NewStep): T {
  return withValueAt(definition, `/steps/${pointerSegment(step.key)}`, newStepShape(step));
}

/** A copy of `definition` without step `key`; routes naming it are left for the check to show. */
export function withoutStep<T>(definition: T, key: string): T {
  return withValueAt(definition, `/steps/${pointerSegment(key)}`, undefined);
}

/** What a new action is made of. */
export interface NewAction {
  key: string;
  label: string;
  kind: ActionKindName;
  /** The step it goes to (a `return` goes back to it). */
  target: string;
}

/** The action as the language has it: a `return` names where it may go back to, `save` and `extend` go nowhere. */
export function newActionShape(action: NewAction): Record<string, unknown> {
  if (action.kind === 'return') return { kind: 'return', label: action.label, returnTo: [action.target] };
  if (kindsWithoutTarget.includes(action.kind)) return { kind: action.kind, label: action.label };
  return { kind: action.kind, label: action.label, target: action.target };
}

/** A copy of `definition` with the new action on step `stepKey`. */
export function withAction<T>(definition: T, stepKey: string, action: NewAction): T {
  return withValueAt(definition, `/steps/${pointerSegment(stepKey)}/actions/${pointerSegment(action.key)}`, newActionShape(action));
}

/**
 * The pointer of the action an edge draws (`/definition/steps/a/actions/x` from the edge's path,
 * which for one route of a conditional action ends in `/target/<n>`), or undefined for an edge
 * that is not an action's.
 */
export function actionPointerOf(edgePath: string): string | undefined {
  const match = /^(.*\/actions\/[^/]+)(\/target\/\d+)?$/.exec(edgePath);
  return match?.[1];
}
