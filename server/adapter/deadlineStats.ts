/**
 * Overdue work, visible and counted. `GET /api/tongban/stats/deadlines`: the open tasks of the
 * caller's jurisdiction counted per process and step — open, due soon (within `soonWorkingDays`
 * working days, default 2) and overdue (past their due date by the server's clock) — for
 * dashboards. Officers of the chain count their area's tasks, officers beside it the tasks of their
 * unit, administrators every task; residents are refused. The tasks the record API lists or views
 * (the officer's queue) carry `overdue: true|false` the same way (markOverdueTasks, called once per
 * answer from the list and view request hooks).
 */
import { createWorkingCalendar } from '../../engine/index.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { badRequest, forbidden } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { selectRows } from './sqlRows.js';

/** The counts of one step of one process. */
export interface StepDeadlineCounts {
  process: string;
  step: string;
  stepName: string;
  open: number;
  dueSoon: number;
  overdue: number;
}

/** An instant as PocketBase stores dates, for raw SQL. */
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** The SQL condition and parameters that keep the caller's tasks (admins: all). */
function jurisdiction(app: PbApp, auth: PbRecord): { where: string; params: Record<string, unknown> } {
  const role = auth.getString('role');
  if (role === 'admin') return { where: '1 = 1', params: {} };
  const unitId = auth.getString('org_unit');
  if (role !== 'officer' || !unitId) throw forbidden('只有工作人员和管理员可以查看期限统计。');
  const level = app.findRecordById('org_units', unitId).getString('level');
  if (level === 'village' || level === 'township' || level === 'county') return { where: `t.${level} = {:unit}`, params: { unit: unitId } };
  return { where: 't.assignee_unit = {:unit}', params: { unit: unitId } };
}

/** `GET /api/tongban/stats/deadlines[?soonWorkingDays=n]`. */
export function deadlineStats(app: PbApp, auth: PbRecord, soonParam: string): RouteAnswer {
  const soonWorkingDays = soonParam === '' ? 2 : Number(soonParam);
  if (!Number.isInteger(soonWorkingDays) || soonWorkingDays < 0 || soonWorkingDays > 60) throw badRequest('“soonWorkingDays” 须为 0 到 60 的整数。', [{ path: '/soonWorkingDays', message: '须为 0 到 60 的整数。' }]);
  const scope = jurisdiction(app, auth);
  const at = now(app);
  const soon = createWorkingCalendar(calendarOverrides(app)).addWorkingDays(at, soonWorkingDays);
  const rows = selectRows(
    app,
    // The task carries its case's process key (migration 1764200201), so a village, township or
    // county reads one range of its partial index of open tasks (county, workflow_key, step,
    // step_name, due_at, status) and never the cases.
    `SELECT t.workflow_key AS process, t.step AS step, t.step_name AS step_name, COUNT(*) AS open,
       SUM(CASE WHEN t.due_at != '' AND t.due_at <= {:now} THEN 1 ELSE 0 END) AS overdue,
       SUM(CASE WHEN t.due_at != '' AND t.due_at > {:now} AND t.due_at <= {:soon} THEN 1 ELSE 0 END) AS due_soon
     FROM tasks t
     WHERE t.status = 'open' AND ${scope.where}
     GROUP BY t.workflow_key, t.step, t.step_name
     ORDER BY t.workflow_key, t.step`,
    { ...scope.params, now: dbDate(at), soon: dbDate(soon) },
    { process: '', step: '', step_name: '', open: 0, due_soon: 0, overdue: 0 },
  );
  const steps: StepDeadlineCounts[] = rows.map((r) => ({ process: r.process, step: r.step, stepName: r.step_name, open: r.open, dueSoon: r.due_soon, overdue: r.overdue }));
  const total = steps.reduce((sum, s) => ({ open: sum.open + s.open, dueSoon: sum.dueSoon + s.dueSoon, overdue: sum.overdue + s.overdue }), { open: 0, dueSoon: 0, overdue: 0 });
  return { status: 200, body: { now: at.toISOString(), soonWorkingDays, total, steps } };
}

/**
 * Marks the tasks a list or view answer of the record API sends as `overdue` (open and past its due
 * date by the server's clock, read once for the answer). Called once per answer — not from an
 * `onRecordEnrich` hook: PocketBase runs those nested (each record's hook inside the previous one's
 * `next`), so a JS enrich hook holds a VM per record of a page and a 51-row page outgrows the VM pool,
 * each VM beyond it loading the whole hook bundle afresh.
 */
export function markOverdueTasks(app: PbApp, records: ArrayLike<PbRecord>): void {
  const at = now(app).getTime();
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as PbRecord & { withCustomData(on: boolean): void };
    const due = record.getString('due_at');
    const overdue = record.getString('status') === 'open' && due !== '' && Date.parse(due.replace(' ', 'T')) <= at;
    record.withCustomData(true);
    record.set('overdue', overdue);
  }
}
