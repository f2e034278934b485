/**
 * Starting a bulk run's cases, chunk by chunk. Each chunk is one transaction that first moves the
 * run's cursor by compare-and-swap (so two workers never start the same chunk), then starts every
 * case of the chunk with the real engine — or records why a row could not start — and updates the
 * run's counts: a server killed mid-run loses at most the uncommitted chunk, which the next call
 * (resume route, cron sweep) starts again from the committed cursor. A case is never started twice
 * for one run and subject (the cursor, and the unique index on applications (bulk_run, subject)).
 *
 * Within a chunk, subjects of one home (same village, township, county) get the same start from the
 * engine (same process version, starter, instant and calendar): the first is started by
 * `createCase` — the same code as POST /api/tongban/cases — and the others are copied from it by
 * SQL (bulkCaseCopies.ts), each with its own id, case number, subject, title, command id and event
 * hash. A process whose start depends on more than that (pool draws, documents, subject facts,
 * child cases …) starts every case through `createCase`.
 */
import { createWorkingCalendar, startCase, usesOrgDirectory, type Effect, type OrgPath } from '../../engine/index.js';
import { bulkRunView, type BulkRunView } from './bulkRuns.js';
import { copyableTemplate, insertCaseCopies, type CaseCopy } from './bulkCaseCopies.js';
import { calendarOverrides } from './calendarOverrides.js';
import { chainedEventsOf } from './caseVerdict.js';
import { scheduledCasesDiffer, scheduledOpening } from './scheduledOpening.js';
import { createCase } from './caseOpening.js';
import { now } from './clock.js';
import { copiedEventHasher } from './copiedEventHash.js';
import type { ActorByValue } from './eventActor.js';
import { genesisHash } from './hashChain.js';
import { HttpError } from './httpError.js';
import { getenv, newRecord, readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { executeSql, inList, newRecordId, selectRows } from './sqlRows.js';
import { versionFor } from './divisionVersions.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** What does not change during a run, read once per server process. */
interface RunPlan {
  id: string;
  workflowRecord: string;
  subjects: string[];
  unit: string;
  startedBy: ActorByValue;
  origin: 'officer' | 'schedule';
  /** The origin's key: for a schedule, `<process>/<schedule>/<period>` (scheduledOpening.ts). */
  originKey: string;
  chunkSize: number;
  total: number;
}

interface SubjectRow {
  id: string;
  kind: string;
  name: string;
  village: string;
  township: string;
  county: string;
}

interface RowFailure {
  row: number;
  subject: string;
  reason: string;
}

/** Effects whose rows are copied with a template case (tasks, timers, outbox) or that write only the case itself. */
const copiedEffects: ReadonlySet<Effect['type']> = new Set(['openTask', 'scheduleTimer', 'setData', 'notify', 'notifyUser', 'notifyUnit']);

const plans = new Map<string, RunPlan>();

function planOf(app: PbApp, runId: string): RunPlan {
  let plan = plans.get(runId);
  if (!plan) {
    const run = app.findRecordById('bulk_runs', runId);
    plan = {
      id: run.id,
      workflowRecord: run.getString('workflow'),
      subjects: readJson<string[]>(run, 'subjects') ?? [],
      unit: run.getString('unit'),
      startedBy: readJson<ActorByValue>(run, 'started_by'),
      origin: run.getString('origin_kind') === 'schedule' ? 'schedule' : 'officer',
      originKey: run.getString('origin_key'),
      chunkSize: Math.max(1, run.getInt('chunk_size')),
      total: run.getInt('total'),
    };
    plans.set(runId, plan);
  }
  return plan;
}

/** The command id of the first event of the case a run starts for a subject. */
export const bulkCommandId = (runId: string, subjectId: string) => `bulk:${runId}:${subjectId}`;

const dbTime = (at: Date) => at.toISOString().replace('T', ' ');

function reasonOf(e: unknown): string {
  if (e instanceof HttpError) return e.errors?.[0] && e.errors[0].message !== e.message ? `${e.message}（${e.errors[0].message}）` : e.message;
  return `启动失败：${e instanceof Error ? e.message : String(e)}`;
}

/** Runs `fn` in a savepoint: its writes are kept when it returns and undone when it throws. */
function inSavepoint(tx: PbApp, fn: () => void): { ok: true } | { ok: false; reason: string } {
  executeSql(tx, 'SAVEPOINT bulk_row', {});
  try {
    fn();
  } catch (e) {
    executeSql(tx, 'ROLLBACK TO bulk_row', {});
    executeSql(tx, 'RELEASE bulk_row', {});
    return { ok: false, reason: reasonOf(e) };
  }
  executeSql(tx, 'RELEASE bulk_row', {});
  return { ok: true };
}

const homeOf = (s: SubjectRow): OrgPath => ({ ...(s.village ? { village: s.village } : {}), ...(s.township ? { township: s.township } : {}), ...(s.county ? { county: s.county } : {}) });

/** The rows of a chunk that cannot start, and why (Chinese); the others in order. */
function screenRows(tx: PbApp, plan: RunPlan, wf: LoadedWorkflow, from: number, ids: string[]): { ready: { row: number; subject: SubjectRow }[]; failures: RowFailure[] } {
  const list = inList(ids, 's');
  const found = new Map(selectRows(tx, `SELECT id, kind, name, village, township, county FROM subjects WHERE id IN (${list.sql})`, list.params, { id: '', kind: '', name: '', village: '', township: '', county: '' }).map((r) => [r.id, r]));
  // A schedule owes a case per period: last period's case still open does not hold this one back.
  // Looked up by subject (`+status` keeps the planner off the status indexes, which would read every
  // active case of the county once per chunk: a run's cost grew with the square of its size).
  const busy = plan.origin === 'schedule' ? new Set<string>() : new Set(selectRows(tx, `SELECT subject FROM applications WHERE workflow_key = {:key} AND +status = 'active' AND subject IN (${list.sql})`, { ...list.params, key: wf.definition.key }, { subject: '' }).map((r) => r.subject));
  const declaredKind = wf.definition.subject?.kind;
  const ready: { row: number; subject: SubjectRow }[] = [];
  const failures: RowFailure[] = [];
  ids.forEach((id, i) => {
    const row = from + i;
    const s = found.get(id);
    if (!s || (plan.unit !== '' && s.village !== plan.unit && s.township !== plan.unit && s.county !== plan.unit)) failures.push({ row, subject: id, reason: '对象不存在，或不在发起人的辖区内。' });
    else if (declaredKind && s.kind !== declaredKind) failures.push({ row, subject: id, reason: `对象的类型与此事项不符（应为${declaredKind === 'person' ? '个人或家庭' : '组织'}）。` });
    else if (busy.has(id)) failures.push({ row, subject: id, reason: `该对象已有办理中的“${wf.definition.name}”案件，未重复发起。` });
    else ready.push({ row, subject: s });
  });
  return { ready, failures };
}

/** Starts one case of the run through `createCase`; returns its record. */
function startOne(tx: PbApp, plan: RunPlan, wf: LoadedWorkflow, subject: SubjectRow, at: Date): PbRecord {
  const party = plan.startedBy.kind === 'system' ? '' : plan.startedBy.id;
  // A schedule's case: the subject organisation may be its applicant, its data comes from the schedule.
  const scheduled = plan.origin === 'schedule' ? scheduledOpening(tx, wf, plan.originKey, subject.id) : undefined;
  const created = createCase(tx, {
    wf,
    starter: scheduled?.starter ?? 'officer',
    party: scheduled?.party ?? party,
    applicantUser: '',
    applicantOrg: scheduled?.applicantOrg ?? '',
    filedBy: party,
    org: homeOf(subject),
    subject: subject.id,
    title: `${wf.definition.name}：${subject.name || '对象'}`,
    dataPatch: scheduled?.dataPatch ?? null,
    commandId: bulkCommandId(plan.id, subject.id),
    actor: plan.startedBy,
    at,
  });
  executeSql(tx, 'UPDATE applications SET bulk_run = {:run}, starter = {:starter} WHERE id = {:id}', { run: plan.id, starter: plan.origin, id: created.record.id });
  return created.record;
}

/** Whether the engine's start of a case in `org` is one that copies reproduce exactly. */
function startIsCopyable(tx: PbApp, plan: RunPlan, wf: LoadedWorkflow, org: OrgPath, at: Date): boolean {
  if (usesOrgDirectory(wf.definition)) return false;
  if (plan.origin === 'schedule' && scheduledCasesDiffer(wf, plan.originKey)) return false;
  const party = plan.startedBy.kind === 'system' ? '' : plan.startedBy.id;
  try {
    const started = startCase(wf.compiled, { applicant: party, org, filedBy: party }, at, { calendar: createWorkingCalendar(calendarOverrides(tx)), data: {} });
    return started.effects.every((e) => copiedEffects.has(e.type));
  } catch {
    return false; // createCase reports why, row by row
  }
}

/** Starts the ready rows of one home: the first through the engine, the rest as its copies (or each through the engine). */
function startHome(tx: PbApp, plan: RunPlan, wf: LoadedWorkflow, rows: { row: number; subject: SubjectRow }[], at: Date, failures: RowFailure[], allowCopies: boolean): number {
  let started = 0;
  let template: PbRecord | undefined;
  let rest = rows;
  const copyable = allowCopies && rows.length > 1 && startIsCopyable(tx, plan, wf, homeOf(rows[0]!.subject), at);
  while (rest.length > 0) {
    const [first, ...others] = rest as [{ row: number; subject: SubjectRow }, ...{ row: number; subject: SubjectRow }[]];
    rest = others;
    let record: PbRecord | undefined;
    const outcome = inSavepoint(tx, () => { record = startOne(tx, plan, wf, first.subject, at); });
    if (!outcome.ok) {
      failures.push({ row: first.row, subject: first.subject.id, reason: outcome.reason });
      continue;
    }
    started++;
    if (copyable && copyableTemplate(tx, record!.id)) {
      template = record;
      break;
    }
  }
  if (!template || rest.length === 0) return started;
  const events = chainedEventsOf(tx, template.id);
  const hashOf = copiedEventHasher(events[0]!, genesisHash, sha256);
  const caseNo = template.getString('case_no');
  const prefix = caseNo.slice(0, caseNo.lastIndexOf('-') + 1);
  const first = Number(caseNo.slice(prefix.length));
  const copies: CaseCopy[] = rest.map(({ subject }, i) => {
    const commandId = bulkCommandId(plan.id, subject.id);
    return { id: newRecordId(), caseNo: `${prefix}${String(first + i + 1).padStart(6, '0')}`, subject: subject.id, title: `${wf.definition.name}：${subject.name || '对象'}`, commandId, hash: hashOf(commandId) };
  });
  insertCaseCopies(tx, template.id, copies);
  return started + copies.length;
}

/**
 * The version record a case of the run in `org` starts on: the run's version, or that version's
 * local rules (overlay) of the most specific division of `org` that published some — as
 * POST /api/tongban/cases chooses (divisionVersions.ts).
 */
function versionOfHome(tx: PbApp, wf: LoadedWorkflow, org: OrgPath): LoadedWorkflow {
  const record = versionFor(tx, wf.definition.key, wf.definition.version, org);
  return record && record.id !== wf.recordId ? workflowByRecord(tx, record.id) : wf;
}

/** Starts rows [from, to) of the run in the caller's transaction; answers how many started and which failed. */
function startRows(tx: PbApp, plan: RunPlan, wf: LoadedWorkflow, from: number, to: number, at: Date, allowCopies: boolean): { started: number; failures: RowFailure[] } {
  const { ready, failures } = screenRows(tx, plan, wf, from, plan.subjects.slice(from, to));
  let started = 0;
  // Rows were ordered by home when the run was created: consecutive rows of one home start together.
  for (let i = 0; i < ready.length; ) {
    const key = `${ready[i]!.subject.county}|${ready[i]!.subject.township}|${ready[i]!.subject.village}`;
    let j = i + 1;
    while (j < ready.length && `${ready[j]!.subject.county}|${ready[j]!.subject.township}|${ready[j]!.subject.village}` === key) j++;
    started += startHome(tx, plan, versionOfHome(tx, wf, homeOf(ready[i]!.subject)), ready.slice(i, j), at, failures, allowCopies);
    i = j;
  }
  return { started, failures };
}

/** Moves the cursor from `seen` to `next` if no one else did; false when another worker got there first. */
function claimRows(tx: PbApp, runId: string, seen: number, next: number): boolean {
  return executeSql(tx, "UPDATE bulk_runs SET cursor = {:next}, status = 'running' WHERE id = {:id} AND cursor = {:seen} AND status IN ('queued', 'running')", { id: runId, seen, next }) === 1;
}

/** Records the outcome of rows up to `next` with the cursor move. */
function recordOutcome(tx: PbApp, plan: RunPlan, next: number, started: number, failures: RowFailure[], at: Date): void {
  for (const f of failures) {
    const r = newRecord(tx, 'bulk_run_failures');
    r.set('run', plan.id);
    r.set('row', f.row);
    r.set('subject', f.subject);
    r.set('reason', f.reason);
    tx.save(r);
  }
  const done = next >= plan.total;
  executeSql(tx, 'UPDATE bulk_runs SET started = started + {:s}, failed = failed + {:f}, status = {:status}, finished_at = {:fin}, updated = {:now} WHERE id = {:id}', {
    id: plan.id,
    s: started,
    f: failures.length,
    status: done ? 'done' : 'running',
    fin: done ? dbTime(at) : '',
    now: dbTime(new Date()),
  });
}

/** Marks a run failed as a whole (its process version can no longer start cases). */
function failRun(app: PbApp, runId: string, reason: string): void {
  app.runInTransaction((tx) => {
    executeSql(tx, "UPDATE bulk_runs SET status = 'failed', error = {:e}, finished_at = {:fin} WHERE id = {:id} AND status IN ('queued', 'running')", { id: runId, e: reason, fin: dbTime(now(tx)) });
  });
}

/** Rows [seen, next) one per transaction, after their chunk failed as a whole: each starts or is recorded as failed. */
function rowByRow(app: PbApp, plan: RunPlan, seen: number, next: number): 'moved' | 'ok' {
  for (let i = seen; i < next; i++) {
    let claimed = false;
    try {
      app.runInTransaction((tx) => {
        claimed = claimRows(tx, plan.id, i, i + 1);
        if (!claimed) return;
        const at = now(tx);
        const outcome = startRows(tx, plan, workflowByRecord(tx, plan.workflowRecord), i, i + 1, at, false);
        recordOutcome(tx, plan, i + 1, outcome.started, outcome.failures, at);
      });
    } catch (e) {
      app.runInTransaction((tx) => {
        claimed = claimRows(tx, plan.id, i, i + 1);
        if (claimed) recordOutcome(tx, plan, i + 1, 0, [{ row: i, subject: plan.subjects[i] ?? '', reason: reasonOf(e) }], now(tx));
      });
    }
    if (!claimed) return 'moved';
  }
  return 'ok';
}

/** One chunk from the committed cursor `seen`: 'moved' when another worker had moved the cursor. */
function runChunk(app: PbApp, plan: RunPlan, seen: number): 'moved' | 'ok' | 'failed' {
  const next = Math.min(plan.total, seen + plan.chunkSize);
  let claimed = false;
  try {
    app.runInTransaction((tx) => {
      claimed = claimRows(tx, plan.id, seen, next);
      if (!claimed) return;
      const at = now(tx);
      const outcome = startRows(tx, plan, workflowByRecord(tx, plan.workflowRecord), seen, next, at, true);
      recordOutcome(tx, plan, next, outcome.started, outcome.failures, at);
    });
  } catch (e) {
    if (e instanceof HttpError && e.code === 'invalid_definition') {
      failRun(app, plan.id, e.message);
      return 'failed';
    }
    return rowByRow(app, plan, seen, next);
  }
  return claimed ? 'ok' : 'moved';
}

/** Limits of one call of {@link processBulkRun}. */
export interface ProcessLimits {
  /** Start no chunk after this instant (ms since the epoch); at least one chunk is started. */
  untilMs: number;
  /** At most this many chunks. */
  maxChunks?: number;
}

/**
 * Starts the next chunks of a run until it is done, the limits are reached, or another worker is
 * moving it; answers the run's view. Safe to call at any time, from several places at once.
 */
export function processBulkRun(app: PbApp, runId: string, limits: ProcessLimits): BulkRunView {
  let chunks = 0;
  for (;;) {
    const state = selectRows(app, 'SELECT cursor, total, status FROM bulk_runs WHERE id = {:id}', { id: runId }, { cursor: 0, total: 0, status: '' })[0];
    if (!state || (state.status !== 'queued' && state.status !== 'running') || state.cursor >= state.total) break;
    if (chunks > 0 && (Date.now() >= limits.untilMs || (limits.maxChunks !== undefined && chunks >= limits.maxChunks))) break;
    const outcome = runChunk(app, planOf(app, runId), state.cursor);
    chunks++;
    if (outcome !== 'ok') break;
  }
  return bulkRunView(app, app.findRecordById('bulk_runs', runId));
}

/** Chunks per request (test servers lower it to stop a run between chunks): `TONGBAN_BULK_CHUNKS_PER_REQUEST`. */
export function chunksPerRequest(): number | undefined {
  const configured = Number(getenv('TONGBAN_BULK_CHUNKS_PER_REQUEST'));
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

/** The cron's part: continues every unfinished run, oldest first, for at most `budgetMs`; answers how many it touched. */
export function processBulkRuns(app: PbApp, budgetMs: number): number {
  const untilMs = Date.now() + budgetMs;
  const runs = selectRows(app, "SELECT id FROM bulk_runs WHERE status IN ('queued', 'running') ORDER BY created LIMIT 20", {}, { id: '' });
  let touched = 0;
  for (const { id } of runs) {
    if (touched > 0 && Date.now() >= untilMs) break;
    processBulkRun(app, id, { untilMs });
    touched++;
  }
  return touched;
}
