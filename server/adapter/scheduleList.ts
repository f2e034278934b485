/**
 * `GET /api/tongban/admin/schedules`: every schedule of the newest published version of each
 * process, with its last run, the period it owes now (if any), its next start and the periods it
 * missed — so an administrator sees what the sweep will do and what it could not.
 */
import { scheduleDue, type WorkflowDefinition } from '../../engine/index.js';
import { now } from './clock.js';
import { bulkRunView, type BulkRunView } from './bulkRuns.js';
import type { ScheduleRunView, ScheduleView } from '../../engine/index.js';

export type { ScheduleView };
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { lastPeriodOf, startOnOf } from './scheduleSweep.js';
import { selectRows } from './sqlRows.js';


const isoOf = (value: string) => (value ? new Date(value.replace(' ', 'T')).toISOString() : null);

function runView(app: PbApp, run: PbRecord): ScheduleRunView {
  const skipped = readJson<unknown[] | null>(run, 'skipped');
  let bulkRun: BulkRunView | null = null;
  if (run.getString('bulk_run')) {
    try {
      bulkRun = bulkRunView(app, app.findRecordById('bulk_runs', run.getString('bulk_run')));
    } catch {
      bulkRun = null;
    }
  }
  return {
    period: run.getString('period'),
    status: run.getString('status'),
    matched: run.getInt('matched'),
    skipped: Array.isArray(skipped) ? skipped : [],
    startedAt: isoOf(run.getString('started_at')),
    bulkRun,
  };
}

/**
 * The newest published national definition of each process that has schedules, read as stored:
 * the list shows what they say and compiles no workflow (a fresh script VM would otherwise compile
 * every process before answering). A published version passed the checks when it was published.
 */
function scheduledDefinitions(app: PbApp): WorkflowDefinition[] {
  const rows = selectRows(
    app,
    `SELECT w.definition AS definition FROM workflow_definitions w
      WHERE w.status = 'published' AND w.division = '' AND json_extract(w.definition, '$.schedules') IS NOT NULL
        AND w.version = (SELECT MAX(v.version) FROM workflow_definitions v WHERE v.key = w.key AND v.status = 'published' AND v.division = '')
      ORDER BY w.key`,
    {},
    { definition: '' },
  );
  const definitions: WorkflowDefinition[] = [];
  for (const row of rows) {
    try {
      const definition = JSON.parse(row.definition) as WorkflowDefinition;
      if (definition.schedules && Object.keys(definition.schedules).length > 0) definitions.push(definition);
    } catch {
      // Not JSON: the version could never have been published; it schedules nothing.
    }
  }
  return definitions;
}

/** The schedules and their runs, at the clock's now. */
export function listSchedules(app: PbApp): { now: string; schedules: ScheduleView[] } {
  const at = now(app);
  const schedules: ScheduleView[] = [];
  for (const definition of scheduledDefinitions(app)) {
    const wf = { definition };
    for (const [key, schedule] of Object.entries(definition.schedules ?? {})) {
      const startOn = startOnOf(wf, schedule) ?? null;
      const filter = { key: wf.definition.key, schedule: key, every: schedule.every };
      const lastRun = app.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && every = {:every} && status != "missed"', '-period', 1, 0, filter)[0];
      const recordedMissed = app.findRecordsByFilter('schedule_runs', 'workflow_key = {:key} && schedule = {:schedule} && every = {:every} && status = "missed"', 'period', 500, 0, filter).map((r) => r.getString('period'));
      const due = startOn ? scheduleDue(schedule.every, startOn, at, lastPeriodOf(app, wf.definition.key, key, schedule)) : undefined;
      schedules.push({
        workflow: wf.definition.key,
        version: wf.definition.version,
        schedule: key,
        name: schedule.name ?? key,
        every: schedule.every,
        startOn,
        subjects: schedule.subjects,
        starter: schedule.starter,
        lastRun: lastRun ? runView(app, lastRun) : null,
        due: due?.run?.key ?? null,
        next: due ? { period: due.next.period.key, at: due.next.at.toISOString() } : null,
        missed: [...new Set([...recordedMissed, ...(due?.missed ?? []).map((p) => p.key)])].sort(),
      });
    }
  }
  return { now: at.toISOString(), schedules };
}
