/**
 * Drives a case through the pure engine as the server would (snapshot in, snapshot out), with
 * demo actors and a clock that the test moves. For engine and workflow tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  availableActions,
  compileWorkflow,
  createWorkingCalendar,
  decide,
  startCase,
  type Actor,
  type Ballot,
  type CheckSignal,
  type ChildSignal,
  type OrgDirectory,
  type CaseSnapshot,
  type CompiledWorkflow,
  type Decision,
  type Effect,
  type JsonValue,
  type VerbArgs,
  type WorkflowDefinition,
} from '../../engine/index.js';
import { loadProcessModules } from '../../server/build/processModules.js';

/** The shipped process modules (`workflows/<key>/process.ts`), by key, found as the server finds them. */
export const processModules = await loadProcessModules();

/** Reads a shipped workflow definition. */
export function shippedDefinition(key: string): WorkflowDefinition {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../workflows/${key}/workflow.json`), 'utf8')) as WorkflowDefinition;
}

const org = { county: 'c1', township: 'ta', village: 'va1' };

/** Demo actors: the applicant, and officers of the case's village, township and county (and of neighbours). */
export const actors = {
  applicant: { id: 'u-applicant', kind: 'applicant', roles: [], orgUnit: { id: 'va1', level: 'village', path: ['c1', 'ta', 'va1'] } },
  otherApplicant: { id: 'u-other', kind: 'applicant', roles: [], orgUnit: { id: 'vb1', level: 'village', path: ['c1', 'tb', 'vb1'] } },
  village: { id: 'u-village', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'va1', level: 'village', path: ['c1', 'ta', 'va1'] } },
  otherVillage: { id: 'u-village-a2', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'va2', level: 'village', path: ['c1', 'ta', 'va2'] } },
  township: { id: 'u-township', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'ta', level: 'township', path: ['c1', 'ta'] } },
  townshipColleague: { id: 'u-township-2', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'ta', level: 'township', path: ['c1', 'ta'] } },
  otherTownship: { id: 'u-township-b', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'tb', level: 'township', path: ['c1', 'tb'] } },
  county: { id: 'u-county', kind: 'officer', roles: ['dibao_officer'], orgUnit: { id: 'c1', level: 'county', path: ['c1'] } },
  system: { id: 'system', kind: 'system', roles: [] },
} satisfies Record<string, Actor>;

/** A case under test. */
export class CaseDriver {
  readonly wf: CompiledWorkflow;
  readonly calendar = createWorkingCalendar();
  snapshot: CaseSnapshot;
  now: Date;
  data: Record<string, JsonValue> = {};
  effects: Effect[] = [];
  recused: string[] = [];
  /** The officers a panel may seat, as the server would list them: `${unit}/${role}` → user ids. */
  panelCandidates: Record<string, string[]> = {};
  /** The case id a panel draw is seeded with. */
  caseId = 'case-1';
  /** The county's org directory (units beside the chain, pools), when the definition routes beside the chain. */
  directory: OrgDirectory | undefined;
  /** The facts of the case's subject (set by earlier cases, e.g. a 低保 household's), as the server would pass them. */
  subjectFacts: Record<string, JsonValue> | undefined;
  private seq = 0;

  /**
   * Starts a case of `workflow`: a definition (compiled with its shipped process module, if any) or a
   * compiled workflow; `opening` gives the opening data and the org directory a first step routed
   * beside the chain needs (a scheduled case's first step at a department).
   */
  constructor(workflow: WorkflowDefinition | CompiledWorkflow, start = new Date('2026-03-02T09:00:00+08:00'), opening: { data?: Record<string, JsonValue>; directory?: OrgDirectory } = {}) {
    this.wf = 'machine' in workflow ? workflow : compileWorkflow(workflow, { process: processModules.get(workflow.key) });
    this.now = start;
    if (opening.data) this.data = opening.data;
    this.directory = opening.directory;
    const started = startCase(this.wf, { applicant: actors.applicant.id, org }, this.now, { calendar: this.calendar, data: this.data, ...(opening.directory ? { org: opening.directory } : {}) });
    this.snapshot = started.snapshot;
    this.effects = started.effects;
  }

  /** Moves the clock on by calendar days. */
  advanceDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }

  /** Sends a command; on success the snapshot and data move on. */
  send(actor: Actor, action: string, options: { data?: Record<string, JsonValue>; comment?: string; returnTo?: string; version?: number; timerKey?: string; ballot?: Ballot; verb?: VerbArgs; child?: ChildSignal; check?: CheckSignal } = {}): Decision {
    const data = { ...this.data, ...(options.data ?? {}) };
    const decision = decide(
      this.wf,
      this.snapshot,
      actor,
      { action, version: options.version ?? this.snapshot.version, commandId: `c${++this.seq}`, ...(options.comment ? { comment: options.comment } : {}), ...(options.returnTo ? { returnTo: options.returnTo } : {}), ...(options.timerKey ? { timerKey: options.timerKey } : {}), ...(options.ballot ? { ballot: options.ballot } : {}), ...(options.verb ? { verb: options.verb } : {}), ...(options.child ? { child: options.child } : {}), ...(options.check ? { check: options.check } : {}) },
      this.now,
      { calendar: this.calendar, data, recusedActors: this.recused, caseId: this.caseId, panelCandidates: ({ unit, role }) => this.panelCandidates[`${unit}/${role ?? ''}`] ?? [], ...(this.directory ? { org: this.directory } : {}), ...(this.subjectFacts ? { subjectFacts: this.subjectFacts } : {}) },
    );
    if (decision.ok) {
      this.snapshot = decision.snapshot;
      this.data = data;
      for (const e of decision.effects) if (e.type === 'setData') this.setPath(e.path, e.value);
      this.effects = decision.effects;
    }
    return decision;
  }

  /** Sends a command that must succeed. */
  ok(actor: Actor, action: string, options: Parameters<CaseDriver['send']>[2] = {}): CaseSnapshot {
    const d = this.send(actor, action, options);
    if (!d.ok) throw new Error(`${action} by ${actor.id} rejected: ${d.rejection.code} ${d.rejection.message}`);
    return d.snapshot;
  }

  /** Fires the open timer (as the server's sweep would). */
  fireTimer(): Decision {
    const timer = this.pendingTimerKey();
    return this.send(actors.system, 'timer.elapsed', { timerKey: timer });
  }

  /** The key of the timer the last entered timer step scheduled. */
  pendingTimerKey(): string | undefined {
    const visits = (this.snapshot.machine as { context: { visits: Record<string, number> } }).context.visits;
    return `${this.snapshot.step}#${visits[this.snapshot.step] ?? 1}`;
  }

  /** The actions `actor` is offered now. */
  offers(actor: Actor): string[] {
    return availableActions(this.wf, this.snapshot, actor, { data: this.data, recusedActors: this.recused, now: this.now, caseId: this.caseId, ...(this.subjectFacts ? { subjectFacts: this.subjectFacts } : {}) }).map((o) => o.action);
  }

  private setPath(pointer: string, value: JsonValue): void {
    const keys = pointer.replace(/^\//, '').split('/');
    let target = this.data as Record<string, JsonValue>;
    for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Record<string, JsonValue>;
    target[keys[keys.length - 1]!] = value;
  }
}
