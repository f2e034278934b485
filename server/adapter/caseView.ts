/**
 * What the routes answer about a case: its state, open tasks, clock, and the data the asker may
 * see on the current step (hidden parts dropped, sensitive fields masked).
 */
import { maskSensitiveFields, redactForView, type FieldPermissions } from '../../forms/core/index.js';
import { branchesOfActor, checkOf, ownEntry, stepSections, type ActionOffer, type Actor, type CaseSnapshot, type CaseSummaryView, type JsonValue, type PanelSummaryView } from '../../engine/index.js';
import type { PbRecord } from './pocketbase.js';
import { actsAsApplicant } from './access.js';
import type { PendingTimer } from './pendingTimers.js';
import { decisionColumns } from './decisionColumns.js';
import { provisional, type DeadlineKnowledge } from './calendarArrangements.js';
import type { LoadedWorkflow } from './workflowCache.js';

/**
 * The permissions of the current step for an actor: their written sections writable, the rest as
 * configured. On a parallel step, the sections of `branches` (the actor's), or of every branch.
 */
export function stepPermissions(wf: LoadedWorkflow, stepName: string, writes: string[] = [], branches?: readonly string[]): FieldPermissions {
  const step = ownEntry(wf.definition.steps, stepName);
  const perms: FieldPermissions = {};
  const sections = stepSections(step, branches);
  for (const [section, perm] of Object.entries(sections)) perms[`/${section}`] = perm === 'write' && !writes.includes(section) ? 'read' : perm;
  for (const section of writes) perms[`/${section}`] = 'write';
  return perms;
}

/**
 * The case summary every route answers with. A deadline (the clock's, a task's, a timer's) counted
 * through a year whose official holiday arrangement is not known yet carries `provisional: true`.
 */
export function caseSummary(record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, timers: PendingTimer[], deadlines: DeadlineKnowledge): CaseSummaryView {
  const mark = <T extends { dueAt?: string }>(item: T): T & { provisional?: true } => (provisional(item.dueAt, deadlines) ? { ...item, provisional: true } : item);
  const items = decisionColumns(wf, snapshot);
  return {
    id: record.id,
    caseNo: record.getString('case_no'),
    workflow: { key: wf.definition.key, version: wf.definition.version, name: wf.definition.name, ...(wf.division ? { division: wf.division } : {}) },
    step: snapshot.step,
    stepName: ownEntry(wf.definition.steps, snapshot.step)?.name ?? snapshot.step,
    status: snapshot.status,
    outcome: snapshot.outcome ?? null,
    version: snapshot.version,
    flags: snapshot.flags,
    clock: mark(snapshot.clock),
    tasks: snapshot.tasks.map(mark),
    timers: timers.map(mark),
    ...(snapshot.panels ? { panels: panelSummaries(snapshot) } : {}),
    // The results of parallel branches, by branch key (who decided each, and when).
    ...(snapshot.branches ? { branches: snapshot.branches } : {}),
    // External checks (信息核对): each step's request and how it stands.
    ...(snapshot.checks ? { checks: checksWithTargets(snapshot, wf) } : {}),
    // What the case is about and how it links to other cases (subjects.ts).
    subject: record.getString('subject') || null,
    starter: record.getString('starter') || null,
    parent: record.getString('parent') || null,
    follows: record.getString('follows') || null,
    decisions: items.decisions,
    milestones: items.milestones,
  };
}

/** The case's checks, each with where its report lands (the step's `check.reportTo`), for showing findings beside what was declared. */
function checksWithTargets(snapshot: CaseSnapshot, wf: LoadedWorkflow): NonNullable<CaseSummaryView['checks']> {
  return Object.fromEntries(Object.entries(snapshot.checks ?? {}).map(([step, state]) => {
    const reportTo = checkOf(ownEntry(wf.definition.steps, step))?.reportTo;
    return [step, reportTo ? { ...state, reportTo } : state];
  }));
}

/**
 * The case's panels as every reader of the case sees them: how many sit and how many ballots are
 * in, and once decided the result and the counts — never who voted how (each ballot stays in its
 * member's event, hidden).
 */
