/**
 * Creating a case record inside a transaction, for every kind of starter: the opening route
 * (openCase.ts) after it has resolved who starts the case and for whom, and a parent case whose
 * decision asks for a child case (`startChildCase` effect, here).
 */
import { AssignmentError, createWorkingCalendar, startCase, starterFor, type CalendarOverride, type CaseSnapshot, type Effect, type JsonValue, type OrgDirectory, type OrgPath, type StartCaseInput, type StarterKind } from '../../engine/index.js';
import { prepareEvent, saveCase, setCaseColumns, writeEvent, type PreparedEvent } from './caseWrites.js';
import { applyEffects, dataAfterEffects, prepareEffectsAhead, recordAssignments, setPointer, type PreparedEffects } from './caseEffects.js';
import { setCaseNumberCopies, setEventCaseCopies } from './queueFilterCopies.js';
import type { CaseRowsRead } from './caseRowsRead.js';
import { modelSaves, type PreparedRow, type PreparedRowWrites, type RowWriter } from './preparedRowWrites.js';
import { calendarOverrides } from './calendarOverrides.js';
import { draftProblems } from './draftProblems.js';
import { engineActorOf, type ActorByValue } from './eventActor.js';
import { conflict, invalidData } from './httpError.js';
import { mergeCommandData, openingWrites } from './mergeCommandData.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';
import { linkCaseSubject } from './subjects.js';
import { orgDirectoryFor } from './orgDirectory.js';
import type { LoadedWorkflow } from './workflowCache.js';
import { publishedFor } from './divisionVersions.js';
import { newRecordId, selectRows } from './sqlRows.js';
import { markLockPiece } from './writeLockTiming.js';

/** Everything a new case needs, resolved by its starter. */
export interface CaseOpening {
  wf: LoadedWorkflow;
  starter: StarterKind;
  /** Who acts on the applicant steps (the snapshot's `applicant`): a user id, or the organisation's subject id. */
  party: string;
  /** The resident's user, when they have an account ('' otherwise). */
  applicantUser: string;
  /** The applicant organisation's subject id ('' otherwise). */
  applicantOrg: string;
  /** Who filed it (a user). */
  filedBy: string;
  /** Who the first event names as starting it, when not `filedBy` (a child case: whoever acted on the parent). */
  startedBy?: string;
  org: OrgPath;
  /** The subject the case is about, when known at the start. */
  subject?: string;
  parent?: string;
  /** For a child a `children` step waits for: the parent's wait (`step#visit`). */
  parentWait?: string;
  follows?: string;
  /** The case title (names in it already masked). */
  title: string;
  /** The data sent (opening writes only), or none. */
  dataPatch: Record<string, JsonValue> | null;
  commandId: string;
  actor: ActorByValue;
  at: Date;
}

/** What {@link createCase} made. */
export interface CreatedCase {
  record: PbRecord;
  snapshot: CaseSnapshot;
  data: Record<string, JsonValue>;
  event: Record<string, unknown>;
  /** Its tasks and timers as its start wrote them. */
  rows: CaseRowsRead;
}

/**
 * The next case number of a process and year (`<KEY>-2026-000042`): one step down the unique index
 * on `case_no` from the end of the prefix's range, inside the write lock. (A `LIKE` filter could
 * not use the index and walked every case.)
 */
