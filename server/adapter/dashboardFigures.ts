/**
 * The figures a bureau reports, computed from the cases for a period and a division
 * (`GET /api/tongban/admin/dashboard`, the studio's 数据看板): cases by process and township and
 * their state; timeliness against the statutory limit (open and overdue now; ended on time or late
 * in the period); the average working days each step's tasks took; amounts approved per month by
 * decision items; the subjects whose case was approved. Each figure is one SQL aggregate, never a
 * walk over the records in JavaScript.
 *
 * For the county, a township or every division, the figures by day read the kept per-day rows
 * (dashboard_started, dashboard_ended, dashboard_amounts, dashboard_running: kept by triggers on the
 * cases in the transaction that writes them, migration 1764200201) — thousands of rows, not a
 * million cases — and the approved subjects one index range of dashboard_approved (migration
 * 1764201901). A village's figures read its few thousand cases through the village index.
 */
import type { DashboardAnswer, MonthAmountFigures, StepTimeFigures } from '../../engine/index.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../engine/index.js';
import { approvedSubjects, linkChangedApprovals } from './approvedSubjects.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { badRequest, notFound } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { selectRows } from './sqlRows.js';
import { wholeMonths } from './wholeMonths.js';

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

/** A division's cases: the SQL condition on a row (alias `a`) of the cases or of a kept table, and the division. */
interface DivisionScope {
  where: string;
  params: Record<string, unknown>;
  division: PbRecord | null;
  /** A village's figures are read from its cases; the others' from the kept rows. */
  level: '' | 'county' | 'township' | 'village';
}

/** The SQL condition keeping the cases of a division (alias `a`), and the division. */
function divisionScope(app: PbApp, divisionId: string): DivisionScope {
  if (divisionId === '') return { where: '1 = 1', params: {}, division: null, level: '' };
  let unit: PbRecord;
  try {
    unit = app.findRecordById('org_units', divisionId);
  } catch {
    throw notFound('没有这个区划。');
  }
  const level = unit.getString('level');
  if (level !== 'county' && level !== 'township' && level !== 'village') throw badRequest('请选择县、乡镇或村（社区）。', [{ path: '/division', message: '部门不是区划。' }]);
  return { where: `a.${level} = {:division}`, params: { division: unit.id }, division: unit, level };
}

/** The names of the processes (their newest published version). */
function processNames(app: PbApp): Map<string, string> {
  const rows = selectRows(app, `SELECT key, name FROM workflow_definitions WHERE status = 'published' AND division = '' ORDER BY version`, {}, { key: '', name: '' });
  return new Map(rows.map((r) => [r.key, r.name]));
}

function unitNames(app: PbApp): Map<string, string> {
  return new Map(selectRows(app, 'SELECT id, name FROM org_units', {}, { id: '', name: '' }).map((r) => [r.id, r.name]));
}

/**
 * The calendar's working days counted from `first` to each China day up to `last` ([day, count]
 * pairs, one walk over the days): the working days after one day up to and including another
 * — the calendar's `workingDaysBetween` — are the difference of their counts.
 */
function workingDaysRunning(calendar: WorkingCalendar, first: string, last: string): [string, number][] {
  const running: [string, number][] = [];
  let count = 0;
  for (let day = first; day <= last; day = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10)) {
    if (calendar.isWorkingDay(day)) count++;
    running.push([day, count]);
  }
  return running;
}

/**
 * The average working days of the tasks each step closed in the period (at most 50,000 tasks read).
 * A village's through its cases (the village index, then each case's tasks: the cross join keeps
 * that order, which the planner, given the statistics of `PRAGMA optimize`, otherwise reverses into
 * a walk of every done task of the county, > 30 s on a million cases); the others' from the
 * tasks closed in the period (the partial index of done tasks by division and closed_at, covering
 * what is read, migration 1764201201), each task carrying its case's process key and divisions, so
 * no case or task row is read. Working days depend only on the China days a task opened and closed
 * on: the tasks are counted per pair of days in SQL, each pair's working days are the difference of
 * the running counts of working days (walked once over the span in the VM, passed as JSON), and the
 * sums per step are what the VM reads (a county over years had ~30,000 pairs of days per answer).
 */
