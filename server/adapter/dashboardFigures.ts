/**
 * The figures a bureau reports, computed from the cases for a period and a division
 * (`GET /api/tongban/admin/dashboard`, the studio's 数据看板): cases by process and township and
 * their state; timeliness against the statutory limit (open and overdue now; ended on time or late
 * in the period); the average working days each step's tasks took; amounts approved per month by
 * decision items; the subjects whose case was approved. Each figure is one SQL aggregate over the
 * indexed columns, never a walk over the records in JavaScript.
 */
import type { DashboardAnswer, MonthAmountFigures, StepTimeFigures } from '../../engine/index.js';
import { createWorkingCalendar } from '../../engine/index.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { badRequest, notFound } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/** China time is UTC+8 all year. */
const chinaOffsetMs = 8 * 3600 * 1000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as PocketBase stores dates, for raw SQL. */
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** The China-time day of an instant. */
const chinaDay = (at: Date) => new Date(at.getTime() + chinaOffsetMs).toISOString().slice(0, 10);

/** 00:00 China time of a day, as an instant. */
const startOfChinaDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - chinaOffsetMs);

/** The query's period: `from`/`to` days (China time), by default 1 January of this year to today. */
function period(at: Date, fromParam: string, toParam: string): { from: string; to: string } {
  const today = chinaDay(at);
  const from = fromParam === '' ? `${today.slice(0, 4)}-01-01` : fromParam;
  const to = toParam === '' ? today : toParam;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!dayPattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw badRequest(`“${name}” 须为 YYYY-MM-DD 格式的日期。`, [{ path: `/${name}`, message: '须为 YYYY-MM-DD 格式的日期。' }]);
  }
  if (from > to) throw badRequest('开始日期晚于结束日期。', [{ path: '/from', message: '开始日期不能晚于结束日期。' }]);
  return { from, to };
}

/** The SQL condition keeping the cases of a division (alias `a`), and the division. */
function divisionScope(app: PbApp, divisionId: string): { where: string; params: Record<string, unknown>; division: PbRecord | null } {
  if (divisionId === '') return { where: '1 = 1', params: {}, division: null };
  let unit: PbRecord;
  try {
    unit = app.findRecordById('org_units', divisionId);
  } catch {
    throw notFound('没有这个区划。');
  }
  const level = unit.getString('level');
  if (level !== 'county' && level !== 'township' && level !== 'village') throw badRequest('请选择县、乡镇或村（社区）。', [{ path: '/division', message: '部门不是区划。' }]);
  return { where: `a.${level} = {:division}`, params: { division: unit.id }, division: unit };
}

/** The names of the processes (their newest published version). */
function processNames(app: PbApp): Map<string, string> {
  const rows = selectRows(app, `SELECT key, name FROM workflow_definitions WHERE status = 'published' AND division = '' ORDER BY version`, {}, { key: '', name: '' });
  return new Map(rows.map((r) => [r.key, r.name]));
}

function unitNames(app: PbApp): Map<string, string> {
  return new Map(selectRows(app, 'SELECT id, name FROM org_units', {}, { id: '', name: '' }).map((r) => [r.id, r.name]));
}

/** The average working days of the tasks each step closed in the period (at most 50,000 tasks read). */
function stepTimes(app: PbApp, scope: { where: string; params: Record<string, unknown> }, bounds: Record<string, string>): StepTimeFigures[] {
  const rows = selectRows(
    app,
    `SELECT a.workflow_key AS workflow, t.step AS step, t.step_name AS step_name, t.created AS created, t.closed_at AS closed_at
     FROM tasks t JOIN applications a ON a.id = t.application
     WHERE t.status = 'done' AND t.closed_at >= {:from} AND t.closed_at < {:to} AND ${scope.where}
     LIMIT 50000`,
    { ...scope.params, ...bounds },
    { workflow: '', step: '', step_name: '', created: '', closed_at: '' },
  );
  const calendar = createWorkingCalendar(calendarOverrides(app));
  const byStep = new Map<string, StepTimeFigures & { sum: number }>();
  for (const row of rows) {
    const key = `${row.workflow}\u0000${row.step}`;
    const entry = byStep.get(key) ?? { workflow: row.workflow, step: row.step, stepName: row.step_name, tasks: 0, averageWorkingDays: 0, sum: 0 };
    entry.tasks += 1;
    entry.sum += calendar.workingDaysBetween(new Date(row.created.replace(' ', 'T')), new Date(row.closed_at.replace(' ', 'T')));
    byStep.set(key, entry);
  }
  return [...byStep.values()]
    .map(({ sum, ...figures }) => ({ ...figures, averageWorkingDays: Math.round((sum / figures.tasks) * 10) / 10 }))
    .sort((x, y) => (x.workflow === y.workflow ? x.step.localeCompare(y.step) : x.workflow.localeCompare(y.workflow)));
}

