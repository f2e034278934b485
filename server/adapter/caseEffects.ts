/**
 * Carrying out a decision's effects on its case: the tasks it opens, closes, moves and assigns, the
 * timers it schedules and cancels, its documents, notices, subject facts, readers and check
 * requests, and the data it sets.
 *
 * Inside the transaction ({@link applyEffects}) each row is written as soon as it is built. A
 * command that read its case's rows before the write lock builds them before it too
 * ({@link prepareEffectsAhead}): each row's statement is made then, and the lock only runs the
 * statements, in the effects' order, beside the writes that can only be made under it (a document's
 * number, a subject's fact, a reader, a check request).
 */
import { chinaDateOf, ownEntry, taskStepName, type CaseSnapshot, type Effect, type JsonValue } from '../../engine/index.js';
import { conflict } from './httpError.js';
import { setFact } from './subjects.js';
import { issueNow, issueRendered, type RenderedDocument } from './caseDocuments.js';
import { newRecord, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { unitRecipient } from './sendNotifications.js';
import type { LoadedWorkflow } from './workflowCache.js';
import { grantRead } from './caseReaders.js';
import { enqueueCheckRequest } from './checkRequests.js';
import { modelSaves, type PreparedRowWrites, type RowWriter } from './preparedRowWrites.js';
import { setQueueFilterCopies } from './queueFilterCopies.js';
import { rowOfKey, type CaseRowsRead } from './caseRowsRead.js';

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

/** The case data a decision leaves: a copy of `data` with its `setData` effects applied (as {@link applyEffects} leaves it). */
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

/** The tables the effects write rows of. */
type EffectTable = 'tasks' | 'timers' | 'documents' | 'outbox';

/** Where the effects' writes go: a row built from its record, and a write that reads or numbers in the transaction. */
interface EffectWrites {
  row(record: PbRecord, table: EffectTable): void;
  locked(write: (tx: PbApp) => void): void;
}

/** What the effects carried out with: the case, its workflow and snapshot, and the command's time and comment. */
interface EffectContext {
  caseRecord: PbRecord;
  wf: LoadedWorkflow;
  snapshot: CaseSnapshot;
  data: Record<string, JsonValue>;
  now: Date;
  comment: string | undefined;
  /** The case's tasks and timers when read before the lock (caseRowsRead.ts), else read in the transaction. */
  read: CaseRowsRead | undefined;
  /** The decision's documents rendered before the lock, in the order of its effects. */
  rendered: readonly RenderedDocument[] | undefined;
}

/** An in-app notice of the case for `recipient` (a user id, a level of the chain, or `unit:<id>`); the outbox delivers it. */
function noticeRow(app: PbApp, caseId: string, recipient: string, message: string, now: Date): PbRecord {
  const o = newRecord(app, 'outbox');
  o.set('application', caseId);
  o.set('channel', 'inbox');
  o.set('recipient', recipient);
  o.set('message', message);
  o.set('status', 'pending');
  o.set('attempts', 0);
  o.set('next_attempt_at', now.toISOString());
  return o;
}

/**
 * Carries out `effects` but their `setData` (applied to the data beforehand): the rows are read
 * (from `c.read` when given) and built in `app`, and go to `out` in the effects' order.
 */
function carryOutEffects(app: PbApp, c: EffectContext, effects: readonly Effect[], out: EffectWrites): void {
  const { caseRecord, wf, read } = c;
  let documentsIssued = 0;
  for (const e of effects) {
    switch (e.type) {
      case 'openTask': {
        // A task opened again under its old key (撤回 restores the step before) reuses its row.
        const t = rowOfKey(app, 'tasks', read?.tasks, caseRecord.id, e.task.key, true)!;
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
        t.set('opened_at', c.now.toISOString());
        if (e.task.dueAt) t.set('due_at', e.task.dueAt);
        for (const level of ['village', 'township', 'county']) t.set(level, caseRecord.getString(level));
        t.set('workflow_key', caseRecord.getString('workflow_key'));
        setQueueFilterCopies(t, caseRecord);
        out.row(t, 'tasks');
        break;
      }
      case 'closeTask': {
        const t = rowOfKey(app, 'tasks', read?.tasks, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'open') {
          t.set('status', e.outcome === 'completed' ? 'done' : 'cancelled');
          t.set('closed_at', c.now.toISOString());
          out.row(t, 'tasks');
        }
        break;
      }
      case 'scheduleTimer': {
        const t = rowOfKey(app, 'timers', read?.timers, caseRecord.id, e.key, true)!;
        t.set('application', caseRecord.id);
        t.set('key', e.key);
        t.set('step', e.step);
        t.set('due_at', e.dueAt);
        t.set('status', 'pending');
        t.set('opened_at', c.now.toISOString());
        out.row(t, 'timers');
        break;
      }
      case 'moveDeadline': {
        const collection = e.target === 'task' ? 'tasks' : 'timers';
        const status = e.target === 'task' ? 'open' : 'pending';
        const known = read ? (e.target === 'task' ? read.tasks : read.timers).get(e.key) : undefined;
        const rows = read ? (known && known.getString('status') === status ? [known] : []) : app.findRecordsByFilter(collection, 'application = {:a} && key = {:k} && status = {:s}', '', 10, 0, { a: caseRecord.id, k: e.key, s: status });
        for (const t of rows) {
          t.set('due_at', e.dueAt);
          out.row(t, collection);
        }
        break;
      }
      case 'cancelTimer': {
        const t = rowOfKey(app, 'timers', read?.timers, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'pending') {
          t.set('status', 'cancelled');
          out.row(t, 'timers');
        }
        break;
      }
      case 'renderDocument': {
        // Rendered before the lock when the caller did (caseDocuments.ts); numbered under it either way.
        const ahead = c.rendered?.[documentsIssued];
        documentsIssued++;
        out.locked((tx) => {
          const issued = ahead ? issueRendered(tx, ahead, c.now) : issueNow(tx, caseRecord, wf, c.snapshot, e, c.data, c.now, c.comment);
          const d = newRecord(tx, 'documents');
          d.set('application', caseRecord.id);
          d.set('kind', e.kind);
          d.set('title', e.title);
          d.set('template', e.template);
          d.set('number', issued.number);
          d.set('html', issued.html);
          d.set('sha256', sha256(issued.html));
          out.row(d, 'documents');
        });
        break;
      }
      case 'notify':
        // A resident without an account has no inbox: the officer who filed for them (代办) is told.
        out.row(noticeRow(app, caseRecord.id, e.to === 'applicant' ? caseRecord.getString('applicant') || caseRecord.getString('filed_by') : e.to, e.message, c.now), 'outbox');
        break;
      case 'setSubjectFact': {
        out.locked((tx) => {
          const subject = caseRecord.getString('subject');
          if (!subject) throw conflict('案件尚未确定对象（如申请人身份证号），不能记录对象的事实。', 'no_subject');
          setFact(tx, subject, e.fact, e.today ? chinaDateOf(c.now) : e.value, { case: caseRecord.id, at: c.now });
        });
        break;
      }
      case 'assignTask': {
        const t = rowOfKey(app, 'tasks', read?.tasks, caseRecord.id, e.key, false);
        if (t && t.getString('status') === 'open') {
          t.set('assignee_user', e.user);
          out.row(t, 'tasks');
        }
        break;
      }
      case 'grantRead':
        out.locked((tx) => grantRead(tx, caseRecord.id, e.user, e.reason));
        break;
      case 'notifyUser':
        out.row(noticeRow(app, caseRecord.id, e.user, e.message, c.now), 'outbox');
        break;
      case 'notifyUnit':
        out.row(noticeRow(app, caseRecord.id, unitRecipient(e.unit), e.message, c.now), 'outbox');
        break;
      case 'requestCheck':
        // The request leaves through the outbox; its payload stays in the superuser-only check_requests (checkRequests.ts).
        out.locked((tx) => enqueueCheckRequest(tx, caseRecord.id, e.request, e.service, e.payload, c.now));
        break;
      case 'setData':
      case 'startChildCase':
        // setData: applied beforehand; child cases: startChildCases (caseOpening.ts), after the parent is saved.
        break;
    }
  }
}

/**
 * Carries out the effects of a decision in `tx`; `data` is updated in place by `setData`. The tasks,
 * timers, documents and notices are saved through `writer` (model saves unless the caller writes by
 * prepared SQL and announces them after its commit, see preparedRowWrites.ts). The case's tasks and
 * timers are looked up in `read` when the caller read them before the lock (caseRowsRead.ts: only
 * with prepared writes, after the version's compare-and-swap), else read in `tx`.
 */
export function applyEffects(tx: PbApp, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, effects: Effect[], data: Record<string, JsonValue>, now: Date, comment: string | undefined, writer: RowWriter = modelSaves, read?: CaseRowsRead, rendered?: readonly RenderedDocument[]): void {
  // Data first: documents rendered by the same command must see computed figures.
  applyDataEffects(data, effects);
  carryOutEffects(tx, { caseRecord, wf, snapshot, data, now, comment, read, rendered }, effects, {
    row: (record) => writer.save(tx, record),
    locked: (write) => write(tx),
  });
}

/** A task or timer row an effect writes, as `<collection>:<key>`, or undefined for an effect that writes none. */
function rowTouched(e: Effect): string | undefined {
  switch (e.type) {
    case 'openTask':
      return `tasks:${e.task.key}`;
    case 'closeTask':
    case 'assignTask':
      return `tasks:${e.key}`;
    case 'scheduleTimer':
    case 'cancelTimer':
      return `timers:${e.key}`;
    case 'moveDeadline':
      return `${e.target === 'task' ? 'tasks' : 'timers'}:${e.key}`;
    default:
      return undefined;
  }
}

/** Whether two of `effects` write the same task or timer row (their statements cannot then be made from the row before the lock). */
export function writesARowTwice(effects: readonly Effect[]): boolean {
  const seen = new Set<string>();
  for (const e of effects) {
    const row = rowTouched(e);
    if (row === undefined) continue;
    if (seen.has(row)) return true;
    seen.add(row);
  }
  return false;
}

/** A decision's effects built before the write lock ({@link prepareEffectsAhead}): under it, {@link write} only writes. */
export interface PreparedEffects {
  /** Writes the effects' rows and makes the writes only the lock can make, in the effects' order. */
  write(tx: PbApp): void;
}

/**
 * Builds the effects of a command before the write lock, from the case's rows read then (`read`;
 * caseRowsRead.ts says why they are right once the version's compare-and-swap succeeds): every task,
 * timer and notice row is built and its statement made by `writes`, as {@link applyEffects} would
 * make it under the lock; a document's number, a subject's fact, a reader and a check request wait
 * for the lock. `data` is the data the decision leaves (dataAfterEffects), `rendered` its documents
 * rendered ahead. Undefined when two effects write the same row (a task closed and opened again
 * under its key): each statement is made from its row as its one effect leaves it, so such a
 * decision is carried out under the lock. `lateTaskColumns`: columns of the new task rows read
 * from them only when they are written (a new case's serial, known once its number is).
 */
export function prepareEffectsAhead(app: PbApp, writes: PreparedRowWrites, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, effects: Effect[], data: Record<string, JsonValue>, now: Date, comment: string | undefined, read: CaseRowsRead, rendered: readonly RenderedDocument[], lateTaskColumns: readonly string[] = []): PreparedEffects | undefined {
  if (writesARowTwice(effects)) return undefined;
  const steps: Array<(tx: PbApp) => void> = [];
  let underLock: PbApp | undefined;
  carryOutEffects(app, { caseRecord, wf, snapshot, data, now, comment, read, rendered }, effects, {
    // Built now; a row built under the lock (a document) is written at once.
    row: (record, table) => {
      if (underLock) writes.save(underLock, record);
      else steps.push(writes.prepare(app, record, table === 'tasks' ? { late: lateTaskColumns } : {}).write);
    },
    locked: (write) => steps.push(write),
  });
  return {
    write: (tx) => {
      underLock = tx;
      try {
        for (const step of steps) step(tx);
      } finally {
        underLock = undefined;
      }
    },
  };
}
