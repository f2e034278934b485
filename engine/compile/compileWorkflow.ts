/**
 * Compiles a workflow definition into an XState v5 machine: one state per step, one event per
 * action, conditional routes as guarded transitions, 补正 returns that remember who returned the
 * case so that resubmission resumes there, countersign as a guarded self-transition, choice and
 * skippable timer steps as eventless (`always`) transitions, panel ballots as a self-transition until
 * the panel is decided. Compile once per definition version.
 */
import { actsOf, overdueAction } from '../runtime/deadlineTimers.js';
import { assign, setup, type AnyStateMachine } from 'xstate';
import type { ActionDefinition, Condition, JsonValue, Route, StepDefinition, Target, WorkflowDefinition } from '../definition/types.js';
import { DefinitionError } from '../definition/problems.js';
import { validateDefinition } from '../definition/validateDefinition.js';
import { ownEntry } from '../definition/ownEntry.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import type { EffectRegistry } from '../registry/effects.js';
import type { GuardRegistry } from '../registry/guards.js';
import type { ResolverRegistry } from '../registry/resolvers.js';
import type { ProcessModule } from '../process/processModule.js';
import { implementationsOf, processModuleProblems } from '../process/processImplementations.js';
import { unimplementedNames } from '../process/unimplementedNames.js';
import { panelProblems } from '../definition/panelProblems.js';
import { subjectFactsRead } from '../conditions/subjectFacts.js';
import { childSettledAction } from '../runtime/childrenStep.js';
import { subjectChangedName } from '../definition/validateEndsWhen.js';
import type { ChildrenWaitState } from '../model/index.js';
import { stepActionEntries } from '../runtime/parallelBranches.js';
import { withParallelStepsAsTasks } from '../definition/parallelShadow.js';

/** The machine's context: small, persisted with the case. */
export interface MachineContext {
  /** The step that returned the case for correction, where resubmission resumes. */
  returnedFrom: string | null;
  /** Countersign approvals (roles) collected in the current visit. */
  approvals: string[];
  /** How many times each step was entered (task and timer keys are `step#visit`). */
  visits: Record<string, number>;
}

/** The event the engine sends into the machine for a command. */
export interface MachineEvent {
  type: string;
  data: Record<string, JsonValue>;
  flags: string[];
  subjectFacts?: Record<string, JsonValue>;
  returnTo?: string;
  role?: string;
  group?: string[];
  /** Results of the case's decided panels after this command, by step name. */
  panels?: Record<string, string>;
  /** For a ballot: whether it decided the panel (the last one that counts); undecided, the case stays. */
  panelDecided?: boolean;
  /** Outcomes of the case's decided items after this command's own effects, by item key. */
  decisions?: Record<string, string>;
  /** The milestones reached after this command's own effects. */
  milestones?: string[];
  /** Results of the branches of parallel steps after this command, by branch key. */
  branches?: Record<string, string>;
  /** For a branch's decision: whether it reached the join (undecided, the case stays). */
  joined?: boolean;
  /** The time of the command (ISO), the `now` of date conditions; on replay, the recorded event time. */
  now?: string;
  /** The case's id, for sampling conditions. */
  caseId?: string;
  /** The waits of the case's `children` steps after this command, by step name. */
  children?: Record<string, ChildrenWaitState>;
  /** For `child.settled`: whether this child's end met the wait (unmet, the case stays). */
  childrenSettled?: boolean;
}

/** A definition compiled for running cases. */
export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  machine: AnyStateMachine;
  parameters: Record<string, JsonValue>;
  /** The built-in guards plus the process module's (no prototype: names are own entries only). */
  guards: GuardRegistry;
  /** The built-in effects plus the process module's. */
  effects: EffectRegistry;
  /** The built-in assignee resolvers plus the process module's. */
  resolvers: ResolverRegistry;
  /** The definition's process module, when it has one (document view and what later kinds of process code add). */
  process?: ProcessModule;
  /** For each step, the steps that may return a case to it. */
  returners: Record<string, string[]>;
  /** The subject facts the definition's conditions read (the host passes and records just these). */
  subjectFactsRead: string[];
}

/** What a host passes besides the definition. */
export interface CompileOptions {
  /** The definition's process module (`workflows/<key>/process.ts`), found by the host from the definition's key. */
  process?: ProcessModule;
}

function routesOf(target: Target | undefined): Route[] {
  if (target === undefined) return [];
  return typeof target === 'string' ? [{ target }] : target;
}

/**
 * Compiles `definition` with the implementations of its process module; throws
 * {@link DefinitionError} listing every problem when the definition's shape is invalid, the module
 * is not the definition's or names outside its namespace, or a guard, effect or resolver it names
 * is implemented nowhere.
 */
