/**
 * The timer sweep: fires every pending timer that is due, each in its own transaction, through
 * `decide` as the system actor (`timer.elapsed` for a timer step; `deadline.remind` /
 * `deadline.overdue` for a task deadline's timers, by their key). As a command does, a timer is
 * prepared without the write lock — its case read, the inputs gathered, the decision made — and
 * only committed under it: the timer is claimed by compare-and-swap on its status (a timer fires
 * once even when sweeps overlap), the case's version by compare-and-swap against the version the
 * decision was made on. A command that changed the case meanwhile makes the commit fail and roll
 * back (claim included), and the timer is decided again on the new state. A timer that fell due
 * while the server was down fires at the first sweep after the restart; one whose transaction
 * failed stays pending for the next run. A run reads the due timers a page at a time and goes on
 * until none is due or its time budget is spent (the rest wait for the next run). Timers are
 * committed a few at a time ({@link timersPerCommit}), each under its own savepoint: a timer whose
 * case changed is undone alone and decided again, and any other failure undoes the few, which are
 * then fired one transaction each (a failing timer stays pending alone). Commands take the write
 * lock between two such commits, and a busy server no longer makes the sweep wait a turn at the
 * lock per timer. As on the command path, the claim is one SQL statement and the decision's rows
 * (tasks, timers, notices, event, case) are written by prepared SQL and announced to realtime after
 * the commit — never for a timer undone or a transaction that rolled back (preparedRowWrites.ts).
 */
import { createWorkingCalendar, decide, timerCommandOf, type Actor, type CalendarOverride, type CaseSnapshot, type DecidedEvent, type Effect, type JsonValue, type OrgDirectory, type WorkingCalendar } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { commitDecision } from './caseWrites.js';
import { caseSubjectFacts } from './subjects.js';
import { followDecision } from './childCases.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { systemActorByValue } from './eventActor.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates, type CandidateLister } from './panelCandidates.js';
import { HttpError } from './httpError.js';
import { inWriteTransaction } from './writeLockTiming.js';
import { selectRows } from './sqlRows.js';
import { PreparedRowWrites } from './preparedRowWrites.js';

const system: Actor = { id: 'system', kind: 'system', roles: [] };

/** Wall time one sweep spends firing timers before leaving the rest to the next run (the cron runs every minute). */
export const sweepBudgetMs = 45_000;

/** Timers read per page. */
const pageSize = 200;

/**
 * Timers committed per transaction: enough that the sweep, beside commands, does not wait a turn
 * at the write lock per timer; few enough that a command waits at most a few timers' writes.
 */
export const timersPerCommit = 8;

/** Times a timer is decided again in one run when a command changed its case between its decision and its commit. */
const redecisions = 3;

/** An instant as PocketBase stores dates, for raw SQL. */
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** The 工作日 overrides one run counts with, read once per run (each event records the version it used). */
interface RunCalendar {
  overrides: CalendarOverride[];
  calendar: WorkingCalendar;
}

/** Fires due timers, page after page, until none is due or `budgetMs` is spent; returns how many took effect. */
export function sweepTimers(app: PbApp, budgetMs = sweepBudgetMs): number {
  const at = now(app);
  const startedMs = Date.now();
  const overrides = calendarOverrides(app);
  const calendar: RunCalendar = { overrides, calendar: createWorkingCalendar(overrides) };
  // Each timer is tried once per run; one whose transaction failed stays pending for the next run.
  const tried = new Set<string>();
  let fired = 0;
  let unfired = 0;
  for (;;) {
    const page = app
      .findRecordsByFilter('timers', 'status = "pending" && due_at <= {:now}', 'due_at', pageSize + unfired, 0, { now: dbDate(at) })
      .filter((t) => !tried.has(t.id));
    if (page.length === 0) return fired;
    for (let first = 0; first < page.length; first += timersPerCommit) {
      if (Date.now() - startedMs > budgetMs) return fired;
      const batch = page.slice(first, first + timersPerCommit);
      for (const timer of batch) tried.add(timer.id);
      const took = fireTogether(app, batch, at, calendar);
      fired += took;
      unfired += batch.length - took;
    }
  }
}

/** A due timer decided beside other writers: what its commit writes, or nothing when the timer is stale (its step was left). */
interface PreparedTimer {
  record: PbRecord;
  seenVersion: number;
  fire?: {
    wf: LoadedWorkflow;
    data: Record<string, JsonValue>;
    commandId: string;
    decision: { snapshot: CaseSnapshot; effects: Effect[]; event: DecidedEvent };
    recused: string[];
    org?: OrgDirectory;
    candidates: CandidateLister;
    subjectFacts?: Record<string, JsonValue>;
  };
}

/** Reads the timer's case and decides, without the write lock. */
function prepareTimer(app: PbApp, timer: PbRecord, at: Date, calendar: RunCalendar): PreparedTimer {
  const record = app.findRecordById('applications', timer.getString('application'));
  const wf = workflowByRecord(app, record.getString('workflow'));
  const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
  const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
  const commandId = `timer:${record.id}:${timer.getString('key')}`;
  const timerKey = timer.getString('key');
  const recused = recusedStaff(app, caseIdNumberHashes(data, wf.idFields));
  const org = orgDirectoryFor(app, wf.definition, record.getString('county'), commandId);
  const candidates = liveCandidates(app);
  const subjectFacts = caseSubjectFacts(app, wf, record, data);
  const decision = decide(wf.compiled, snapshot, system, { action: timerCommandOf(timerKey), version: snapshot.version, commandId, timerKey }, at, { calendar: calendar.calendar, data, recusedActors: recused, ...(org ? { org } : {}), caseId: record.id, panelCandidates: candidates.list, ...(subjectFacts ? { subjectFacts } : {}) });
  if (!decision.ok) return { record, seenVersion: snapshot.version };
  return { record, seenVersion: snapshot.version, fire: { wf, data, commandId, decision, recused, ...(org ? { org } : {}), candidates, ...(subjectFacts ? { subjectFacts } : {}) } };
}