function stepTimes(app: PbApp, scope: DivisionScope, bounds: Record<string, string>): StepTimeFigures[] {
  const closed =
    scope.level === 'village'
      ? `SELECT a.workflow_key AS workflow, t.step AS step, t.step_name AS step_name, t.created AS created, t.closed_at AS closed_at
         FROM applications a INDEXED BY idx_applications_village CROSS JOIN tasks t ON t.application = a.id
         WHERE t.status = 'done' AND t.closed_at >= {:from} AND t.closed_at < {:to} AND ${scope.where}
         LIMIT 50000`
      : `SELECT t.workflow_key AS workflow, t.step AS step, t.step_name AS step_name, t.created AS created, t.closed_at AS closed_at
         FROM tasks t INDEXED BY idx_tasks_done_${scope.level === '' ? 'all' : scope.level}
         WHERE t.status = 'done' AND t.closed_at >= {:from} AND t.closed_at < {:to} AND ${scope.where.replace('a.', 't.')}
         LIMIT 50000`;
  const params = { ...scope.params, ...bounds };
  const span = selectRows(app, `SELECT COALESCE(MIN(MIN(date(c.created, '+8 hours')), MIN(date(c.closed_at, '+8 hours'))), '') AS first,
       COALESCE(MAX(MAX(date(c.created, '+8 hours')), MAX(date(c.closed_at, '+8 hours'))), '') AS last FROM (${closed}) c`, params, { first: '', last: '' })[0];
  if (!span || !dayPattern.test(span.first) || !dayPattern.test(span.last)) return [];
  const running = workingDaysRunning(createWorkingCalendar(calendarOverrides(app)), span.first, span.last);
  // Per pair of days in SQL, each pair's working days from the running counts (one row per day,
  // joined by the day), summed per step: a few dozen rows reach the VM, not one per pair of days.
  const rows = selectRows(
    app,
    `WITH running(day, n) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({:running})),
       pairs AS (SELECT c.workflow AS workflow, c.step AS step, c.step_name AS step_name,
         date(c.created, '+8 hours') AS opened_day, date(c.closed_at, '+8 hours') AS closed_day, COUNT(*) AS tasks
         FROM (${closed}) c GROUP BY 1, 2, 3, 4, 5)
     SELECT p.workflow AS workflow, p.step AS step, MIN(p.step_name) AS step_name, SUM(p.tasks) AS tasks,
       SUM(CASE WHEN p.opened_day < p.closed_day THEN p.tasks * (rc.n - ro.n) ELSE 0 END) AS working_days
     FROM pairs p JOIN running ro ON ro.day = p.opened_day JOIN running rc ON rc.day = p.closed_day
     GROUP BY p.workflow, p.step`,
    { ...params, running: JSON.stringify(running) },
    { workflow: '', step: '', step_name: '', tasks: 0, working_days: 0 },
  );
  return rows
    .map((r) => ({ workflow: r.workflow, step: r.step, stepName: r.step_name, tasks: r.tasks, averageWorkingDays: Math.round((r.working_days / r.tasks) * 10) / 10 }))
    .sort((x, y) => (x.workflow === y.workflow ? x.step.localeCompare(y.step) : x.workflow.localeCompare(y.workflow)));
}

/**
 * The kept cases started in the period in a division (alias `a`): whole months from
 * dashboard_started_month, the days of partial months from dashboard_started (migration 1764201201).
 */
