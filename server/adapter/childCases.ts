/**
 * Parents and the children they wait for (`children` steps), inside the transaction of the command
 * that ends a child: the parent is told at once by the system command `child.settled`, decided by
 * `decide` like any other and recorded as an event with the child's signal as replay input. Telling
 * the parent in the child's transaction (rather than queueing the signal for a sweep) means a child
 * never ends without its parent knowing, and no signal can be lost or delivered twice: both commit
 * or neither does. A parent that has left the wait (it timed out, it was settled by other children,
 * it was withdrawn or ended) refuses the signal as stale, and the signal is spent, writing nothing.
 */
import { childSettledAction, createWorkingCalendar, decide, ownEntry, readPointer, type WorkflowDefinition, type Actor, type CaseSnapshot, type ChildOutcome, type ChildCaseView, type ChildSignal, type Effect, type ParentCaseView, type JsonValue } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { startChildCases } from './caseOpening.js';
import { commitDecision } from './caseWrites.js';
import { calendarOverrides } from './calendarOverrides.js';
import { systemActorByValue, type ActorByValue } from './eventActor.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates } from './panelCandidates.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { caseSubjectFacts } from './subjects.js';
import { workflowByRecord } from './workflowCache.js';

const system: Actor = { id: 'system', kind: 'system', roles: [] };

/**
 * What follows a committed decision on `record`, in its transaction: the child cases its effects
 * start, and — when the case has ended and its parent waits for it — the parent's `child.settled`.
 */
export function followDecision(tx: PbApp, record: PbRecord, snapshot: CaseSnapshot, effects: Effect[], actor: ActorByValue, at: Date): void {
  // A child that ends as it starts (its first step final) tells its parent as well.
  for (const child of startChildCases(tx, record, snapshot, effects, actor, at)) if (child.snapshot.status === 'done') tellParent(tx, child.record, child.snapshot, at);
  if (snapshot.status === 'done') tellParent(tx, record, snapshot, at);
}

/**
 * What an ended child reports to its parent: the `collect.values` of the parent's start spec for the
 * child's process — pointers read from the child's data, panel values from its snapshot.
 */
function reportedValues(def: WorkflowDefinition, wait: string, child: PbRecord, snapshot: CaseSnapshot): Record<string, JsonValue> | undefined {
  const step = ownEntry(def.steps, wait.split('#')[0] ?? '');
  if (!step || step.type !== 'children') return undefined;
  const spec = step.start.find((s) => s.collect !== undefined && s.workflow === child.getString('workflow_key'));
  if (!spec?.collect) return undefined;
  const data = readJson<Record<string, JsonValue> | null>(child, 'data') ?? {};
  const values: Record<string, JsonValue> = {};
  for (const [key, from] of Object.entries(spec.collect.values)) {
    let value: unknown;
    if (typeof from === 'string') value = readPointer(data, from);
    else {
      const panel = ownEntry(snapshot.panels ?? {}, from.panel);
      value = from.value === 'average' ? panel?.tally?.averageScore : panel?.result;
    }
    if (value !== undefined) Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return values;
}

/**
 * Tells the parent that the child `child` ended with its outcome, as the system. A parent no longer
 * waiting for it refuses (stale): nothing is written. The parent's own move follows in turn (its
 * children, its own parent), so nested waits settle in the one transaction.
 */
export function tellParent(tx: PbApp, child: PbRecord, snapshot: CaseSnapshot, at: Date): void {
  const parentId = child.getString('parent');
  const wait = child.getString('parent_wait');
  if (!parentId || !wait || !snapshot.outcome) return;
  const parent = tx.findRecordById('applications', parentId);
  const wf = workflowByRecord(tx, parent.getString('workflow'));
  const parentSnapshot = readJson<CaseSnapshot>(parent, 'snapshot');
  const data = readJson<Record<string, JsonValue> | null>(parent, 'data') ?? {};
  const commandId = `child:${child.id}:settled`;
  const values = reportedValues(wf.definition, wait, child, snapshot);
  const signal: ChildSignal = { case: child.id, wait, outcome: snapshot.outcome as ChildOutcome, workflow: child.getString('workflow_key'), ...(values ? { values } : {}) };
  const overrides = calendarOverrides(tx);
  const recused = recusedStaff(tx, caseIdNumberHashes(data, wf.idFields));
  const org = orgDirectoryFor(tx, wf.definition, parent.getString('county'), commandId);
  const candidates = liveCandidates(tx);
  const subjectFacts = caseSubjectFacts(tx, wf, parent, data);
  const decision = decide(wf.compiled, parentSnapshot, system, { action: childSettledAction, version: parentSnapshot.version, commandId, child: signal }, at, {
    calendar: createWorkingCalendar(overrides),
    data,
    recusedActors: recused,
    ...(org ? { org } : {}),
    caseId: parent.id,
    panelCandidates: candidates.list,
    ...(subjectFacts ? { subjectFacts } : {}),
  });
  if (!decision.ok) return; // stale: the parent has moved on; the signal is spent
  commitDecision(tx, parent, wf, parentSnapshot.version, decision, data, { at, commandId, dataPatch: null, actor: systemActorByValue, calendar: overrides, recused, child: signal, ...(org ? { org } : {}), panelCandidates: candidates.recorded, ...(subjectFacts ? { subjectFacts } : {}) });
  followDecision(tx, parent, decision.snapshot, decision.effects, systemActorByValue, at);
}

/** The child cases of `parent`, oldest first. */
export function childCases(app: PbApp, parent: PbRecord): ChildCaseView[] {
  return app.findRecordsByFilter('applications', 'parent = {:p}', 'created,case_no', 500, 0, { p: parent.id }).map((r) => ({
    id: r.id,
    caseNo: r.getString('case_no'),
    workflow: r.getString('workflow_key'),
    title: r.getString('title'),
    step: r.getString('step'),
    stepName: r.getString('step_name'),
    status: r.getString('status'),
    outcome: r.getString('outcome') || null,
    wait: r.getString('parent_wait') || null,
  }));
}

/** The parent of `child` as the child's summary shows it, or null. */
export function parentCase(app: PbApp, child: PbRecord): ParentCaseView | null {
  const id = child.getString('parent');
  if (!id) return null;
  try {
    const p = app.findRecordById('applications', id);
    return { id: p.id, caseNo: p.getString('case_no'), workflow: p.getString('workflow_key'), status: p.getString('status'), wait: child.getString('parent_wait') || null };
  } catch {
    return null;
  }
}