/** Why a commit was undone: the case changed after the timer was decided. */
class CaseChanged extends Error {}

/**
 * Commits a prepared timer inside the write lock: claims it (still pending and due), checks the
 * case is still at the version decided on, and writes the decision. True when it took effect;
 * false when another run took the timer or it was stale (then it is spent). Throws
 * {@link CaseChanged} when a command changed the case since the decision.
 */
function commitTimer(tx: PbApp, timer: PbRecord, prepared: PreparedTimer, at: Date, calendar: RunCalendar, rows: PreparedRowWrites): boolean {
  const claimed = tx.db().newQuery("UPDATE timers SET status = 'fired', fired_at = {:at} WHERE id = {:id} AND status = 'pending' AND due_at <= {:at}").bind({ at: dbDate(at), id: timer.id }).execute();
  if (claimed.rowsAffected() !== 1) return false;
  const { record, seenVersion, fire } = prepared;
  if (!fire) {
    // A stale timer (the step was left) is simply spent — when the case is still as it was decided on.
    const [current] = selectRows(tx, 'SELECT version FROM applications WHERE id = {:id}', { id: record.id }, { version: 0 });
    if (current?.version !== seenVersion) throw new CaseChanged();
    return false;
  }
  try {
    commitDecision(tx, record, fire.wf, seenVersion, fire.decision, fire.data, { at, commandId: fire.commandId, dataPatch: null, actor: systemActorByValue, calendar: calendar.overrides, recused: fire.recused, timerKey: timer.getString('key'), ...(fire.org ? { org: fire.org } : {}), panelCandidates: fire.candidates.recorded, ...(fire.subjectFacts ? { subjectFacts: fire.subjectFacts } : {}) }, rows);
  } catch (err) {
    if (err instanceof HttpError && err.code === 'stale_version') throw new CaseChanged();
    throw err;
  }
  followDecision(tx, record, fire.decision.snapshot, fire.decision.effects, systemActorByValue, at);
  return true;
}

/** What committing one timer among others came to. */
type TimerOutcome = 'fired' | 'spent' | 'caseChanged';

/**
 * Fires a few due timers: each decided without the lock, all committed in one transaction, each
 * under its own savepoint. Returns how many took effect. A timer whose case changed since its
 * decision is undone alone (the claim and the compare-and-swap are its first statements, so nothing
 * else of it was written) and fired again by itself; a timer that could not be decided stays
 * pending; any other failure rolls the few back, and each is then fired in its own transaction.
 */
function fireTogether(app: PbApp, timers: PbRecord[], at: Date, calendar: RunCalendar): number {
  const decided: { timer: PbRecord; prepared: PreparedTimer; rows: PreparedRowWrites }[] = [];
  for (const timer of timers) {
    try {
      decided.push({ timer, prepared: prepareTimer(app, timer, at, calendar), rows: new PreparedRowWrites() });
    } catch {
      // Left pending: the next sweep retries this timer.
    }
  }
  let outcomes: TimerOutcome[] = [];
  try {
    inWriteTransaction(app, 'timers', (tx) => {
      outcomes = [];
      for (const { timer, prepared, rows } of decided) {
        tx.db().newQuery('SAVEPOINT tongban_timer').bind({}).execute();
        try {
          outcomes.push(commitTimer(tx, timer, prepared, at, calendar, rows) ? 'fired' : 'spent');
        } catch (err) {
          if (!(err instanceof CaseChanged)) throw err;
          tx.db().newQuery('ROLLBACK TO tongban_timer').bind({}).execute();
          outcomes.push('caseChanged');
        }
        tx.db().newQuery('RELEASE tongban_timer').bind({}).execute();
      }
    });
  } catch {
    // One of them failed otherwise: all were rolled back; each is fired alone, so only a failing one stays pending.
    return decided.filter(({ timer }) => fireTimer(app, timer, at, calendar)).length;
  }
  let fired = 0;
  decided.forEach(({ timer, rows }, i) => {
    if (outcomes[i] === 'fired') {
      // Committed: realtime hears of the timer's rows now.
      rows.announce(app);
      fired++;
    } else if (outcomes[i] === 'caseChanged' && fireTimer(app, timer, at, calendar)) fired++;
  });
  return fired;
}

/** Fires one due timer: decided without the lock, committed in its own transaction; true when it took effect (false: spent, taken by another run, or failed and left pending). */
function fireTimer(app: PbApp, timer: PbRecord, at: Date, calendar: RunCalendar): boolean {
  for (let attempt = 0; attempt <= redecisions; attempt++) {
    let fired = false;
    // What the transaction threw, as thrown (an error leaving the transaction comes back wrapped).
    let thrown: unknown;
    try {
      const prepared = prepareTimer(app, timer, at, calendar);
      // One writer per transaction: a rolled-back attempt's rows are dropped with it, never announced.
      const rows = new PreparedRowWrites();
      inWriteTransaction(app, 'timer', (tx) => {
        try {
          fired = commitTimer(tx, timer, prepared, at, calendar, rows);
        } catch (err) {
          thrown = err;
          throw err;
        }
      });
      // Committed: realtime hears of the timer's rows now.
      rows.announce(app);
      return fired;
    } catch {
      // The case changed between the decision and the commit: decided again on what it is now.
      if (thrown instanceof CaseChanged) continue;
      // Left pending: the next sweep retries this timer.
      return false;
    }
  }
  return false;
}
