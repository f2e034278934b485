/**
 * The schedule sweep (cron, after the timer sweep and before the bulk runs): for the newest
 * published version of every process with `schedules`, opens each period whose start day has come
 * and that has not run — one `schedule_runs` row per process, schedule and period (a unique index,
 * so overlapping sweeps open it once) and, in the same transaction, one bulk run of the subjects
 * that match (bulkRuns.ts, origin kind `schedule`, origin key `<process>/<schedule>/<period>`,
 * idempotent on that key), which the bulk-run sweep starts chunk by chunk, resumably, never twice
 * for a subject. Periods that ended without a run are recorded as `missed`, never started late.
 */
import { isValidStartOn, scheduleDue, scheduleMatches, scheduleStartOn, type ScheduleDefinition, type SchedulePeriod } from '../../engine/index.js';
import { createBulkRun } from './bulkRuns.js';
import { now } from './clock.js';
import { systemActorByValue } from './eventActor.js';
import { HttpError } from './httpError.js';
import { newRecord, type PbApp } from './pocketbase.js';
import { scheduleOriginKey } from './scheduledOpening.js';
import { selectRows } from './sqlRows.js';
import { latestPublished, type LoadedWorkflow } from './workflowCache.js';

/** What one sweep of the schedules did. */
export interface ScheduleSweepResult {
  /** Periods opened (each with its bulk run). */
  opened: number;
  /** Periods recorded as missed (ended while no sweep ran). */
  missed: number;
  /** Subjects that matched the opened periods' schedules. */
  matched: number;
}

const pbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** The newest published version of every process that declares schedules (an invalid version is skipped). */
export function scheduledWorkflows(app: PbApp): LoadedWorkflow[] {
  const keys = new Set(selectRows(app, "SELECT DISTINCT key FROM workflow_definitions WHERE status = 'published'", {}, { key: '' }).map((r) => r.key));
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
export function startOnOf(wf: { definition: Pick<LoadedWorkflow['definition'], 'parameters'> }, schedule: ScheduleDefinition): string | undefined {
  const startOn = scheduleStartOn(schedule.startOn, wf.definition.parameters ?? {});
  return isValidStartOn(schedule.every, startOn) ? startOn : undefined;
}

/** The key of the last period a schedule started or missed (of its current kind of period), or undefined. */
export function lastPeriodOf(app: PbApp, workflowKey: string, scheduleKey: string, schedule: ScheduleDefinition): string | undefined {
  const last = app.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && every = {:every}', '-period', 1, 0, { key: workflowKey, schedule: scheduleKey, every: schedule.every })[0];
  return last?.getString('period');
}

/**
 * The subjects a schedule starts cases about in `period`, in id order (ages counted at its first
 * day); those without a county (no one to route their case to) apart.
 */
export function matchingSubjects(app: PbApp, wf: LoadedWorkflow, schedule: ScheduleDefinition, period: SchedulePeriod): { ids: string[]; skipped: { subject: string; message: string }[] } {
  const ids: string[] = [];
  const skipped: { subject: string; message: string }[] = [];
  const shape = { id: '', key: '', name: '', org_kind: '', county: '', facts: '' };
  let after = '';
  for (;;) {
    const rows = selectRows(app, "SELECT id, key, COALESCE(name, '') AS name, COALESCE(org_kind, '') AS org_kind, COALESCE(county, '') AS county, COALESCE(facts, '') AS facts FROM subjects WHERE kind = {:kind} AND id > {:after} ORDER BY id LIMIT 1000", { kind: schedule.subjects.kind, after }, shape);
    if (rows.length === 0) break;
    for (const r of rows) {
      let facts: unknown = null;
      try {
        facts = r.facts ? JSON.parse(r.facts) : null;
      } catch {
        facts = null;
      }
      const subject = { kind: schedule.subjects.kind, key: r.key, name: r.name, orgKind: r.org_kind, facts: facts !== null && typeof facts === 'object' && !Array.isArray(facts) ? (facts as Record<string, never>) : {} };
      if (!scheduleMatches(schedule, subject, wf.definition.parameters ?? {}, period.firstDay)) continue;
      if (r.county) ids.push(r.id);
      else skipped.push({ subject: r.id, message: '对象未登记所属县（市、区），不能发起案件。' });
    }
    after = rows[rows.length - 1]!.id;
  }
  return { ids, skipped };
}

function periodRecorded(tx: PbApp, workflowKey: string, scheduleKey: string, period: SchedulePeriod): boolean {
  return tx.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && period = {:period}', '', 1, 0, { key: workflowKey, schedule: scheduleKey, period: period.key }).length > 0;
}

function newRun(tx: PbApp, wf: LoadedWorkflow, scheduleKey: string, schedule: ScheduleDefinition, period: SchedulePeriod, status: 'started' | 'missed') {
  const run = newRecord(tx, 'schedule_runs');
  run.set('workflow_key', wf.definition.key);
  run.set('schedule', scheduleKey);
  run.set('every', schedule.every);
  run.set('period', period.key);
  run.set('status', status);
  run.set('workflow', wf.recordId);
  run.set('matched', 0);
  run.set('skipped', []);
  return run;
}

/** Opens one schedule's due period (and records its missed ones); adds to `result`. */
function sweepSchedule(app: PbApp, wf: LoadedWorkflow, scheduleKey: string, schedule: ScheduleDefinition, at: Date, result: ScheduleSweepResult): void {
  const startOn = startOnOf(wf, schedule);
  if (!startOn) return;
  const due = scheduleDue(schedule.every, startOn, at, lastPeriodOf(app, wf.definition.key, scheduleKey, schedule));
  if (!due.run && due.missed.length === 0) return;
  // Read before the write transaction: which subjects match now.
  const matching = due.run ? matchingSubjects(app, wf, schedule, due.run) : { ids: [], skipped: [] };
  const counts = { opened: 0, missed: 0, matched: 0 };
  try {
    app.runInTransaction((tx) => {
      for (const period of due.missed) {
        if (periodRecorded(tx, wf.definition.key, scheduleKey, period)) continue;
        tx.save(newRun(tx, wf, scheduleKey, schedule, period, 'missed'));
        counts.missed++;
      }
      if (!due.run || periodRecorded(tx, wf.definition.key, scheduleKey, due.run)) return;
      const bulk = createBulkRun(tx, { workflowKey: wf.definition.key, subjects: matching.ids, origin: { kind: 'schedule', key: scheduleOriginKey(wf.definition.key, scheduleKey, due.run.key) }, startedBy: systemActorByValue });
      const run = newRun(tx, wf, scheduleKey, schedule, due.run, 'started');
      run.set('matched', matching.ids.length + matching.skipped.length);
      run.set('skipped', matching.skipped.slice(0, 100));
      run.set('bulk_run', bulk.run.id);
      run.set('started_at', pbDate(at));
      tx.save(run);
      counts.opened++;
      counts.matched += matching.ids.length + matching.skipped.length;
    });
  } catch {
    return; // another sweep recorded the same period at the same time (unique index): it is open
  }
  // Missed periods also go to the server log: someone should decide about them.
  if (counts.missed > 0) console.log(`tongban: 周期计划 ${wf.definition.key}/${scheduleKey} 错过了 ${due.missed.map((p) => p.key).join('、')}（期间未运行），未补发；见 GET /api/tongban/admin/schedules`);
  result.opened += counts.opened;
  result.missed += counts.missed;
  result.matched += counts.matched;
}

/**
 * Sweeps the schedules at the clock's now: opens the periods that are due, each with the bulk run
 * of its matching subjects, and records missed periods. The cases are started by the bulk-run sweep
 * that follows (bulkRunChunks.ts `processBulkRuns`).
 */
export function sweepSchedules(app: PbApp): ScheduleSweepResult {
  const at = now(app);
  const result: ScheduleSweepResult = { opened: 0, missed: 0, matched: 0 };
  for (const wf of scheduledWorkflows(app)) {
    for (const [scheduleKey, schedule] of Object.entries(wf.definition.schedules ?? {})) sweepSchedule(app, wf, scheduleKey, schedule, at, result);
  }
  return result;
}
