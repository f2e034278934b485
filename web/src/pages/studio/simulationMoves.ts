/**
 * The moves the simulation page offers after a state: the actions of the step the case is in (by
 * the definition; a parallel step's branches', as `<branch>.<action>`), the pending timer, a child case's end for a
 * step waiting for children, and the clock moving on — the words of `tongban simulate`.
 */
import type { JsonObject, SimulatedStateView } from '../../../../engine/index.js';

/** One move the page offers: its word (as typed on the command line) and what it reads as. */
export interface OfferedMove {
  word: string;
  label: string;
  kind: 'action' | 'timer' | 'child' | 'advance';
}

type Actions = Record<string, { label?: unknown }>;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** A step's name in the definition, or its key. */
export function stepName(definition: JsonObject, step: string): string {
  const steps = isObject(definition.steps) ? definition.steps : {};
  const s = own(steps, step);
  return isObject(s) && typeof s.name === 'string' ? s.name : step;
}

/** The actions of a step as moves, in the definition's order: a parallel step's are its branches', named `<branch>.<action>` as the engine names them. */
function stepActions(step: Record<string, unknown>): [string, string][] {
  const found: [string, string][] = [];
  const add = (actions: unknown, prefix: string, branchName: string) => {
    if (!isObject(actions)) return;
    for (const [name, action] of Object.entries(actions as Actions)) {
      const label = isObject(action) && typeof action.label === 'string' ? action.label : name;
      found.push([`${prefix}${name}`, branchName ? `${branchName}：${label}` : label]);
    }
  };
  if (step.type === 'parallel' && isObject(step.branches)) {
    for (const [branch, def] of Object.entries(step.branches)) if (isObject(def)) add(def.actions, `${branch}.`, typeof def.name === 'string' ? def.name : branch);
  } else add(step.actions, '', '');
  return found;
}

/** The moves offered after `state` (the last one walked). */
export function offeredMoves(definition: JsonObject, state: SimulatedStateView | undefined, labels: { timer: string; child: string; workingDay: string }): OfferedMove[] {
  const steps = isObject(definition.steps) ? definition.steps : {};
  const stepKey = state?.entry.snapshot.step ?? (typeof definition.initial === 'string' ? definition.initial : '');
  const done = state?.entry.snapshot.status === 'done';
  const step = own(steps, stepKey);
  const moves: OfferedMove[] = [];
  if (!done && isObject(step)) for (const [word, label] of stepActions(step)) moves.push({ word, label, kind: 'action' });
  if (!done && (state?.entry.timers.length ?? 0) > 0) moves.push({ word: 'timer', label: labels.timer, kind: 'timer' });
  if (!done && isObject(step) && step.type === 'children') moves.push({ word: 'child:approved', label: labels.child, kind: 'child' });
  moves.push({ word: '+1wd', label: labels.workingDay, kind: 'advance' });
  return moves;
}

/** The report lines of each state: the report's `[i] …` line and the lines under it, by state. */
export function reportByState(report: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (const line of report) {
    const m = /^\[(\d+)\] /.exec(line);
    if (m) chunks[Number(m[1])] = [line];
    else if (chunks.length > 0 && !line.startsWith('✗')) chunks[chunks.length - 1]!.push(line);
  }
  return chunks;
}