/** `GET /api/tongban/admin/dashboard?from=&to=&division=`. */
export function dashboardFigures(app: PbApp, query: { from: string; to: string; division: string }): DashboardAnswer {
  const at = now(app);
  const { from, to } = period(at, query.from, query.to);
  const scope = divisionScope(app, query.division);
  const end = new Date(startOfChinaDay(to).getTime() + 24 * 3600 * 1000);
  const bounds = { from: dbDate(startOfChinaDay(from)), to: dbDate(end) };
  const params = { ...scope.params, ...bounds, now: dbDate(at) };
  const names = processNames(app);
  const units = unitNames(app);

  const processes = selectRows(
    app,
    `SELECT a.workflow_key AS workflow, COUNT(*) AS started,
       SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN a.outcome = 'approved' THEN 1 ELSE 0 END) AS approved, SUM(CASE WHEN a.outcome = 'rejected' THEN 1 ELSE 0 END) AS rejected,
       SUM(CASE WHEN a.outcome = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn
     FROM applications a WHERE a.created >= {:from} AND a.created < {:to} AND ${scope.where}
     GROUP BY a.workflow_key ORDER BY a.workflow_key`,
    params,
    { workflow: '', started: 0, active: 0, done: 0, approved: 0, rejected: 0, withdrawn: 0 },
  ).map((r) => ({ ...r, name: names.get(r.workflow) ?? r.workflow }));

  const started = selectRows(
    app,
    `SELECT a.township AS township, COUNT(*) AS started,
       SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done
     FROM applications a WHERE a.created >= {:from} AND a.created < {:to} AND a.township != '' AND ${scope.where}
     GROUP BY a.township`,
    params,
    { township: '', started: 0, active: 0, done: 0 },
  );
  // Open and overdue now, and ended in the period on time or late: two queries, each on its own
  // index range (status, due_at …) and (status, updated …), so no query walks every case of the county.
  const overdueNow = selectRows(
    app,
    `SELECT a.township AS township, COUNT(*) AS open_overdue
     FROM applications a WHERE a.status = 'active' AND a.due_at != '' AND a.due_at <= {:now} AND a.township != '' AND ${scope.where}
     GROUP BY a.township`,
    params,
    { township: '', open_overdue: 0 },
  );
  const ended = selectRows(
    app,
    `SELECT a.township AS township,
       SUM(CASE WHEN a.due_at = '' OR a.updated <= a.due_at THEN 1 ELSE 0 END) AS on_time,
       SUM(CASE WHEN a.due_at != '' AND a.updated > a.due_at THEN 1 ELSE 0 END) AS late
     FROM applications a WHERE a.status = 'done' AND a.updated >= {:from} AND a.updated < {:to} AND a.township != '' AND ${scope.where}
     GROUP BY a.township`,
    params,
    { township: '', on_time: 0, late: 0 },
  );
  const timeliness = [...new Set([...overdueNow.map((r) => r.township), ...ended.map((r) => r.township)])].map((township) => ({
    township,
    open_overdue: overdueNow.find((r) => r.township === township)?.open_overdue ?? 0,
    on_time: ended.find((r) => r.township === township)?.on_time ?? 0,
    late: ended.find((r) => r.township === township)?.late ?? 0,
  }));
  const townshipIds = [...new Set([...started.map((r) => r.township), ...timeliness.map((r) => r.township)])];
  const townships = townshipIds
    .map((id) => {
      const s = started.find((r) => r.township === id);
      const t = timeliness.find((r) => r.township === id);
      return {
        township: id, name: units.get(id) ?? id,
        started: s?.started ?? 0, active: s?.active ?? 0, done: s?.done ?? 0,
        openOverdue: t?.open_overdue ?? 0, closedOnTime: t?.on_time ?? 0, closedLate: t?.late ?? 0,
      };
    })
    .filter((t) => t.started + t.openOverdue + t.closedOnTime + t.closedLate > 0)
    .sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));

  const steps = selectRows(
    app,
    `SELECT a.workflow_key AS workflow, a.step AS step, a.step_name AS step_name, COUNT(*) AS active
     FROM applications a WHERE a.status = 'active' AND ${scope.where}
     GROUP BY a.workflow_key, a.step, a.step_name ORDER BY a.workflow_key, a.step`,
    params,
    { workflow: '', step: '', step_name: '', active: 0 },
  ).map((r) => ({ workflow: r.workflow, step: r.step, stepName: r.step_name, active: r.active }));

  // Decision items approved in the period: `at` is an ISO instant; the month is China time's.
  const amounts: MonthAmountFigures[] = selectRows(
    app,
    `SELECT a.workflow_key AS workflow,
       strftime('%Y-%m', datetime(json_extract(d.value, '$.at'), '+8 hours')) AS month,
       SUM(COALESCE(json_extract(d.value, '$.amount'), 0)) AS amount, COUNT(*) AS decisions
     FROM applications a, json_each(CASE WHEN json_valid(a.decisions) THEN a.decisions ELSE '{}' END) d
     WHERE json_extract(d.value, '$.outcome') = 'approved'
       AND replace(json_extract(d.value, '$.at'), 'T', ' ') >= {:from} AND replace(json_extract(d.value, '$.at'), 'T', ' ') < {:to}
       AND ${scope.where}
     GROUP BY a.workflow_key, month ORDER BY month, a.workflow_key`,
    params,
    { workflow: '', month: '', amount: 0, decisions: 0 },
  );

  const coverage = selectRows(
    app,
    `SELECT a.workflow_key AS workflow, COUNT(DISTINCT COALESCE(NULLIF(a.subject, ''), a.id)) AS subjects
     FROM applications a
     WHERE a.outcome = 'approved' AND a.updated >= {:from} AND a.updated < {:to} AND ${scope.where}
     GROUP BY a.workflow_key ORDER BY a.workflow_key`,
    params,
    { workflow: '', subjects: 0 },
  ).map((r) => ({ ...r, name: names.get(r.workflow) ?? r.workflow }));

  const division = scope.division ? { id: scope.division.id, name: scope.division.getString('name'), level: scope.division.getString('level') } : null;
  return { from, to, division, now: at.toISOString(), processes, townships, steps, stepTimes: stepTimes(app, scope, bounds), amounts, coverage };
}
