/**
 * Writing a decided command into the database, inside the command's transaction: the effects
 * (tasks, timers, documents, outbox, data), the hash-chained event, and the case record itself.
 */
import { chinaDateOf, ownEntry, taskStepName, type Ballot, type CheckSignal, type ChildSignal, type CalendarOverride, type DeadlineStarts, type CaseSnapshot, type DecidedEvent, type Effect, type JsonValue, type OrgDirectory, type StartCaseInput, type VerbArgs } from '../../engine/index.js';
import { conflict, staleVersion } from './httpError.js';
import { linkCaseSubject, setFact } from './subjects.js';
import { issueNow, issueRendered, type RenderedDocument } from './caseDocuments.js';
import { decisionColumns } from './decisionColumns.js';
import { calendarVersionHash, saveCalendarVersion } from './calendarVersions.js';
import type { ActorByValue } from './eventActor.js';
import { maskedPatch, publicActorName, publicEvent } from './eventView.js';
import { currentEventFormat, eventHash, genesisHash } from './hashChain.js';
import { newRecord, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { unitRecipient } from './sendNotifications.js';
import type { LoadedWorkflow } from './workflowCache.js';
import type { RecordedCandidates } from './panelCandidates.js';
import { grantRead } from './caseReaders.js';
import { enqueueCheckRequest } from './checkRequests.js';
import { modelSaves, type PreparedRow, type PreparedRowWrites, type RowWriter } from './preparedRowWrites.js';
import { setQueueFilterCopies } from './queueFilterCopies.js';
import { rowOfKey, type CaseRowsRead } from './caseRowsRead.js';
import { markLockPiece } from './writeLockTiming.js';

/** Sets an own property (also one named `__proto__`, which plain assignment would turn into a prototype change). */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Sets a value at a JSON pointer, creating objects on the way; only own properties are followed. */
export function setPointer(data: Record<string, JsonValue>, pointer: string, value: JsonValue): void {
  const keys = pointer.replace(/^\//, '').split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target = data;
  for (const k of keys.slice(0, -1)) {
    const next = ownEntry(target, k);
    if (next === null || next === undefined || typeof next !== 'object' || Array.isArray(next)) setOwn(target, k, {});
    target = ownEntry(target, k) as Record<string, JsonValue>;
  }
  setOwn(target, keys[keys.length - 1]!, value);
}

/** The case data a decision leaves: a copy of `data` with its `setData` effects applied (as {@link commitDecision} stores it). */
export function dataAfterEffects(data: Record<string, JsonValue>, effects: Effect[]): Record<string, JsonValue> {
  const after: Record<string, JsonValue> = JSON.parse(JSON.stringify(data));
  applyDataEffects(after, effects);
  return after;
}

/** Applies a decision's `setData` effects to `data` in place. */
function applyDataEffects(data: Record<string, JsonValue>, effects: Effect[]): void {
  for (const e of effects) if (e.type === 'setData') setPointer(data, e.path, e.value);
}

/**
 * Remembers on the case a unit beside the chain (or a drawn pool member) a task went to: its
 * officers (or the member) see the case from then on, also after the task is done (record rules).
 */
function recordAssignment(caseRecord: PbRecord, level: string, unit: string, user: string | undefined): void {
  const add = (field: string, id: string) => {
    const ids = caseRecord.getStringSlice(field);
    if (!ids.includes(id)) caseRecord.set(field, [...ids, id]);
  };
  if (level === 'pool' && user) add('assigned_users', user);
  else if (level === 'department' && unit) add('assigned_units', unit);
}

/**
 * Records on the case the units beside the chain and pool members the tasks of `effects` go to, as
 * {@link applyEffects} does: a new case takes them on its first write, so it is written once.
 */
export function recordAssignments(caseRecord: PbRecord, effects: readonly Effect[]): void {
  for (const e of effects) if (e.type === 'openTask') recordAssignment(caseRecord, e.task.level, e.task.assigneeUnit, e.task.assigneeUser);
}

/** Queues an in-app notice of the case for `recipient` (a user id, a level of the chain, or `unit:<id>`); the outbox delivers it. */
function queueNotice(tx: PbApp, caseId: string, recipient: string, message: string, now: Date, writer: RowWriter): void {
  const o = newRecord(tx, 'outbox');
  o.set('application', caseId);
  o.set('channel', 'inbox');
  o.set('recipient', recipient);
  o.set('message', message);
  o.set('status', 'pending');
  o.set('attempts', 0);
  o.set('next_attempt_at', now.toISOString());
  writer.save(tx, o);
}

/**
 * Carries out the effects of a decision; `data` is updated in place by `setData`. The tasks,
 * timers, documents and notices are saved through `writer` (model saves unless the caller writes by
 * prepared SQL and announces them after its commit, see preparedRowWrites.ts). The case's tasks and
 * timers are looked up in `read` when the caller read them before the lock (caseRowsRead.ts: only
 * with prepared writes, after the version's compare-and-swap), else read in `tx`.
 */
export function applyEffects(tx: PbApp, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, effects: Effect[], data: Record<string, JsonValue>, now: Date, comment: string | undefined, writer: RowWriter = modelSaves, read?: CaseRowsRead, rendered?: readonly RenderedDocument[]): void {
  // Data first: documents rendered by the same command must see computed figures.
  applyDataEffects(data, effects);
  let documentsIssued = 0;
  for (const e of effects) {
    switch (e.type) {
      case 'openTask': {
        // A task opened again under its old key (撤回 restores the step before) reuses its row.
        const t = rowOfKey(tx, 'tasks', read?.tasks, caseRecord.id, e.task.key, true)!;
        t.set('application', caseRecord.id);
        t.set('key', e.task.key);
        t.set('step', e.task.step);
        t.set('step_name', taskStepName(wf.definition.steps, e.task));
        t.set('level', e.task.level);
        // The applicant party's user: the applicant, the organisation's filing account, or the officer acting for the resident.
        if (e.task.level === 'applicant') t.set('assignee_user', caseRecord.getString('applicant') || caseRecord.getString('filed_by'));
        else t.set('assignee_unit', e.task.assigneeUnit);
        if (e.task.assigneeUser) t.set('assignee_user', e.task.assigneeUser);
        recordAssignment(caseRecord, e.task.level, e.task.assigneeUnit, e.task.assigneeUser);
        t.set('closed_at', '');
        t.set('role', e.task.role ?? '');
        t.set('mode', e.task.mode);
        t.set('status', 'open');
        t.set('opened_at', now.toISOString());
        if (e.task.dueAt) t.set('due_at', e.task.dueAt);
        for (const level of ['village', 'township', 'county']) t.set(level, caseRecord.getString(level));
        t.set('workflow_key', caseRecord.getString('workflow_key'));
        setQueueFilterCopies(t, caseRecord);
        writer.save(tx, t);
        break;
      }
      case 'closeTask': {
        const t = rowOfKey(tx, 'tasks', read?.tasks, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'open') {
          t.set('status', e.outcome === 'completed' ? 'done' : 'cancelled');
          t.set('closed_at', now.toISOString());
          writer.save(tx, t);
        }
        break;
      }
      case 'scheduleTimer': {
        const t = rowOfKey(tx, 'timers', read?.timers, caseRecord.id, e.key, true)!;
        t.set('application', caseRecord.id);
        t.set('key', e.key);
        t.set('step', e.step);
        t.set('due_at', e.dueAt);
        t.set('status', 'pending');
        t.set('opened_at', now.toISOString());
        writer.save(tx, t);
        break;
      }
      case 'moveDeadline': {
        const collection = e.target === 'task' ? 'tasks' : 'timers';
        const status = e.target === 'task' ? 'open' : 'pending';
        const known = read ? (e.target === 'task' ? read.tasks : read.timers).get(e.key) : undefined;
        const rows = read ? (known && known.getString('status') === status ? [known] : []) : tx.findRecordsByFilter(collection, 'application = {:a} && key = {:k} && status = {:s}', '', 10, 0, { a: caseRecord.id, k: e.key, s: status });
        for (const t of rows) {
          t.set('due_at', e.dueAt);
          writer.save(tx, t);
        }
        break;
      }
      case 'cancelTimer': {
        const t = rowOfKey(tx, 'timers', read?.timers, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'pending') {
          t.set('status', 'cancelled');
          writer.save(tx, t);
        }
        break;
      }
      case 'renderDocument': {
        // Rendered before the lock when the caller did (caseDocuments.ts); numbered here either way.
        const ahead = rendered?.[documentsIssued];
        documentsIssued++;
        const issued = ahead ? issueRendered(tx, ahead, now) : issueNow(tx, caseRecord, wf, snapshot, e, data, now, comment);
        const d = newRecord(tx, 'documents');
        d.set('application', caseRecord.id);
        d.set('kind', e.kind);
        d.set('title', e.title);
        d.set('template', e.template);
        d.set('number', issued.number);
        d.set('html', issued.html);
        d.set('sha256', sha256(issued.html));
        writer.save(tx, d);
        break;
      }
      case 'notify':
        // A resident without an account has no inbox: the officer who filed for them (代办) is told.
        queueNotice(tx, caseRecord.id, e.to === 'applicant' ? caseRecord.getString('applicant') || caseRecord.getString('filed_by') : e.to, e.message, now, writer);
        break;
      case 'setSubjectFact': {
        const subject = caseRecord.getString('subject');
        if (!subject) throw conflict('案件尚未确定对象（如申请人身份证号），不能记录对象的事实。', 'no_subject');
        setFact(tx, subject, e.fact, e.today ? chinaDateOf(now) : e.value, { case: caseRecord.id, at: now });
        break;
      }
      case 'assignTask': {
        const t = rowOfKey(tx, 'tasks', read?.tasks, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'open') {
          t.set('assignee_user', e.user);
          writer.save(tx, t);
        }
        break;
      }
      case 'grantRead':
        grantRead(tx, caseRecord.id, e.user, e.reason);
        break;
      case 'notifyUser':
        queueNotice(tx, caseRecord.id, e.user, e.message, now, writer);
        break;
      case 'notifyUnit':
        queueNotice(tx, caseRecord.id, unitRecipient(e.unit), e.message, now, writer);
        break;
      case 'requestCheck':
        // The request leaves through the outbox; its payload stays in the superuser-only check_requests (checkRequests.ts).
        enqueueCheckRequest(tx, caseRecord.id, e.request, e.service, e.payload, now);
        break;
      case 'setData':
      case 'startChildCase':
        // setData: above; child cases: startChildCases (caseOpening.ts), after the parent is saved.
        break;
    }
  }
}

/** What `decide` read besides the snapshot and the case data, recorded so replay reads the same. */
export interface ReplayInputs {
  /** The staff the 近亲属 register named for the household when the decision was made. */
  recused?: string[];
  /** The command's return target, as sent. */
  returnTo?: string;
  /** The timer that fell due (timer commands). */
  timerKey?: string;
  /** How the case was opened (the first event). */
  start?: StartCaseInput;
  /** The county's org directory the decision routed with (definitions that route beside the chain). */
  org?: OrgDirectory;
  /** A panel member's ballot, kept here (hidden, hash-chained) and in the case's panel, never in the case data. */
  ballot?: Ballot;
  /** The candidates the host listed for a panel this command seated. */
  panelCandidates?: RecordedCandidates[];
  /** The facts of the case's subject that decide read (the definition's `subjectFactsRead`). */
  subjectFacts?: Record<string, JsonValue>;
  /** A task verb's arguments (the users it names, by value). */
  verb?: VerbArgs;
  /** When the running deadlines began counting (a recount after a calendar change). */
  deadlineStarts?: DeadlineStarts;
  /** A migration to another version: the version records (ids) it moved between, and its step map. */
  migration?: { from: string; to: string; stepMap?: Record<string, string> };
  /** The child case whose end a parent was told of (`child.settled`). */
  child?: ChildSignal;
  /** The check request a report or failure answered (`check.reported`, `check.failed`). */
  check?: CheckSignal;
}

/** What an event records besides the decision itself: the raw data and what replaying it needs. */
export interface EventInput extends ReplayInputs {
  commandId: string;
  /** The data the command sent, as sent (hidden from clients), or null. */
  dataPatch: Record<string, JsonValue> | null;
  /** Who acted, by value. */
  actor: ActorByValue;
  /** The 工作日 overrides the decision counted with. */
  calendar: CalendarOverride[];
}

/** The hidden `replay` field of an event: the replay inputs, the actor, and the calendar version's hash. */
export interface EventReplay extends ReplayInputs {
  actor: ActorByValue;
  /** Hash of the calendar version (collection `calendar_versions`). */
  calendar: string;
}

/** The replay inputs worth recording: unset ones and empty lists are left out. */
function recordedInputs(inputs: ReplayInputs): ReplayInputs {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as ReplayInputs;
}

/** An event built before the write lock, to be written under it ({@link writeEvent}). */
export interface PreparedEvent {
  record: PbRecord;
  /** The event as clients may read it (without the raw patch and the replay record). */
  view: Record<string, unknown>;
  /** The 工作日 overrides its calendar version holds, and that version's hash. */
  calendar: { overrides: CalendarOverride[]; hash: string };
}

/**
 * Builds the event of a decision as the next link of the case's hash chain, after `last` (the
 * chain's head, undefined for a new chain). `masks` are the form's `x-mask` kinds. Writes nothing.
 */
export function prepareEvent(tx: PbApp, caseId: string, masks: Record<string, string>, event: DecidedEvent, input: EventInput, last: { seq: number; hash: string } | undefined): PreparedEvent {
  const seq = last ? last.seq + 1 : 1;
  const prev = last ? last.hash : genesisHash;
  const { commandId, dataPatch, actor, calendar, ...inputs } = input;
  const calendarHash = calendarVersionHash(calendar);
  const replay: EventReplay = { actor, calendar: calendarHash, ...recordedInputs(inputs) };
  const fields = {
    seq,
    format: currentEventFormat,
    action: event.action,
    kind: event.kind,
    from_step: event.from,
    to_step: event.to,
    actor_id: actor.kind === 'system' ? '' : actor.id,
    actor_name: publicActorName(actor),
    actor_unit_name: actor.orgUnit?.name ?? '',
    comment: event.comment ?? '',
    data_patch: dataPatch,
    data_masked: maskedPatch(dataPatch, masks),
    replay: JSON.parse(JSON.stringify(replay)) as unknown,
    at: event.at,
    command_id: commandId,
    ...(event.note ? { note: event.note } : {}),
  };
  const hash = eventHash(fields, prev, sha256);
  const r = newRecord(tx, 'events');
  r.set('application', caseId);
  for (const [k, v] of Object.entries(fields)) r.set(k, v);
  r.set('prev_hash', prev);
  r.set('hash', hash);
  return { record: r, view: publicEvent({ ...fields, prev_hash: prev, hash }), calendar: { overrides: calendar, hash: calendarHash } };
}

/** Writes a prepared event (and its calendar version, once) in the caller's transaction. */
export function writeEvent(tx: PbApp, prepared: PreparedEvent, writer: RowWriter = modelSaves): void {
  saveCalendarVersion(tx, prepared.calendar.overrides, prepared.calendar.hash);
  writer.save(tx, prepared.record);
}

/**
 * Appends the event of a decision to the case's hash chain, read in `tx`; returns the event as
 * clients may read it.
 */
export function appendEvent(tx: PbApp, caseId: string, masks: Record<string, string>, event: DecidedEvent, input: EventInput, writer: RowWriter = modelSaves): Record<string, unknown> {
  const last = tx.findRecordsByFilter('events', 'application = {:a}', '-seq', 1, 0, { a: caseId })[0];
  const prepared = prepareEvent(tx, caseId, masks, event, input, last ? { seq: last.getInt('seq'), hash: last.getString('hash') } : undefined);
  writeEvent(tx, prepared, writer);
  return prepared.view;
}

/** Stores the snapshot and data on the case record (after the version CAS). */
export function saveCase(tx: PbApp, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, data: Record<string, JsonValue>, writer: RowWriter = modelSaves): void {
  setCaseColumns(caseRecord, wf, snapshot, data);
  writer.save(tx, caseRecord);
}

/** Sets the case record's columns from its snapshot and data, as {@link saveCase} stores them (nothing is written). */
export function setCaseColumns(caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, data: Record<string, JsonValue>): void {
  caseRecord.set('snapshot', snapshot);
  caseRecord.set('data', data);
  caseRecord.set('step', snapshot.step);
  caseRecord.set('step_name', ownEntry(wf.definition.steps, snapshot.step)?.name ?? snapshot.step);
  caseRecord.set('status', snapshot.status);
  caseRecord.set('outcome', snapshot.outcome ?? '');
  caseRecord.set('version', snapshot.version);
  caseRecord.set('flags', snapshot.flags);
  caseRecord.set('due_at', snapshot.clock.dueAt ?? '');
  const items = decisionColumns(wf, snapshot);
  caseRecord.set('decisions', items.decisions);
  caseRecord.set('milestones', items.milestones);
  caseRecord.set('milestones_reached', items.milestonesReached);
}

/**
 * What a command prepared before taking the write lock: its case's rows and its event
 * (caseRowsRead.ts says why they stay right once the version's compare-and-swap succeeds). Only
 * with prepared writes, which set only the columns a command changed.
 */
export interface PreparedCommit {
  rows: CaseRowsRead;
  event: PreparedEvent;
  /** The decision's documents, rendered with stand-in numbers (caseDocuments.ts), in the order of its effects. */
  documents: readonly RenderedDocument[];
  /** The case data the decision leaves ({@link dataAfterEffects}). */
  data: Record<string, JsonValue>;
  /** The case is linked to the subject its data names already (subjects.ts, `caseSubjectLinked`): nothing to link under the lock. */
  subjectLinked: boolean;
  /** The statement that writes the event, built before the lock ({@link prepareRowsAhead}). */
  eventRow?: PreparedRow;
  /**
   * The statement that writes the case as the decision leaves it, built before the lock
   * ({@link prepareRowsAhead}) when the case is linked to its subject already (its effects then
   * change nothing on it but what {@link recordAssignments} sets); written right after the
   * compare-and-swap.
   */
  caseRow?: PreparedRow;
}

/**
 * Builds the statements of a command's event and case before the lock: the case record takes the
 * columns the decision leaves (snapshot, data, the units its tasks go to) now, so under the lock
 * they are written, not built — the case first, right after the version's compare-and-swap, since
 * the effects' rows copy its columns as they are now. The case's is left to the lock, written after
 * the effects as before, when its subject link may change.
 */
export function prepareRowsAhead(app: PbApp, writes: PreparedRowWrites, record: PbRecord, wf: LoadedWorkflow, decision: { snapshot: CaseSnapshot; effects: Effect[] }, ahead: PreparedCommit): PreparedCommit {
  const eventRow = writes.prepare(app, ahead.event.record);
  if (!ahead.subjectLinked) return { ...ahead, eventRow };
  recordAssignments(record, decision.effects);
  setCaseColumns(record, wf, decision.snapshot, ahead.data);
  return { ...ahead, eventRow, caseRow: writes.prepare(app, record) };
}

/**
 * Commits an accepted decision on an existing case: the version compare-and-swap (a concurrent
 * command that got there first wins and this one fails with 409), the effects, the hash-chained
 * event and the case record, saved through `writer` (model saves by default). With `ahead`, the
 * case's rows and the event come from before the lock instead of being read and built under it,
 * and with its `caseRow` the case is written right after the compare-and-swap, before the effects.
 * Returns the stored event and the case data after the effects.
 */
export function commitDecision(
  tx: PbApp,
  record: PbRecord,
  wf: LoadedWorkflow,
  seenVersion: number,
  decision: { snapshot: CaseSnapshot; effects: Effect[]; event: DecidedEvent },
  data: Record<string, JsonValue>,
  commit: EventInput & { at: Date; comment?: string },
  writer: RowWriter = modelSaves,
  ahead?: PreparedCommit,
): { event: Record<string, unknown>; data: Record<string, JsonValue> } {
  const swapped = tx.db().newQuery('UPDATE applications SET version = {:next} WHERE id = {:id} AND version = {:seen}').bind({ next: decision.snapshot.version, id: record.id, seen: seenVersion }).execute();
  if (swapped.rowsAffected() !== 1) throw staleVersion(tx.findRecordById('applications', record.id).getInt('version'), seenVersion);
  markLockPiece('version-swap');
  const nextData: Record<string, JsonValue> = ahead ? ahead.data : JSON.parse(JSON.stringify(data));
  if (ahead?.caseRow) {
    // Built before the lock with the columns the decision leaves: written first, so the rows the
    // effects write next copy from the case as it now stands (the tasks' copies of its flags).
    ahead.caseRow.write(tx);
    markLockPiece('case');
  } else {
    if (!ahead?.subjectLinked) linkCaseSubject(tx, wf, record, data);
    markLockPiece('subject');
  }
  applyEffects(tx, record, wf, decision.snapshot, decision.effects, nextData, commit.at, commit.comment, writer, ahead?.rows, ahead?.documents);
  markLockPiece('effects');
  let event: Record<string, unknown>;
  if (ahead) {
    if (ahead.eventRow) {
      saveCalendarVersion(tx, ahead.event.calendar.overrides, ahead.event.calendar.hash);
      ahead.eventRow.write(tx);
    } else writeEvent(tx, ahead.event, writer);
    event = ahead.event.view;
  } else {
    event = appendEvent(tx, record.id, wf.masks, decision.event, commit, writer);
  }
  markLockPiece('event');
  if (!ahead?.caseRow) {
    saveCase(tx, record, wf, decision.snapshot, nextData, writer);
    markLockPiece('case');
  }
  return { event, data: nextData };
}