function panelSummaries(snapshot: CaseSnapshot): PanelSummaryView[] {
  return Object.entries(snapshot.panels ?? {}).map(([step, panel]) => ({
    step,
    members: panel.members.length,
    ballots: Object.keys(panel.ballots).length,
    result: panel.result ?? null,
    ...(panel.tally ? { tally: panel.tally } : {}),
  }));
}

/** The sections the offered actions write. */
function writesOf(offers: ActionOffer[]): string[] {
  return [...new Set(offers.flatMap((o) => o.writes ?? []))];
}

/**
 * The field permissions of the case form for `actor` now, for `<tb-form>` and for reading the case:
 * the sections the offered actions write are writable; everything else is read for the applicant
 * (their own data), masked unless the step's form says otherwise for officers — and for officers
 * every sensitive field (`x-mask`) is masked by field, whatever its section's permission.
 */
export function formPermissions(actor: Actor, record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, offers: ActionOffer[]): FieldPermissions {
  return permissionsFor(actor, record, snapshot, wf, writesOf(offers));
}

/**
 * The sections the applicant's own steps (assignee level `applicant`) show in their forms, or null
 * when no such step names its sections (then the applicant reads every section).
 */
function applicantSections(wf: LoadedWorkflow): Set<string> | null {
  let out: Set<string> | null = null;
  for (const step of Object.values(wf.definition.steps)) {
    if (step.type !== 'task' || step.assignee.level !== 'applicant' || !step.form?.sections) continue;
    out ??= new Set<string>();
    for (const [section, perm] of Object.entries(step.form.sections)) if (perm !== 'hidden') out.add(section);
  }
  return out;
}

/** The permissions of {@link formPermissions} for an actor who writes the sections `writes`. */
export function permissionsFor(actor: Actor, record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, writes: string[]): FieldPermissions {
  const sections = Object.keys(wf.formSchema?.properties ?? {});
  const perms: FieldPermissions = {};
  if (actsAsApplicant(actor, record)) {
    // The applicant reads what their own steps' forms show; the officers' sections (受理, 调查 …) are hidden from the form.
    const own = applicantSections(wf);
    for (const section of sections) perms[`/${section}`] = own === null || own.has(section) ? 'read' : 'hidden';
    for (const section of writes) perms[`/${section}`] = 'write';
    return perms;
  }
  for (const section of sections) perms[`/${section}`] = 'masked';
  // On a parallel step an officer sees what the branches they work show (none: the step's sections stay masked).
  Object.assign(perms, stepPermissions(wf, snapshot.step, writes, ownEntry(wf.definition.steps, snapshot.step)?.type === 'parallel' ? branchesOfActor(snapshot, actor) : undefined));
  for (const [k, v] of Object.entries(perms)) if (v === 'hidden') perms[k] = 'masked';
  return maskSensitiveFields(perms, wf.masks);
}

/**
 * The case data as `actor` sees it under `permissions` (from {@link formPermissions}): whole for the
 * applicant (it is their own), else with hidden parts dropped and masked fields masked.
 */
export function visibleData(actor: Actor, record: PbRecord, wf: LoadedWorkflow, data: Record<string, JsonValue>, permissions: FieldPermissions): Record<string, unknown> {
  if (actsAsApplicant(actor, record)) return data;
  const perms: FieldPermissions = { ...permissions };
  // Sections stored but unknown to the schema are masked too (never shown whole by omission).
  for (const section of Object.keys(data)) if (!(`/${section}` in perms)) perms[`/${section}`] = 'masked';
  return redactForView(perms, data, wf.masks, wf.attachmentReferences);
}

/**
 * The fields (JSON pointers, `*` for array items) `actor` may reveal now: those the current task
 * step grants (`form.reveal`) to an officer who works the step — offered one of its actions that is
 * not assigned to someone else. Nobody else may reveal anything.
 */
export function revealGrants(actor: Actor, snapshot: CaseSnapshot, wf: LoadedWorkflow, offers: ActionOffer[]): string[] {
  const step = ownEntry(wf.definition.steps, snapshot.step);
  if (actor.kind !== 'officer' || !step || step.type !== 'task' || snapshot.status === 'done') return [];
  const actions = new Map(Object.entries(step.actions));
  const works = offers.some((o) => actions.get(o.action)?.assignee === undefined);
  return works ? [...(step.form?.reveal ?? [])] : [];
}
