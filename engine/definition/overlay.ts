/**
 * Local rules without editing the national definition: an overlay for one division (a province,
 * city, county or township) changes a restricted set of a base definition's values — parameters,
 * the overall limit, step deadlines, timer durations (公示 days) and who acts on a step (its
 * assignee's level and role). It cannot add, remove or re-route steps, change actions, forms,
 * starters or effects: the merged definition has the base's graph, so every case of the division
 * still follows the national procedure, within local time limits and by the local authority.
 * See docs/definition-language.md, Overlays (local rules).
 */
import type { Assignee, Duration, JsonValue, OverallLimit, Parameterised, WorkflowDefinition } from './types.js';
import { hasOwnEntry } from './ownEntry.js';

/** What an overlay may change on one step. */
export interface StepOverlay {
  /** A task step's deadline (replaces the base's, or adds one). */
  deadline?: Parameterised<Duration>;
  /** A timer step's waiting time (公示 days). */
  duration?: Parameterised<Duration>;
  /** Who acts on a task step whose base assignee is a level: the level and/or the role (a township confirms). */
  assignee?: Pick<Assignee, 'level' | 'role'>;
}

/** An overlay file, `workflows/<key>/overlays/<division code>.json`. */
export interface DefinitionOverlay {
  $schema?: string;
  /** The key of the base process. */
  base: string;
  /** The division the local rules apply to: a GB/T 2260 code (province NN0000, city NNNN00, county) or a 9-digit township code. */
  division: string;
  /** The overlay's own version, raised whenever its content changes. */
  version: number;
  /** A title for administrators, e.g. 郑州市审核确认时限（地方规定）. */
  name?: string;
  /** The local rule the overlay implements (document and number). */
  legalBasis?: string;
  /** Parameter values replacing the base's (only names the base declares, of the same JSON kind). */
  parameters?: Record<string, JsonValue>;
  /** The overall limit's values replacing the base's (`workingDays`, `days` or `months`; `extendedWorkingDays` or `extended`): a unit the overlay names replaces the base's unit. */
  limit?: Partial<OverallLimit>;
  /** Per step of the base: its deadline, timer duration or assignee level/role. */
  steps?: Record<string, StepOverlay>;
}

/** The top-level fields an overlay may have. */
export const overlayFields: ReadonlySet<string> = new Set(['$schema', 'base', 'division', 'version', 'name', 'legalBasis', 'parameters', 'limit', 'steps']);
/** The fields an overlay may set on a step. */
export const stepOverlayFields: ReadonlySet<string> = new Set(['deadline', 'duration', 'assignee']);
/** The fields an overlay may set on a step's assignee. */
export const assigneeOverlayFields: ReadonlySet<string> = new Set(['level', 'role']);
/** The fields an overlay may set in the overall limit. */
export const limitOverlayFields: ReadonlySet<string> = new Set(['workingDays', 'days', 'months', 'extendedWorkingDays', 'extended']);

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The base definition with the overlay's values in place: a new object, the base untouched.
 * Assumes the overlay passed {@link overlayShapeProblems}; fields it may not change are ignored.
 */
export function mergeOverlay(base: WorkflowDefinition, overlay: DefinitionOverlay): WorkflowDefinition {
  const merged = copy(base);
  if (overlay.parameters) {
    merged.parameters = merged.parameters ?? {};
    for (const [name, value] of Object.entries(overlay.parameters)) merged.parameters[name] = copy(value);
  }
  if (overlay.limit) {
    const limit: Partial<OverallLimit> = { ...(merged.limit ?? {}) };
    // A limit names one unit (overallLimit.ts): the overlay's unit, or way of extending, replaces the base's.
    const names = (fields: string[]) => fields.some((f) => hasOwnEntry(overlay.limit!, f));
    if (names(['workingDays', 'days', 'months'])) { delete limit.workingDays; delete limit.days; delete limit.months; }
    if (names(['extendedWorkingDays', 'extended'])) { delete limit.extendedWorkingDays; delete limit.extended; }
    for (const field of limitOverlayFields) if (hasOwnEntry(overlay.limit, field)) (limit as Record<string, unknown>)[field] = copy((overlay.limit as Record<string, unknown>)[field]);
    merged.limit = limit as OverallLimit;
  }
  for (const [name, change] of Object.entries(overlay.steps ?? {})) {
    if (!hasOwnEntry(merged.steps, name)) continue;
    const step = merged.steps[name]!;
    if (step.type === 'task') {
      if (change.deadline !== undefined) step.deadline = copy(change.deadline);
      if (change.assignee?.level !== undefined) step.assignee.level = copy(change.assignee.level);
      if (change.assignee?.role !== undefined) step.assignee.role = change.assignee.role;
    } else if (step.type === 'timer' && change.duration !== undefined) {
      step.duration = copy(change.duration);
    }
  }
  return merged;
}