export function compileWorkflow(definition: WorkflowDefinition, options: CompileOptions = {}): CompiledWorkflow {
  const shape = validateDefinition(definition);
  if (shape.length > 0) throw new DefinitionError(shape);
  const { process } = options;
  const moduleProblems = process ? processModuleProblems(process, definition.key).map((p) => ({ path: `/process${p.path}`, message: p.message })) : [];
  if (moduleProblems.length > 0) throw new DefinitionError(moduleProblems);
  const { guards, effects, resolvers } = implementationsOf(process);
  // Parallel steps are seen by the name and panel checks through their task stand-ins (parallelShadow.ts).
  const shadow = withParallelStepsAsTasks(definition);
  const unimplemented = shadow.restore(unimplementedNames(shadow.definition, { guards, effects, resolvers }));
  if (unimplemented.length > 0) throw new DefinitionError(unimplemented);
  const parameters = definition.parameters ?? {};
  // A panel that cannot reach its quorum or decide, or routes on results it cannot come to, never runs.
  const panels = shadow.restore(panelProblems(shadow.definition, parameters));
  if (panels.length > 0) throw new DefinitionError(panels);

  // No prototype: a step name is only ever an own key here.
  const returners: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, step] of Object.entries(definition.steps)) {
    for (const [, action] of stepActionEntries(step)) {
      if (action.kind !== 'return') continue;
      for (const target of action.returnTo ?? []) {
        const list = ownEntry(returners, target) ?? [];
        if (!list.includes(name)) returners[target] = [...list, name];
      }
    }
  }

  const holds = (condition: Condition | undefined, event: MachineEvent): boolean =>
    condition === undefined || evaluateCondition(condition, { data: event.data ?? {}, flags: event.flags ?? [], parameters, guards, ...(event.subjectFacts ? { subjectFacts: event.subjectFacts } : {}), ...(event.panels ? { panels: event.panels } : {}), ...(event.decisions ? { decisions: event.decisions } : {}), ...(event.milestones ? { milestones: event.milestones } : {}), ...(event.branches ? { branches: event.branches } : {}), ...(event.now ? { now: new Date(event.now) } : {}), ...(event.caseId !== undefined ? { caseId: event.caseId } : {}), ...(event.children ? { children: event.children } : {}) });

  const machineSetup = setup({
    types: { context: {} as MachineContext, events: {} as MachineEvent },
    guards: {
      condition: ({ event }, params: { when?: Condition }) => holds(params.when, event as MachineEvent),
      returnToIs: ({ event }, params: { step: string }) => (event as MachineEvent).returnTo === params.step,
      returnedFromIs: ({ context }, params: { step: string }) => context.returnedFrom === params.step,
      countersignIncomplete: ({ context, event }) => {
        const e = event as MachineEvent;
        const approved = new Set([...context.approvals, e.role ?? '']);
        return (e.group ?? []).some((role) => !approved.has(role));
      },
      panelUndecided: ({ event }) => (event as MachineEvent).panelDecided !== true,
      childrenUnsettled: ({ event }) => (event as MachineEvent).childrenSettled !== true,
      branchesUnjoined: ({ event }) => (event as MachineEvent).joined !== true,
    },
    actions: {
      rememberReturner: assign({ returnedFrom: (_, params: { step: string }) => params.step }),
      forgetReturner: assign({ returnedFrom: () => null }),
      recordApproval: assign({ approvals: ({ context, event }) => [...context.approvals, (event as MachineEvent).role ?? ''] }),
      enter: assign({
        approvals: () => [],
        visits: ({ context }, params: { step: string }) => ({ ...context.visits, [params.step]: (ownEntry(context.visits, params.step) ?? 0) + 1 }),
      }),
    },
  });

  const routeTransitions = (target: Target | undefined) =>
    routesOf(target).map((route) => ({ target: route.target, guard: { type: 'condition' as const, params: { when: route.when } } }));

  const actionTransitions = (stepName: string, step: StepDefinition, action: ActionDefinition) => {
    if (action.kind === 'return') {
      return (action.returnTo ?? []).map((t) => ({
        target: t,
        reenter: true,
        guard: { type: 'returnToIs' as const, params: { step: t } },
        actions: [{ type: 'rememberReturner' as const, params: { step: stepName } }],
      }));
    }
    if (action.kind === 'save' || action.kind === 'extend') return [{ actions: [] }];
    // A ballot that leaves the panel undecided keeps the case where it is; the deciding one routes on the result.
    if (action.kind === 'vote') return [{ guard: { type: 'panelUndecided' as const }, actions: [] }, ...routeTransitions(action.target).map((t) => ({ ...t, reenter: true, actions: [{ type: 'forgetReturner' as const }] }))];
    const transitions: object[] = [];
    if (action.kind === 'submit' || action.kind === 'approve') {
      for (const returner of ownEntry(returners, stepName) ?? []) {
        transitions.push({ target: returner, reenter: true, guard: { type: 'returnedFromIs', params: { step: returner } }, actions: [{ type: 'forgetReturner' }] });
      }
      if (step.type === 'task' && step.assignee.mode === 'all') {
        transitions.push({ guard: { type: 'countersignIncomplete' }, actions: [{ type: 'recordApproval' }] });
      }
    }
    return [...transitions, ...routeTransitions(action.target).map((t) => ({ ...t, reenter: true, actions: [{ type: 'forgetReturner' }] }))];
  };

  const states: Record<string, object> = {};
  for (const [name, step] of Object.entries(definition.steps)) {
    const entry = [{ type: 'enter', params: { step: name } }];
    if (step.type === 'final') {
      states[name] = { type: 'final', entry };
    } else if (step.type === 'choice') {
      states[name] = { entry, always: routeTransitions(step.target) };
    } else if (step.type === 'children') {
      // A child's end that leaves the wait unmet keeps the case here; the one that meets it routes by onSettled; the deadline by onTimeout.
      const on: Record<string, object[]> = { [childSettledAction]: [{ guard: { type: 'childrenUnsettled' }, actions: [] }, ...routeTransitions(step.onSettled).map((t) => ({ ...t, reenter: true }))] };
      if (step.onTimeout !== undefined) on['timer.elapsed'] = routeTransitions(step.onTimeout).map((t) => ({ ...t, reenter: true }));
      states[name] = { entry, on };
    } else if (step.type === 'parallel') {
      // A branch's decision stays in the step until the join; a refusal that ends the step leaves by its own target.
      const on: Record<string, object[]> = {};
      for (const [actionName, action] of stepActionEntries(step)) {
        const leaves = (target: Target | undefined) => routeTransitions(target).map((t) => ({ ...t, reenter: true, actions: [{ type: 'forgetReturner' }] }));
        if (action.kind === 'reject' && (step.onRefusal ?? 'end') === 'end') on[actionName] = leaves(action.target);
        else if (action.kind === 'approve' || action.kind === 'reject') on[actionName] = [{ guard: { type: 'branchesUnjoined' }, actions: [] }, ...leaves(step.target)];
        else on[actionName] = actionTransitions(name, step, action);
      }
      states[name] = { entry, on };
    } else {
      const on: Record<string, object[]> = {};
      for (const [actionName, action] of Object.entries(step.actions ?? {})) on[actionName] = actionTransitions(name, step, action);
      if (step.type === 'timer') on['timer.elapsed'] = routeTransitions(step.onElapsed).map((t) => ({ ...t, reenter: true }));
      // A deadline's timeout route (deadlineTimers.ts): the overdue timer moves the case to the step the definition names.
      const timeout = step.type === 'task' ? actsOf(definition, name).onOverdue : undefined;
      if (timeout && 'route' in timeout) on[overdueAction] = [{ target: timeout.route, reenter: true, actions: [{ type: 'forgetReturner' }] }];
      const always = step.type === 'timer' && step.skipWhen ? routeTransitions(step.onElapsed).map((t) => ({ ...t, guard: { type: 'condition', params: { when: step.skipWhen } } })) : undefined;
      states[name] = always ? { entry, on, always } : { entry, on };
    }
  }

  // A change of the subject's facts (`subject.changed`) ends the case by `endsWhen` from any step it rests in.
  if (definition.endsWhen) {
    for (const [name, step] of Object.entries(definition.steps)) {
      if (step.type === 'final' || step.type === 'choice') continue;
      const state = states[name] as { on: Record<string, object[]> };
      state.on[subjectChangedName] = routeTransitions(definition.endsWhen).map((t) => ({ ...t, reenter: true, actions: [{ type: 'forgetReturner' }] }));
    }
  }

  const machine = machineSetup.createMachine({
    id: `${definition.key}@${definition.version}`,
    initial: definition.initial,
    context: { returnedFrom: null, approvals: [], visits: {} },
    // The state config is built from data; its shape is checked by validateDefinition above.
    states: states as never,
  });
  return { definition, machine: machine as unknown as AnyStateMachine, parameters, guards, effects, resolvers, returners, subjectFactsRead: subjectFactsRead(shadow.definition), ...(process ? { process } : {}) };
}