function caseNumber(tx: PbApp, key: string, at: Date): string {
  const year = new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
  const prefix = `${key.toUpperCase().slice(0, 6)}-${year}-`;
  // Every number of the prefix sorts from `prefix` up to (not including) the prefix with '-' raised to '.'.
  const last = selectRows(tx, 'SELECT case_no FROM applications WHERE case_no >= {:from} AND case_no < {:to} ORDER BY case_no DESC LIMIT 1', { from: prefix, to: `${prefix.slice(0, -1)}.` }, { case_no: '' })[0];
  const n = last ? Number(last.case_no.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/** The opening data: only the initial step's writes, checked loosely like a draft. Throws 422. */
export function openingData(wf: LoadedWorkflow, patch: Record<string, JsonValue> | null, pathPrefix = '/data'): Record<string, JsonValue> {
  if (!patch || Object.keys(patch).length === 0) return {};
  const merged = mergeCommandData(wf, wf.definition.initial, openingWrites(wf), patch, {});
  if (!merged.ok) throw invalidData('提交了不允许填写的字段。', merged.errors.map((e) => ({ path: `${pathPrefix}${e.path}`, message: e.message })));
  const result = wf.validator?.validate(merged.data);
  const errors = result && !result.valid ? draftProblems(result.errors) : [];
  if (errors.length > 0) throw invalidData('填写内容有误，请按提示修改。', errors.map((e) => ({ path: `${pathPrefix}${e.path}`, message: e.message })));
  return merged.data;
}

/** A case's start as decided before it is written: its id, opening data, the engine's start and its first event. */
export interface DecidedStart {
  /** The new case's record id, chosen here so its first event can be built before the lock. */
  caseId: string;
  data: Record<string, JsonValue>;
  /** The data the start's effects leave ({@link dataAfterEffects}): what the case is first written with. */
  after: Record<string, JsonValue>;
  overrides: CalendarOverride[];
  start: StartCaseInput;
  directory: OrgDirectory | undefined;
  started: ReturnType<typeof startCase>;
  /** The case's first event, the head of its chain. */
  event: PreparedEvent;
}

/**
 * Decides a case's start: checks the opening data (422), runs the engine's start and builds the
 * first event. Reads only (the calendar, the county's org directory), so the opening route does it
 * before the write lock.
 */
export function decideStart(tx: PbApp, o: CaseOpening): DecidedStart {
  const { wf } = o;
  const data = openingData(wf, o.dataPatch);
  const overrides = calendarOverrides(tx);
  const calendar = createWorkingCalendar(overrides);
  const start = { applicant: o.party, org: o.org, filedBy: o.startedBy ?? o.filedBy };
  const directory = orgDirectoryFor(tx, wf.definition, o.org.county ?? '', o.commandId);
  let started: ReturnType<typeof startCase>;
  try {
    started = startCase(wf.compiled, start, o.at, { calendar, data, ...(directory ? { org: directory } : {}) });
  } catch (e) {
    // An initial step beside the chain that cannot be routed (no such unit in the county, a wrongly named unit).
    if (e instanceof AssignmentError) throw e.path ? invalidData(e.message, [{ path: e.path, message: e.message }]) : conflict(e.message);
    throw e;
  }
  const caseId = newRecordId();
  // A new case's chain starts with this event (no head before it).
  const event = prepareEvent(tx, caseId, wf.masks, started.event, { commandId: o.commandId, dataPatch: o.dataPatch, actor: o.actor, calendar: overrides, start, ...(directory ? { org: directory } : {}) }, undefined);
  return { caseId, data, after: dataAfterEffects(data, started.effects), overrides, start, directory, started, event };
}

/** A new case's record as its opening sets it, but its number (allocated under the lock) and its subject link (written under it). */
function newCaseRecord(app: PbApp, o: CaseOpening, caseId: string): PbRecord {
  const { wf } = o;
  const record = newRecord(app, 'applications');
  record.set('id', caseId);
  record.set('workflow', wf.recordId);
  record.set('workflow_key', wf.definition.key);
  record.set('workflow_version', wf.definition.version);
  record.set('applicant', o.applicantUser);
  record.set('applicant_org', o.applicantOrg);
  record.set('starter', o.starter);
  record.set('filed_by', o.filedBy);
  record.set('village', o.org.village ?? '');
  record.set('township', o.org.township ?? '');
  record.set('county', o.org.county ?? '');
  if (o.subject) record.set('subject', o.subject);
  if (o.parent) record.set('parent', o.parent);
  if (o.parentWait) record.set('parent_wait', o.parentWait);
  if (o.follows) record.set('follows', o.follows);
  record.set('title', o.title);
  return record;
}

/**
 * Creates the case: record, effects, first event, links; then the child cases its start asks for.
 * The case, its tasks, timers, documents, notices and event are saved through `writer` (model saves
 * unless the caller writes by prepared SQL and announces them after its commit). `decided` is the
 * start {@link decideStart} made (before the lock), decided here when not given.
 */
export function createCase(tx: PbApp, o: CaseOpening, writer: RowWriter = modelSaves, decided: DecidedStart = decideStart(tx, o)): CreatedCase {
  const { wf } = o;
  const { data, after, started } = decided;
  const record = newCaseRecord(tx, o, decided.caseId);
  record.set('case_no', caseNumber(tx, wf.definition.key, o.at));
  markLockPiece('case-number');
  linkCaseSubject(tx, wf, record, data, writer);
  markLockPiece('subject');
  // Written once, first, as the start leaves it (its data after the effects, the units and pool
  // members its tasks go to), so the tasks, timers and documents of the effects can refer to it.
  recordAssignments(record, started.effects);
  saveCase(tx, record, wf, started.snapshot, after, writer);
  markLockPiece('case');
  const rows = newCaseRows();
  applyEffects(tx, record, wf, started.snapshot, started.effects, after, o.at, undefined, writer, rows);
  markLockPiece('effects');
  return finishOpening(tx, o, decided, record, rows, writer);
}

/** A new case has no rows yet: its effects look up only the rows they write themselves. */
function newCaseRows(): CaseRowsRead {
  return { tasks: new Map(), timers: new Map(), lastEvent: undefined };
}

/** The end of an opening, once the case and its effects are written: its first event, then the child cases its start asks for. */
function finishOpening(tx: PbApp, o: CaseOpening, decided: DecidedStart, record: PbRecord, rows: CaseRowsRead, writer: RowWriter): CreatedCase {
  const { started } = decided;
  setEventCaseCopies(decided.event.record, record);
  writeEvent(tx, decided.event, writer);
  markLockPiece('event');
  startChildCases(tx, record, started.snapshot, started.effects, o.actor, o.at);
  markLockPiece('parent-and-children');
  return { record, snapshot: started.snapshot, data: decided.after, event: decided.event.view, rows };
}

/** A case's opening built before the write lock ({@link prepareOpening}); {@link createPreparedCase} writes it. */
export interface PreparedOpening {
  record: PbRecord;
  /** Its tasks and timers as its start builds them. */
  rows: CaseRowsRead;
  /** The case's insert, its number and subject read from the record when it runs. */
  caseRow: PreparedRow;
  /** The effects' rows (their case serial read when they run), or undefined when they are built under the lock (caseEffects.ts). */
  effects: PreparedEffects | undefined;
}

/**
 * Builds a case's opening before the write lock, as {@link createCase} writes it: the record with
 * the columns its start leaves and its insert, and its effects' rows. Only what the lock decides is
 * left open: the case number (allocated from the index under the lock), the subject link (a new
 * subject is created under it), the serial the tasks copy from the number, and its documents
 * (they print the number).
 */
export function prepareOpening(app: PbApp, o: CaseOpening, writes: PreparedRowWrites, decided: DecidedStart): PreparedOpening {
  const { wf } = o;
  const { after, started } = decided;
  const record = newCaseRecord(app, o, decided.caseId);
  recordAssignments(record, started.effects);
  setCaseColumns(record, wf, started.snapshot, after);
  const caseRow = writes.prepare(app, record, { late: ['case_no', 'subject'] });
  const rows = newCaseRows();
  const effects = prepareEffectsAhead(app, writes, record, wf, started.snapshot, started.effects, after, o.at, undefined, rows, [], ['case_serial', 'case_no']);
  return { record, rows, caseRow, effects };
}

/**
 * Writes a case {@link prepareOpening} built, inside the transaction: numbers it, links its
 * subject, then runs the case's insert, its effects and its first event; then starts the child
 * cases its start asks for.
 */
export function createPreparedCase(tx: PbApp, o: CaseOpening, writes: PreparedRowWrites, decided: DecidedStart, prepared: PreparedOpening): CreatedCase {
  const { wf } = o;
  const { data, after, started } = decided;
  const { record, rows } = prepared;
  record.set('case_no', caseNumber(tx, wf.definition.key, o.at));
  markLockPiece('case-number');
  linkCaseSubject(tx, wf, record, data, writes);
  markLockPiece('subject');
  prepared.caseRow.write(tx);
  markLockPiece('case');
  if (prepared.effects) {
    for (const task of rows.tasks.values()) setCaseNumberCopies(task, record.getString('case_no'));
    prepared.effects.write(tx);
  } else applyEffects(tx, record, wf, started.snapshot, started.effects, after, o.at, undefined, writes, rows);
  markLockPiece('effects');
  return finishOpening(tx, o, decided, record, rows, writes);
}

/**
 * The organisation a child case is about, by its 统一社会信用代码, in the parent's county, and an
 * account that acts for it (the case's applicant user); 422 at the parent's data when there is none.
 */
function childOrganisation(tx: PbApp, creditCode: string, org: OrgPath): { subject: PbRecord; account: string } {
  const found = tx.findRecordsByFilter('subjects', 'kind = "organisation" && key = {:key} && county = {:county}', '', 1, 0, { key: creditCode, county: org.county ?? '' })[0];
  if (!found) throw invalidData(`本县（市、区）没有统一社会信用代码为 ${creditCode} 的组织，不能为其发起子案件。`, [{ path: '/data', message: '组织不存在。' }]);
  const account = tx.findRecordsByFilter('users', 'organisation = {:org}', 'created', 1, 0, { org: found.id })[0];
  if (!account) throw invalidData(`组织“${found.getString('name')}”没有可以办理的账号，不能为其发起子案件。`, [{ path: '/data', message: '组织没有账号。' }]);
  return { subject: found, account: account.id };
}

/**
 * Starts the child cases a parent's decision asks for (`startChildCase` effects), in the parent's
 * transaction: each child must declare the parent's process among its `parent` starters; it is
 * about the parent's subject, in the parent's area, with the same applicant party, and links to
 * the parent (and, started by a `children` step, to the wait it is started for). Its first event
 * is recorded as acted by whoever acted on the parent. Returns the children created.
 */
export function startChildCases(tx: PbApp, parent: PbRecord, parentSnapshot: CaseSnapshot, effects: Effect[], actor: ActorByValue, at: Date): CreatedCase[] {
  const created: CreatedCase[] = [];
  let n = 0;
  for (const e of effects) {
    if (e.type !== 'startChildCase') continue;
    n++;
    const childOrg: OrgPath = { ...(parent.getString('village') ? { village: parent.getString('village') } : {}), ...(parent.getString('township') ? { township: parent.getString('township') } : {}), ...(parent.getString('county') ? { county: parent.getString('county') } : {}) };
    const child = publishedFor(tx, e.workflow, childOrg);
    if (!child) throw conflict(`子流程“${e.workflow}”没有已发布的版本，不能发起子案件。`, 'no_child_workflow');
    const allowed = starterFor(child.definition, engineActorOf(actor), { as: 'parent', workflow: parent.getString('workflow_key') });
    if (!allowed.ok) throw conflict(`流程“${child.definition.name}”没有声明可由本流程的案件发起。`, 'starter_not_declared');
    const patch: Record<string, JsonValue> = {};
    for (const [pointer, value] of Object.entries(e.data)) setPointer(patch, pointer, value);
    // A child about an organisation the parent's item names (organisationFrom): that organisation is its subject and applicant.
    const organisation = e.organisation !== undefined ? childOrganisation(tx, e.organisation, childOrg) : undefined;
    created.push(createCase(tx, {
      wf: child,
      starter: 'parent',
      party: organisation ? organisation.subject.id : parentSnapshot.applicant,
      applicantUser: organisation ? organisation.account : parent.getString('applicant'),
      applicantOrg: organisation ? organisation.subject.id : parent.getString('applicant_org'),
      filedBy: parent.getString('filed_by'),
      ...(actor.kind === 'system' ? {} : { startedBy: actor.id }),
      org: childOrg,
      ...(organisation ? { subject: organisation.subject.id } : parent.getString('subject') ? { subject: parent.getString('subject') } : {}),
      parent: parent.id,
      ...(e.wait ? { parentWait: e.wait } : {}),
      title: `${child.definition.name}：${organisation ? organisation.subject.getString('name') : parent.getString('title').split('：').slice(1).join('：') || '申请人'}`,
      dataPatch: Object.keys(patch).length > 0 ? patch : null,
      commandId: `child:${parent.id}:${parentSnapshot.version}:${n}`,
      actor,
      at,
    }));
  }
  return created;
}