function keptStarted(scope: DivisionScope): string {
  const columns = 'a.workflow_key AS workflow_key, a.county AS county, a.township AS township, a.started AS started, a.active AS active, a.done AS done, a.approved AS approved, a.rejected AS rejected, a.withdrawn AS withdrawn';
  return `(SELECT ${columns} FROM dashboard_started_month a WHERE a.month >= {:fromMonth} AND a.month <= {:toMonth} AND ${scope.where}
    UNION ALL SELECT ${columns} FROM dashboard_started a WHERE a.day >= {:fromDay} AND a.day <= {:headTo} AND ${scope.where}
    UNION ALL SELECT ${columns} FROM dashboard_started a WHERE a.day >= {:tailFrom} AND a.day <= {:toDay} AND ${scope.where})`;
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

  // A village's cases through its index (the planner would otherwise walk a county-wide range of
  // one of the dashboard's indexes); the kept rows for the county, a township or every division.
  const village = scope.level === 'village';
  const cases = village ? 'applications a INDEXED BY idx_applications_village' : 'applications a';
  const dayParams = { ...params, fromDay: from, toDay: to, ...wholeMonths(from, to) };
  const inDays = 'a.day >= {:fromDay} AND a.day <= {:toDay}';

  const processes = selectRows(
    app,
    village
      ? `SELECT a.workflow_key AS workflow, COUNT(*) AS started,
           SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done,
           SUM(CASE WHEN a.outcome = 'approved' THEN 1 ELSE 0 END) AS approved, SUM(CASE WHEN a.outcome = 'rejected' THEN 1 ELSE 0 END) AS rejected,
           SUM(CASE WHEN a.outcome = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn
         FROM ${cases} WHERE a.created >= {:from} AND a.created < {:to} AND ${scope.where}
         GROUP BY a.workflow_key ORDER BY a.workflow_key`
      : `SELECT a.workflow_key AS workflow, SUM(a.started) AS started, SUM(a.active) AS active, SUM(a.done) AS done,
           SUM(a.approved) AS approved, SUM(a.rejected) AS rejected, SUM(a.withdrawn) AS withdrawn
         FROM ${keptStarted(scope)} a
         GROUP BY a.workflow_key HAVING SUM(a.started) != 0 ORDER BY a.workflow_key`,
    dayParams,
    { workflow: '', started: 0, active: 0, done: 0, approved: 0, rejected: 0, withdrawn: 0 },
  ).map((r) => ({ ...r, name: names.get(r.workflow) ?? r.workflow }));

  const started = selectRows(
    app,
    village
      ? `SELECT a.township AS township, COUNT(*) AS started,
           SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done
         FROM ${cases} WHERE a.created >= {:from} AND a.created < {:to} AND a.township != '' AND ${scope.where}
         GROUP BY a.township`
      : `SELECT a.township AS township, SUM(a.started) AS started, SUM(a.active) AS active, SUM(a.done) AS done
         FROM ${keptStarted(scope)} a WHERE a.township != ''
         GROUP BY a.township HAVING SUM(a.started) != 0`,
    dayParams,
    { township: '', started: 0, active: 0, done: 0 },
  );
  // Open and overdue now (the clock moves, so it is counted, on the index range (status, due_at …)),
  // and ended in the period on time or late (kept per day of the case's last change).
  const overdueNow = selectRows(
    app,
    `SELECT a.township AS township, COUNT(*) AS open_overdue
     FROM ${cases} WHERE a.status = 'active' AND a.due_at != '' AND a.due_at <= {:now} AND a.township != '' AND ${scope.where}
     GROUP BY a.township`,
    params,
    { township: '', open_overdue: 0 },
  );
  const ended = selectRows(
    app,
    village
      ? `SELECT a.township AS township,
           SUM(CASE WHEN a.due_at = '' OR a.updated <= a.due_at THEN 1 ELSE 0 END) AS on_time,
           SUM(CASE WHEN a.due_at != '' AND a.updated > a.due_at THEN 1 ELSE 0 END) AS late
         FROM ${cases} WHERE a.status = 'done' AND a.updated >= {:from} AND a.updated < {:to} AND a.township != '' AND ${scope.where}
         GROUP BY a.township`
      : `SELECT a.township AS township, SUM(a.on_time) AS on_time, SUM(a.late) AS late
         FROM dashboard_ended a WHERE ${inDays} AND a.township != '' AND ${scope.where}
         GROUP BY a.township HAVING SUM(a.on_time) + SUM(a.late) != 0`,
    dayParams,
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
    `SELECT a.workflow_key AS workflow, a.step AS step, a.step_name AS step_name, SUM(a.active) AS active
     FROM dashboard_running a WHERE ${scope.where}
     GROUP BY a.workflow_key, a.step, a.step_name HAVING SUM(a.active) != 0 ORDER BY a.workflow_key, a.step, a.step_name`,
    params,
    { workflow: '', step: '', step_name: '', active: 0 },
  ).map((r) => ({ workflow: r.workflow, step: r.step, stepName: r.step_name, active: r.active }));

  // Decision items approved in the period: `at` is an ISO instant; the month is China time's.
  const amounts: MonthAmountFigures[] = selectRows(
    app,
    village
      ? `SELECT a.workflow_key AS workflow,
           strftime('%Y-%m', datetime(json_extract(d.value, '$.at'), '+8 hours')) AS month,
           SUM(COALESCE(json_extract(d.value, '$.amount'), 0)) AS amount, COUNT(*) AS decisions
         FROM ${cases}, json_each(CASE WHEN json_valid(a.decisions) THEN a.decisions ELSE '{}' END) d
         WHERE json_extract(d.value, '$.outcome') = 'approved'
           AND replace(json_extract(d.value, '$.at'), 'T', ' ') >= {:from} AND replace(json_extract(d.value, '$.at'), 'T', ' ') < {:to}
           AND ${scope.where}
         GROUP BY a.workflow_key, month ORDER BY month, a.workflow_key`
      : `SELECT a.workflow_key AS workflow, substr(a.day, 1, 7) AS month, SUM(a.amount) AS amount, SUM(a.decisions) AS decisions
         FROM dashboard_amounts a WHERE ${inDays} AND ${scope.where}
         GROUP BY a.workflow_key, month HAVING SUM(a.decisions) != 0 ORDER BY month, a.workflow_key`,
    dayParams,
    { workflow: '', month: '', amount: 0, decisions: 0 },
  );

  linkChangedApprovals(app);
  const coverage = approvedSubjects(app, scope, params).map((r) => ({ ...r, name: names.get(r.workflow) ?? r.workflow }));

  const division = scope.division ? { id: scope.division.id, name: scope.division.getString('name'), level: scope.division.getString('level') } : null;
  return { from, to, division, now: at.toISOString(), processes, townships, steps, stepTimes: stepTimes(app, scope, bounds), amounts, coverage };
}
