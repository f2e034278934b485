/**
 * Simulating a case before a definition is published: the real engine (`startCase`, `decide`) walks
 * a path of moves (simulationPath.ts) on a simulated clock, with sample data, and every state it
 * passes is kept — the step, the open tasks with their level, unit, role and deadline, the pending
 * timer, the documents rendered, the statutory clock. Pure: no server, no files, no real clock; the
 * command line (`tongban simulate`) and the studio share it.
 */
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import type { ActionDefinition, AssigneeLevel, JsonValue } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import { chinaDateOf, chinaMidnight } from '../calendar/chinaDate.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import { decide } from '../runtime/decide.js';
import { childSettledAction } from '../runtime/childrenStep.js';
import { startCase } from '../runtime/startCase.js';
import { availableActions } from '../runtime/availableActions.js';
import { stepActionNamed } from '../runtime/parallelBranches.js';
import { requiresComment } from '../runtime/actionRules.js';
import { workingDaysLeft } from '../runtime/statutoryClock.js';
import { timerCommandOf } from '../runtime/deadlineTimers.js';
import type { Actor, CaseClock, CaseSnapshot, Effect, OpenTask, OrgPath, Rejection } from '../model/index.js';
import type { SimulationMove } from './simulationPath.js';

/** The org units of a simulated case (ids stand for the applicant's village, township and county). */
export const simulatedOrg: Required<OrgPath> = { county: 'county', township: 'township', village: 'village' };
/** The simulated applicant's user id. */
export const simulatedApplicant = 'applicant';

/** A document a state rendered, with what its template reads. */
export interface SimulatedDocument {
  template: string;
  kind: string;
  title: string;
  issuer?: AssigneeLevel;
  /** The case data and clock when it was rendered. */
  data: Record<string, JsonValue>;
  clock: CaseClock;
}

/** A pending timer: its key (`step#visit`, `remind:<task>:<n>`, `overdue:<task>`), step and due instant. */
export interface SimulatedTimer {
  key: string;
  step: string;
  dueAt: string;
}

/** One state of the simulated case, after a move (or at the start). */
export interface SimulationEntry {
  /** The move that led here; absent for the start. */
  move?: SimulationMove;
  /** The simulated time, ISO. */
  at: string;
  /** Who acted (level and role), for action and timer moves. */
  actor?: { level: string; role?: string };
  /** The label of the action taken. */
  label?: string;
  snapshot: CaseSnapshot;
  /** The pending timers after the move (a timer step's wait, reminders, overdue moments), soonest first. */
  timers: SimulatedTimer[];
  /** The timer a `timer` move fired. */
  fired?: SimulatedTimer;
  documents: SimulatedDocument[];
  /** Notices sent (to whom, what). */
  notices: { to: string; message: string }[];
}

/** A simulation: every state it passed, and the move it stopped at, if one was refused. */
export interface Simulation {
  entries: SimulationEntry[];
  data: Record<string, JsonValue>;
  /** The refused move (1-based position in the path), its word and why, in Chinese. */
  failure?: { index: number; word: string; message: string };
}

/** Where and with what a simulation starts. */
export interface SimulationOptions {
  start: Date;
  calendar: WorkingCalendar;
  /** The case data (a form's sample). */
  data?: Record<string, JsonValue>;
  /**
   * What the host does to data a command writes before deciding (the server recomputes the form's
   * computed fields, 人均月收入 …): applied to the starting data and after each `/path=value` move.
   */
  computeData?: (data: Record<string, JsonValue>) => Record<string, JsonValue>;
}

const chainLevels = ['village', 'township', 'county'] as const;

function officer(level: string, unit: string, role: string | undefined, user?: string): Actor {
  const chainLevel = (chainLevels as readonly string[]).includes(level) ? (level as (typeof chainLevels)[number]) : 'county';
  const path = [simulatedOrg.county, simulatedOrg.township, simulatedOrg.village].slice(0, chainLevels.length - chainLevels.indexOf(chainLevel));
  return { id: user ?? `${level}${role ? `:${role}` : ''}`, kind: 'officer', roles: role ? [role] : [], orgUnit: { id: unit, level: chainLevel, path } };
}

const applicantActor: Actor = { id: simulatedApplicant, kind: 'applicant', roles: [], orgUnit: { id: simulatedOrg.village, level: 'village', path: [simulatedOrg.county, simulatedOrg.township, simulatedOrg.village] } };

/** Someone who may act on `task`. */
function actorForTask(task: OpenTask): { actor: Actor; level: string; role?: string } {
  if (task.level === 'applicant') return { actor: applicantActor, level: 'applicant' };
  return { actor: officer(task.level, task.assigneeUnit, task.role, task.assigneeUser), level: task.level, ...(task.role ? { role: task.role } : {}) };
}

