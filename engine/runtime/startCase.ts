/**
 * Starts a case: the snapshot of a new case in the definition's initial step, with its tasks open.
 */
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { JsonValue } from '../definition/types.js';
import { enterStep } from './enterStep.js';
import { newClock } from './statutoryClock.js';
import { baseLimit } from '../definition/overallLimit.js';
import { recordDecisions } from './decisionItems.js';
import { withDeadlineActs } from './deadlineActs.js';
import type { DecideEnv } from './decide.js';
import type { CaseSnapshot, DecidedEvent, Effect, OrgPath } from '../model/index.js';

/** Who starts the case and where they live. */
export interface StartCaseInput {
  applicant: string;
  org: OrgPath;
  /** Who filed it: the applicant, or a village officer filing on their behalf (代办). */
  filedBy?: string;
}

/** The first snapshot of a case, its effects and its first event; an initial step that cannot be routed throws `AssignmentError`. */
export function startCase(wf: CompiledWorkflow, input: StartCaseInput, now: Date, env: Pick<DecideEnv, 'calendar' | 'data' | 'caseId' | 'panelCandidates' | 'recusedActors' | 'org'>): { snapshot: CaseSnapshot; effects: Effect[]; event: DecidedEvent } {
  const { definition } = wf;
  const limit = baseLimit(definition.limit, wf.parameters) ?? { unit: 'workingDays' as const, count: 0 };
  const initialContext = { returnedFrom: null, approvals: [], visits: { [definition.initial]: 1 } };
  const base: CaseSnapshot = {
    workflow: { key: definition.key, version: definition.version },
    version: 1,
    step: definition.initial,
    status: 'active',
    machine: { value: definition.initial, context: initialContext } as unknown as JsonValue,
    clock: newClock(limit),
    tasks: [],
    flags: [],
    org: input.org,
    applicant: input.applicant,
  };
  const entered = enterStep(wf, base, definition.initial, 1, env.data, now, env.calendar, {
    ...(env.caseId ? { caseId: env.caseId } : {}),
    ...(env.panelCandidates ? { panelCandidates: env.panelCandidates } : {}),
    ...(env.recusedActors ? { recusedActors: env.recusedActors } : {}),
    ...(env.org ? { org: env.org } : {}),
  });
  // The first step's own decisions and milestones (its onEnter effects), as the applicant's.
  const recorded = recordDecisions(wf, entered.snapshot, entered.effects, { now, actor: input.filedBy ?? input.applicant, step: definition.initial });
  if (!recorded.ok) throw new Error(recorded.rejection.message);
  // The first step's deadlines act too: its phase starts, its tasks' timers are set (deadlineActs.ts).
  const started = withDeadlineActs(wf, base, {
    ok: true,
    snapshot: recorded.snapshot,
    effects: recorded.effects,
    event: { action: 'start', kind: 'start', from: '', to: definition.initial, actor: input.filedBy ?? input.applicant, at: now.toISOString() },
  }, now, env.calendar, env.data);
  if (!started.ok) throw new Error(started.rejection.message);
  return started;
}
