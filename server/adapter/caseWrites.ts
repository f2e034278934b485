/**
 * Writing a decided command into the database, inside the command's transaction: its effects
 * (caseEffects.ts), the hash-chained event, and the case record itself.
 */
import { ownEntry, type Ballot, type CheckSignal, type ChildSignal, type CalendarOverride, type DeadlineStarts, type CaseSnapshot, type DecidedEvent, type Effect, type JsonValue, type OrgDirectory, type StartCaseInput, type VerbArgs } from '../../engine/index.js';
import { staleVersion } from './httpError.js';
import { linkCaseSubject } from './subjects.js';
import type { RenderedDocument } from './caseDocuments.js';
import { decisionColumns } from './decisionColumns.js';
import { calendarVersionHash, saveCalendarVersion } from './calendarVersions.js';
import type { ActorByValue } from './eventActor.js';
import { maskedPatch, publicActorName, publicEvent } from './eventView.js';
import { currentEventFormat, eventHash, genesisHash } from './hashChain.js';
import { newRecord, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import type { LoadedWorkflow } from './workflowCache.js';
import type { RecordedCandidates } from './panelCandidates.js';
import { modelSaves, type PreparedRow, type PreparedRowWrites, type RowGuard, type RowWriter } from './preparedRowWrites.js';
import type { CaseRowsRead } from './caseRowsRead.js';
import { applyEffects, prepareEffectsAhead, recordAssignments, type PreparedEffects } from './caseEffects.js';
import { markLockPiece } from './writeLockTiming.js';
import { setEventCaseCopies } from './queueFilterCopies.js';

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
export function appendEvent(tx: PbApp, caseRecord: PbRecord, masks: Record<string, string>, event: DecidedEvent, input: EventInput, writer: RowWriter = modelSaves): Record<string, unknown> {
  const last = tx.findRecordsByFilter('events', 'application = {:a}', '-seq', 1, 0, { a: caseRecord.id })[0];
  const prepared = prepareEvent(tx, caseRecord.id, masks, event, input, last ? { seq: last.getInt('seq'), hash: last.getString('hash') } : undefined);
  setEventCaseCopies(prepared.record, caseRecord);
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
   * change nothing on it but what {@link recordAssignments} sets), guarded by the version decided
   * on: its write is the compare-and-swap.
   */
  caseRow?: PreparedRow;
  /**
   * The effects' rows, built before the lock with {@link caseRow} ({@link prepareRowsAhead}; caseEffects.ts,
   * `prepareEffectsAhead`): under the lock they are written in the effects' order, beside what only the lock can do.
   */
  effects?: PreparedEffects;
}

/**
 * Builds the statements of a command's event, case and effects before the lock: the case record
 * takes the columns the decision leaves (snapshot, data, the units its tasks go to) now, and the
 * effects' rows are built from it and from the case's rows read ahead, so under the lock they are
 * written, not built — the case first, its write guarded by `commit.seenVersion` (the version the
 * command decided on, and by `commit.alsoWhere` when given: that no one else claimed its task) and
 * so the compare-and-swap itself, since the effects' rows copy its columns as they are now. The case's and the effects' are left to the lock,
 * written as before, when the case's subject link may change; the effects' also when two of them
 * write the same row (caseEffects.ts says why).
 */
export function prepareRowsAhead(app: PbApp, writes: PreparedRowWrites, record: PbRecord, wf: LoadedWorkflow, decision: { snapshot: CaseSnapshot; effects: Effect[] }, commit: { at: Date; comment?: string; seenVersion: number; alsoWhere?: RowGuard['alsoWhere'] }, ahead: PreparedCommit): PreparedCommit {
  const eventRow = writes.prepare(app, ahead.event.record);
  if (!ahead.subjectLinked) return { ...ahead, eventRow };
  recordAssignments(record, decision.effects);
  setCaseColumns(record, wf, decision.snapshot, ahead.data);
  // The case's statement is the command's compare-and-swap: it writes only while the stored version is the one decided on.
  const caseRow = writes.prepare(app, record, { guard: { column: 'version', equals: commit.seenVersion, ...(commit.alsoWhere ? { alsoWhere: commit.alsoWhere } : {}) } });
  const effects = prepareEffectsAhead(app, writes, record, wf, decision.snapshot, decision.effects, ahead.data, commit.at, commit.comment, ahead.rows, ahead.documents);
  return { ...ahead, eventRow, caseRow, ...(effects ? { effects } : {}) };
}

/**
 * Commits an accepted decision on an existing case: the version compare-and-swap (a concurrent
 * command that got there first wins and this one fails with 409), the effects, the hash-chained
 * event and the case record, saved through `writer` (model saves by default). With `ahead`, the
 * case's rows and the event come from before the lock instead of being read and built under it;
 * with its `caseRow`, the case's own guarded write is the compare-and-swap and comes first, and
 * with its `effects` the effects' rows are only written. Returns the stored event and the case
 * data after the effects.
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
  const refuseAsStale = () => staleVersion(tx.findRecordById('applications', record.id).getInt('version'), seenVersion);
  const nextData: Record<string, JsonValue> = ahead ? ahead.data : JSON.parse(JSON.stringify(data));
  if (ahead?.caseRow) {
    // Built before the lock with the columns the decision leaves, and guarded by the version it was
    // decided on: its write is the compare-and-swap, and comes first, so the rows the effects write
    // next copy from the case as it now stands (the tasks' copies of its flags).
    if (!ahead.caseRow.write(tx)) throw refuseAsStale();
    markLockPiece('case');
  } else {
    const swapped = tx.db().newQuery('UPDATE applications SET version = {:next} WHERE id = {:id} AND version = {:seen}').bind({ next: decision.snapshot.version, id: record.id, seen: seenVersion }).execute();
    if (swapped.rowsAffected() !== 1) throw refuseAsStale();
    markLockPiece('version-swap');
    if (!ahead?.subjectLinked) linkCaseSubject(tx, wf, record, data, writer);
    markLockPiece('subject');
  }
  if (ahead?.effects) ahead.effects.write(tx);
  else applyEffects(tx, record, wf, decision.snapshot, decision.effects, nextData, commit.at, commit.comment, writer, ahead?.rows, ahead?.documents);
  markLockPiece('effects');
  let event: Record<string, unknown>;
  if (ahead) {
    if (ahead.eventRow) {
      saveCalendarVersion(tx, ahead.event.calendar.overrides, ahead.event.calendar.hash);
      ahead.eventRow.write(tx);
    } else writeEvent(tx, ahead.event, writer);
    event = ahead.event.view;
  } else {
    event = appendEvent(tx, record, wf.masks, decision.event, commit, writer);
  }
  markLockPiece('event');
  if (!ahead?.caseRow) {
    saveCase(tx, record, wf, decision.snapshot, nextData, writer);
    markLockPiece('case');
  }
  return { event, data: nextData };
}
