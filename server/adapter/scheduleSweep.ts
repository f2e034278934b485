/**
 * The schedule sweep (cron, after the timer sweep): for the newest published version of every
 * process with `schedules`, opens a run for each period whose start day has come and that has not
 * run (one `schedule_runs` row per process, schedule and period — a unique index, so overlapping
 * sweeps open it once), records periods that ended without a run as `missed`, and goes on with
 * every running run: the subjects of its kind, in id order from its cursor, a chunk per
 * transaction; each subject that matches gets one case (never two for one run: a unique index on
 * the case's run and subject). A chunk that fails is redone subject by subject, and a subject whose
 * case cannot start is recorded among the run's failures instead of stopping the run.
 */
import { isValidStartOn, periodByKey, scheduleDue, scheduleMatches, scheduleOpeningData, scheduleStartOn, type JsonValue, type OrgPath, type ScheduleDefinition, type SchedulePeriod } from '../../engine/index.js';
import { ownEntry } from '../../engine/index.js';
import { createCase } from './caseOpening.js';
import { setPointer } from './caseWrites.js';
import { now } from './clock.js';
import { systemActorByValue } from './eventActor.js';
import { HttpError, conflict } from './httpError.js';
import { newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { factsOf } from './subjects.js';
import { latestPublished, workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** What one sweep of the schedules did. */
export interface ScheduleSweepResult {
  /** Runs opened for periods that started. */
  opened: number;
  /** Periods recorded as missed (ended while no sweep ran). */
  missed: number;
  /** Cases started. */
  started: number;
  /** Subjects whose case could not be started (recorded on their run). */
  failed: number;
}

/** Failures kept on a run (the count goes on). */
const maxFailuresKept = 100;

const pbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** The newest published version of every process that declares schedules (an invalid version is skipped). */
export function scheduledWorkflows(app: PbApp): LoadedWorkflow[] {
  const keys = new Set(app.findRecordsByFilter('workflow_definitions', 'status = "published"', 'key', 10000, 0).map((r) => r.getString('key')));
  const out: LoadedWorkflow[] = [];
  for (const key of keys) {
    let wf: LoadedWorkflow | undefined;
    try {
      wf = latestPublished(app, key);
    } catch (e) {
      if (e instanceof HttpError) continue; // an invalid version answers 409 on its routes; it schedules nothing
      throw e;
    }
    if (wf?.definition.schedules && Object.keys(wf.definition.schedules).length > 0) out.push(wf);
  }
  return out;
}

/** The `MM-DD` a schedule of `wf` starts on, or undefined when it names no valid day (the checker refuses such a version). */
export function startOnOf(wf: LoadedWorkflow, schedule: ScheduleDefinition): string | undefined {
  const startOn = scheduleStartOn(schedule.startOn, wf.definition.parameters ?? {});
  return isValidStartOn(schedule.every, startOn) ? startOn : undefined;
}

/** The key of the last period a schedule ran or missed (of its current kind of period), or undefined. */
export function lastPeriodOf(app: PbApp, workflowKey: string, scheduleKey: string, schedule: ScheduleDefinition): string | undefined {
  const last = app.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && every = {:every}', '-period', 1, 0, { key: workflowKey, schedule: scheduleKey, every: schedule.every })[0];
  return last?.getString('period');
}

function insertRun(tx: PbApp, wf: LoadedWorkflow, scheduleKey: string, schedule: ScheduleDefinition, period: SchedulePeriod, status: 'running' | 'missed', at: Date): boolean {
  const existing = tx.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && period = {:period}', '', 1, 0, { key: wf.definition.key, schedule: scheduleKey, period: period.key });
  if (existing.length > 0) return false;
  const run = newRecord(tx, 'schedule_runs');
  run.set('workflow_key', wf.definition.key);
  run.set('schedule', scheduleKey);
  run.set('every', schedule.every);
  run.set('period', period.key);
  run.set('status', status);
  run.set('workflow', wf.recordId);
  run.set('matched', 0);
  run.set('started', 0);
  run.set('failures', []);
  if (status === 'running') run.set('started_at', pbDate(at));
  tx.save(run);
  return true;
}

/** Opens the runs that are due and records the missed periods, for every schedule of every process. */
function openDueRuns(app: PbApp, at: Date, result: ScheduleSweepResult): void {
  for (const wf of scheduledWorkflows(app)) {
    for (const [scheduleKey, schedule] of Object.entries(wf.definition.schedules ?? {})) {
      const startOn = startOnOf(wf, schedule);
      if (!startOn) continue;
      const due = scheduleDue(schedule.every, startOn, at, lastPeriodOf(app, wf.definition.key, scheduleKey, schedule));
      if (!due.run && due.missed.length === 0) continue;
      try {
        app.runInTransaction((tx) => {
          for (const period of due.missed) if (insertRun(tx, wf, scheduleKey, schedule, period, 'missed', at)) result.missed++;
          if (due.run && insertRun(tx, wf, scheduleKey, schedule, due.run, 'running', at)) result.opened++;
        });
      } catch {
        // Another sweep opened the same run at the same time (unique index): it is running.
      }
    }
  }
}

function homeOf(subject: PbRecord): OrgPath {
  const org: OrgPath = {};
  for (const level of ['village', 'township', 'county'] as const) if (subject.getString(level)) org[level] = subject.getString(level);
  return org;
}

/** Starts the case of one subject for a run, when it matches and has none yet; says what happened. */
function startFor(tx: PbApp, wf: LoadedWorkflow, scheduleKey: string, schedule: ScheduleDefinition, runId: string, period: SchedulePeriod, subject: PbRecord, at: Date): 'skipped' | 'exists' | 'started' {
  const seen = { kind: subject.getString('kind'), key: subject.getString('key'), name: subject.getString('name'), orgKind: subject.getString('org_kind'), facts: factsOf(subject) };
  if (!scheduleMatches(schedule, seen, wf.definition.parameters ?? {})) return 'skipped';
  if (tx.findRecordsByFilter('applications', 'schedule_run = {:run} && subject = {:subject}', '', 1, 0, { run: runId, subject: subject.id }).length > 0) return 'exists';
  const org = homeOf(subject);
  if (!org.county) throw conflict('对象未登记所属县（市、区），不能发起案件。');
  const patch: Record<string, JsonValue> = {};
  for (const [pointer, value] of Object.entries(scheduleOpeningData(schedule, seen, period))) setPointer(patch, pointer, value);
  const organisation = schedule.starter === 'organisation';
  const created = createCase(tx, {
    wf,
    starter: schedule.starter,
    party: subject.id,
    applicantUser: '',
    applicantOrg: organisation ? subject.id : '',
    filedBy: '',
    startedBy: 'system',
    org,
    subject: subject.id,
    title: `${wf.definition.name}：${seen.name || '对象'}`,
    dataPatch: Object.keys(patch).length > 0 ? patch : null,
    commandId: `schedule:${wf.definition.key}:${scheduleKey}:${period.key}:${subject.id}`,
    actor: systemActorByValue,
    at,
  });
  created.record.set('schedule_run', runId);
  tx.save(created.record);
  return 'started';
}

function messageOf(e: unknown): string {
  if (e instanceof HttpError) return e.errors && e.errors.length > 0 ? `${e.message}（${e.errors.map((x) => `${x.path}: ${x.message}`).join('；')}）` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Writes a run's progress (cursor, counts, failures) in `tx`. */
function recordProgress(tx: PbApp, runId: string, cursor: string, matched: number, started: number, failures: { subject: string; message: string }[]): void {
  const run = tx.findRecordById('schedule_runs', runId);
  run.set('cursor', cursor);
  run.set('matched', run.getInt('matched') + matched);
  run.set('started', run.getInt('started') + started);
  if (failures.length > 0) {
    const stored = readJson<{ subject: string; message: string }[] | null>(run, 'failures');
    const kept = Array.isArray(stored) ? stored : [];
    run.set('failures', kept.concat(failures).slice(0, maxFailuresKept));
  }
  tx.save(run);
}

/** Goes on with a running run for at most `budget` subjects; returns how many it looked at. */
function continueRun(app: PbApp, runRecord: PbRecord, at: Date, budget: number, chunk: number, result: ScheduleSweepResult): number {
  const runId = runRecord.id;
  const scheduleKey = runRecord.getString('schedule');
  let wf: LoadedWorkflow;
  try {
    wf = workflowByRecord(app, runRecord.getString('workflow'));
  } catch {
    return 0; // its version no longer compiles: the run waits (listed as running) for an administrator
  }
  const schedule = ownEntry(wf.definition.schedules ?? {}, scheduleKey);
  const period = periodByKey(runRecord.getString('every') as ScheduleDefinition['every'], runRecord.getString('period'));
  if (!schedule || !period) return 0;
  const orgKinds = schedule.subjects.kind === 'organisation' ? schedule.subjects.orgKinds ?? [] : [];
  const params: Record<string, unknown> = { kind: schedule.subjects.kind };
  orgKinds.forEach((k, i) => { params[`k${i}`] = k; });
  const filter = `kind = {:kind} && id > {:cursor}${orgKinds.length > 0 ? ` && (${orgKinds.map((_, i) => `org_kind = {:k${i}}`).join(' || ')})` : ''}`;
  let cursor = runRecord.getString('cursor');
  let looked = 0;
  while (looked < budget) {
    const subjects = app.findRecordsByFilter('subjects', filter, 'id', Math.min(chunk, budget - looked), 0, { ...params, cursor });
    if (subjects.length === 0) {
      app.runInTransaction((tx) => {
        const run = tx.findRecordById('schedule_runs', runId);
        run.set('status', 'done');
        run.set('finished_at', pbDate(at));
        tx.save(run);
      });
      break;
    }
    const last = subjects[subjects.length - 1]!.id;
    try {
      let matched = 0;
      let started = 0;
      app.runInTransaction((tx) => {
        for (const subject of subjects) {
          const outcome = startFor(tx, wf, scheduleKey, schedule, runId, period, subject, at);
          if (outcome !== 'skipped') matched++;
          if (outcome === 'started') started++;
        }
        recordProgress(tx, runId, last, matched, started, []);
      });
      result.started += started;
    } catch {
      // Redo the chunk subject by subject: the ones that fail are recorded, the others start.
      for (const subject of subjects) {
        let outcome: 'skipped' | 'exists' | 'started' | undefined;
        try {
          app.runInTransaction((tx) => {
            outcome = startFor(tx, wf, scheduleKey, schedule, runId, period, subject, at);
            recordProgress(tx, runId, subject.id, outcome === 'skipped' ? 0 : 1, outcome === 'started' ? 1 : 0, []);
          });
          if (outcome === 'started') result.started++;
        } catch (e) {
          result.failed++;
          app.runInTransaction((tx) => recordProgress(tx, runId, subject.id, 1, 0, [{ subject: subject.id, message: messageOf(e) }]));
        }
      }
    }
    cursor = last;
    looked += subjects.length;
  }
  return looked;
}

/**
 * Sweeps the schedules at the clock's now: opens the runs that are due, records missed periods and
 * starts cases for at most `budget` subjects (in chunks of `chunk` per transaction); a run not
 * finished within the budget goes on at the next sweep from its cursor.
 */
export function sweepSchedules(app: PbApp, budget = 2000, chunk = 100): ScheduleSweepResult {
  const at = now(app);
  const result: ScheduleSweepResult = { opened: 0, missed: 0, started: 0, failed: 0 };
  openDueRuns(app, at, result);
  let left = budget;
  for (const run of app.findRecordsByFilter('schedule_runs', 'status = "running"', 'created', 100, 0)) {
    if (left <= 0) break;
    left -= continueRun(app, run, at, left, chunk, result);
  }
  return result;
}