/** The people who might take `action` now: the action's own assignee or the timer step's officers, the open tasks' assignees, the applicant. */
function candidates(wf: CompiledWorkflow, snapshot: CaseSnapshot, action: ActionDefinition | undefined, stepType: string | undefined): { actor: Actor; level: string; role?: string }[] {
  const list: { actor: Actor; level: string; role?: string }[] = [];
  if (action && (stepType === 'timer' || action.assignee)) {
    const level = resolveLevel(action.assignee?.level ?? 'township', wf.parameters) ?? 'township';
    const role = action.assignee?.role;
    list.push(level === 'applicant' ? { actor: applicantActor, level } : { actor: officer(level, simulatedOrg[level], role), level, ...(role ? { role } : {}) });
  }
  for (const task of snapshot.tasks) if (task.mode !== 'sign' && task.mode !== 'panel') list.push(actorForTask(task));
  list.push({ actor: applicantActor, level: 'applicant' });
  for (const level of chainLevels) list.push({ actor: officer(level, simulatedOrg[level], undefined), level });
  return list;
}

function setPointer(data: Record<string, JsonValue>, pointer: string, value: JsonValue): void {
  const keys = pointer.replace(/^\//, '').split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target = data;
  for (const k of keys.slice(0, -1)) {
    const next = ownEntry(target, k);
    if (next === null || next === undefined || typeof next !== 'object' || Array.isArray(next)) Object.defineProperty(target, k, { value: {}, writable: true, enumerable: true, configurable: true });
    target = ownEntry(target, k) as Record<string, JsonValue>;
  }
  Object.defineProperty(target, keys[keys.length - 1]!, { value, writable: true, enumerable: true, configurable: true });
}

/** The instant on China date `date` at the time of day of `now`. */
function sameTimeOn(date: string, now: Date): Date {
  return new Date(now.getTime() + (chinaMidnight(date).getTime() - chinaMidnight(chinaDateOf(now)).getTime()));
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Runs `moves` on a new case of `wf`; stops at the first move the engine refuses. */
export function simulateCase(wf: CompiledWorkflow, moves: readonly SimulationMove[], options: SimulationOptions): Simulation {
  const { calendar } = options;
  let now = options.start;
  const compute = options.computeData ?? ((d: Record<string, JsonValue>) => d);
  let data: Record<string, JsonValue> = compute(copy(options.data ?? {}));
  const pending = new Map<string, SimulatedTimer>();
  const timers = (): SimulatedTimer[] => [...pending.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
  const caseId = 'simulation';
  const entries: SimulationEntry[] = [];

  /** Carries out the effects the simulation can see: data, the timer, documents and notices. */
  const record = (snapshot: CaseSnapshot, effects: Effect[], extra: Partial<SimulationEntry>): void => {
    for (const e of effects) if (e.type === 'setData') setPointer(data, e.path, e.value);
    const documents: SimulatedDocument[] = [];
    const notices: SimulationEntry['notices'] = [];
    for (const e of effects) {
      if (e.type === 'scheduleTimer') pending.set(e.key, { key: e.key, step: e.step, dueAt: e.dueAt });
      else if (e.type === 'cancelTimer') pending.delete(e.key);
      else if (e.type === 'moveDeadline' && e.target === 'timer' && pending.has(e.key)) pending.set(e.key, { ...pending.get(e.key)!, dueAt: e.dueAt });
      else if (e.type === 'renderDocument') documents.push({ template: e.template, kind: e.kind, title: e.title, ...(e.issuer ? { issuer: e.issuer } : {}), data: copy(data), clock: snapshot.clock });
      else if (e.type === 'notify') notices.push({ to: e.to, message: e.message });
      else if (e.type === 'notifyUser') notices.push({ to: e.user, message: e.message });
      else if (e.type === 'notifyUnit') notices.push({ to: e.unit, message: e.message });
    }
    entries.push({ ...extra, at: now.toISOString(), snapshot, timers: timers(), documents, notices });
  };

  const started = startCase(wf, { applicant: simulatedApplicant, org: simulatedOrg }, now, { calendar, data, caseId });
  let snapshot = started.snapshot;
  record(snapshot, started.effects, {});

  for (const [i, move] of moves.entries()) {
    const fail = (message: string): Simulation => ({ entries, data, failure: { index: i + 1, word: move.word, message } });
    if (move.kind === 'set') {
      setPointer(data, move.pointer, move.value);
      data = compute(data);
      entries.push({ move, at: now.toISOString(), snapshot, timers: timers(), documents: [], notices: [] });
      continue;
    }
    if (move.kind === 'advance') {
      now = move.unit === 'workingDays' ? sameTimeOn(chinaDateOf(new Date(calendar.addWorkingDays(now, move.amount).getTime() - 1)), now) : new Date(now.getTime() + move.amount * (move.unit === 'days' ? 86_400_000 : 3_600_000));
      entries.push({ move, at: now.toISOString(), snapshot, timers: timers(), documents: [], notices: [] });
      continue;
    }
    if (snapshot.status === 'done') return fail('案件已办结，不能再办理。');
    if (move.kind === 'timer') {
      // As the sweep does: the soonest pending timer fires; one the case has left behind is spent, and the next one fires.
      let done = false;
      for (const due of timers()) {
        pending.delete(due.key);
        if (new Date(due.dueAt) > now) now = new Date(due.dueAt);
        const decision = decide(wf, snapshot, { id: 'system', kind: 'system', roles: [] }, { action: timerCommandOf(due.key), version: snapshot.version, commandId: `sim-${i + 1}`, timerKey: due.key }, now, { calendar, data, caseId });
        if (!decision.ok) continue;
        snapshot = decision.snapshot;
        record(snapshot, decision.effects, { move, actor: { level: 'system' }, fired: due });
        done = true;
        break;
      }
      if (!done) return fail(`当前步骤“${ownEntry(wf.definition.steps, snapshot.step)?.name ?? snapshot.step}”没有待触发的计时器。`);
      continue;
    }
    if (move.kind === 'child') {
      // The next child of the wait ends: the case is told as the server tells a parent (childCases.ts).
      const wait = ownEntry(snapshot.children, snapshot.step);
      if (!wait || wait.result) return fail(`当前步骤“${ownEntry(wf.definition.steps, snapshot.step)?.name ?? snapshot.step}”没有在等待子案件。`);
      const n = Object.keys(wait.ended).length + (wait.excluded?.length ?? 0) + 1;
      const decision = decide(wf, snapshot, { id: 'system', kind: 'system', roles: [] }, { action: childSettledAction, version: snapshot.version, commandId: `sim-${i + 1}`, child: { case: `child-${n}`, wait: wait.key, outcome: move.outcome } }, now, { calendar, data, caseId });
      if (!decision.ok) return fail(decision.rejection.message);
      snapshot = decision.snapshot;
      record(snapshot, decision.effects, { move, actor: { level: 'system' }, ...(decision.event.note ? { label: decision.event.note } : {}) });
      continue;
    }
    const step = ownEntry(wf.definition.steps, snapshot.step);
    const action = stepActionNamed(step, move.action)?.action;
    let people = candidates(wf, snapshot, action, step?.type);
    if (move.as) people = people.filter((p) => p.level === move.as);
    if (people.length === 0) people = [move.as === 'applicant' ? { actor: applicantActor, level: 'applicant' } : { actor: officer(move.as!, simulatedOrg[move.as as (typeof chainLevels)[number]], undefined), level: move.as! }];
    const comment = action && requiresComment(action) ? `模拟：${action.label}` : undefined;
    let refusal: Rejection | undefined;
    let done = false;
    for (const person of people) {
      const decision = decide(wf, snapshot, person.actor, { action: move.action, version: snapshot.version, commandId: `sim-${i + 1}`, ...(comment ? { comment } : {}), ...(move.returnTo ? { returnTo: move.returnTo } : {}) }, now, { calendar, data, caseId });
      if (!decision.ok) {
        if (!refusal || (refusal.code === 'not_your_task' && decision.rejection.code !== 'not_your_task')) refusal = decision.rejection;
        continue;
      }
      snapshot = decision.snapshot;
      record(snapshot, decision.effects, { move, actor: { level: person.level, ...(person.role ? { role: person.role } : {}) }, ...(action ? { label: action.label } : {}) });
      done = true;
      break;
    }
    if (!done) {
      const offered = [...new Set(candidates(wf, snapshot, undefined, undefined).flatMap((p) => availableActions(wf, snapshot, p.actor, { data, caseId, now }).map((o) => o.action)))];
      const waiting = pending.size > 0;
      const hint = offered.length > 0 ? `此时可进行的操作：${offered.join('、')}${waiting ? '、timer' : ''}。` : waiting ? '此时只能等待计时器（timer）。' : '';
      return fail(`${refusal?.message ?? '不能办理。'}${hint ? ` ${hint}` : ''}`);
    }
  }
  return { entries, data };
}

/** Working days from `now` to the last day of a deadline that falls at `dueAt` (negative when past). */
export function workingDaysUntil(dueAt: string, now: Date, calendar: WorkingCalendar): number {
  const last = new Date(new Date(dueAt).getTime() - 1);
  return last >= now ? calendar.workingDaysBetween(now, last) : -calendar.workingDaysBetween(last, now);
}

/** Working days left on the statutory clock at `now`, or undefined before it starts. */
export function statutoryDaysLeft(clock: CaseClock, now: Date, calendar: WorkingCalendar): number | undefined {
  return workingDaysLeft(clock, now, calendar);
}
