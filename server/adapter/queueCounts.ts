/**
 * `GET /api/tongban/queues/counts`: the counts the queue page shows beside its tabs — 待办, 已办,
 * 抄送, 我发起 — for the caller, each exactly what the record API would count for that queue with
 * no filter, but counted in SQL without the rules' joins where that count is provably the same:
 *
 * - 待办 of an officer of a unit: the unit's open tasks (panel and drawn pool tasks only their
 *   own) from the indexes alone. Every such task is on a case the unit reads — a task of the chain
 *   goes to the case's own village, township or county; a department's task adds the unit to the
 *   case's `assigned_units`, a drawn member to `assigned_users`, a 加签 of another unit a reader row
 *   (caseWrites.ts) — so the rules' joins would keep every row.
 * - 抄送: the caller's reader rows; their rule is `user = @request.auth.id`, nothing more.
 * - 已办 of an officer: their events since their role or unit last changed (unitChangedAt.ts) from
 *   the index alone — one acts only on a case one reads (canSeeCase, in the command's transaction),
 *   and what an officer reads only grows while their role and unit stay (a case's units, assigned
 *   units and members and readers are never taken away) — but for the cases they started (a
 *   command starts child cases in its actor's name, cases the actor need not read) and their events
 *   before that change (after a move to another unit, not every case they once acted on is theirs
 *   to read): those through their case, with the rule as SQL (visibleCaseSql.ts) decided from the
 *   index idx_applications_case_access (the events from the index ending in their case id, the
 *   earlier ones grouped by case).
 * - 我发起, and 已办 and 待办 of anyone else: through their case, with the rule as SQL.
 *
 * The queue page's filters but its search (queueCountFilter.ts) narrow each count as they narrow
 * the page's list: 待办 on the task's own columns, the other queues on their case's — an officer's
 * 已办 on the copies of those columns kept per act and case (actedCases.ts), not on each act's case.
 * A count with a search stays a record API count (web/src/api/queueCounts.ts).
 */
import type { QueueCountsAnswer, QueueCountsQuery } from '../../engine/index.js';
import { linkActedCases } from './actedCases.js';
import { queueFilterSql, type FilterCondition } from './queueCountFilter.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { selectRows } from './sqlRows.js';
import { unitChangedAt } from './unitChangedAt.js';
import { visibleCaseSql } from './visibleCaseSql.js';

function countOf(app: PbApp, sql: string, params: Record<string, unknown>): number {
  return selectRows(app, sql, params, { n: 0 })[0]?.n ?? 0;
}

/**
 * Rows of `from` (aliased, with a case id column `caseColumn`) meeting `where`, of the cases the caller reads.
 * `weight`: a column of `from` each row counts for (a row per case with its number of events), else 1.
 * `caseRow`: the alias of the case's own row when `from` joins it already (a filter reads it), on which
 * the rule is then decided; else the case is read from idx_applications_case_access, which holds every
 * column the rule tests: no case row is read.
 */
function countVisible(app: PbApp, auth: PbRecord, from: string, caseColumn: string, where: string, params: Record<string, unknown>, options: { weight?: string; caseRow?: string } = {}): number {
  const visible = visibleCaseSql(auth, options.caseRow ?? 'a');
  const total = options.weight ? `coalesce(sum(${options.weight}), 0)` : 'count(*)';
  if (!visible) return countOf(app, `SELECT ${total} AS n FROM ${from} WHERE ${where}`, params);
  const join = options.caseRow ? '' : ` JOIN applications a INDEXED BY idx_applications_case_access ON a.id = ${caseColumn}`;
  return countOf(app, `SELECT ${total} AS n FROM ${from}${join} WHERE ${where} AND ${visible.where}`, { ...params, ...visible.params });
}

/** 待办: the queue page's filter (web/src/api/queues.ts, `queueFilterOf`) counted, narrowed by `filter` on the task's columns. */
function openTasks(app: PbApp, auth: PbRecord, filter: QueueCountsQuery): number {
  const role = auth.getString('role');
  const unit = auth.getString('org_unit');
  const f = queueFilterSql(filter, 't', 'task');
  if (role === 'applicant') return countVisible(app, auth, 'tasks t', 't.application', `t.assignee_user = {:me} AND t.status = 'open' AND ${f.where}`, { me: auth.id, ...f.params });
  if (role === 'admin' || (role === 'officer' && unit !== '')) {
    // idx_tasks_queue_due gives the unit's open tasks, idx_tasks_open_filters those of a process, step,
    // township or village (the task's own copies: no task row read), idx_tasks_queue_flagged the unit's
    // flagged tasks, whose rows a flag reads; idx_tasks_open_drawn the panel and pool tasks of other members.
    // Each is named: from the statistics PocketBase's daily `PRAGMA optimize` keeps, the planner would take
    // idx_tasks_queue_due for the drawn tasks (two equal columns look better) and read every row, and
    // idx_tasks_open_filters for a flag with a process (few flagged tasks, but the statistics' average over
    // flagged and unflagged says many) and read every task of the process: 36 ms instead of 1 on the
    // million-case county (docs/benchmarks.md, "The write lock, sixth pass").
    const narrowsByCase = [filter.process, filter.step, filter.township, filter.village].some((v) => v !== undefined);
    const unitTasks = filter.flag !== undefined ? 'tasks t INDEXED BY idx_tasks_queue_flagged' : narrowsByCase ? 'tasks t INDEXED BY idx_tasks_open_filters' : 'tasks t';
    return countOf(
      app,
      `SELECT (SELECT count(*) FROM ${unitTasks} WHERE t.assignee_unit = {:unit} AND t.status = 'open' AND ${f.where})
            - (SELECT count(*) FROM tasks t INDEXED BY idx_tasks_open_drawn WHERE t.assignee_unit = {:unit} AND t.status = 'open' AND (t.mode = 'panel' OR t.level = 'pool') AND t.assignee_user != {:me} AND ${f.where}) AS n`,
      { unit, me: auth.id, ...f.params },
    );
  }
  return countVisible(app, auth, 'tasks t', 't.application', `t.assignee_unit = {:unit} AND t.status = 'open' AND ((t.mode != 'panel' AND t.level != 'pool') OR t.assignee_user = {:me}) AND ${f.where}`, { unit, me: auth.id, ...f.params });
}

/** A join of the case `c` of each row (its id in `caseColumn`) that `filter` reads, or nothing when nothing filters. */
function caseFilterJoin(filter: FilterCondition, caseColumn: string): string {
  return filter.where === '1' ? '' : ` JOIN applications c ON c.id = ${caseColumn}`;
}

/** 已办: the events the caller acted in, of the cases they read, narrowed by `filter` on their case. */
function actedIn(app: PbApp, auth: PbRecord, filter: QueueCountsQuery): number {
  if (auth.getString('role') !== 'officer' || auth.getString('org_unit') === '') {
    const f = queueFilterSql(filter, 'c', 'case');
    const join = caseFilterJoin(f, 'e.application');
    // With a filter the case's row is read for it, and the rule is decided on that row.
    return countVisible(app, auth, `events e${join}`, 'e.application', `e.actor_id = {:me} AND ${f.where}`, { me: auth.id, ...f.params }, { caseRow: join === '' ? undefined : 'c' });
  }
  const since = unitChangedAt(app, auth.id);
  const kept = queueFilterSql(filter, 'x', 'case');
  if (kept.where !== '1') return actedInFiltered(app, auth, since, kept);
  const params = { me: auth.id, since };
  // idx_events_actor_created (ending in the case id): a range of the index, no event row read.
  const recent = countOf(app, 'SELECT count(*) AS n FROM events e INDEXED BY idx_events_actor_created WHERE e.actor_id = {:me} AND e.created > {:since}', params);
  const startsNotRead = countStartsNotRead(app, auth, params);
  // The earlier events grouped by case: the rule is decided once per case, each case counting its events.
  const earlier = since === '' ? 0 : countVisible(
    app, auth,
    '(SELECT application, count(*) AS events FROM events INDEXED BY idx_events_actor_created WHERE actor_id = {:me} AND created <= {:since} GROUP BY application) e',
    'e.application', '1', params, { weight: 'e.events' },
  );
  return recent - startsNotRead + earlier;
}

/**
 * Of the cases the officer started since their role or unit last changed (`{:since}`; each start
 * counted in `recent`), those they do not read: a command starts child cases in its actor's name.
 * Only the starts kept in unread_starts can be such (those not read by the rule's own columns when
 * written, migration 1764201502); each is decided on idx_applications_case_access (a start whose
 * case is gone was counted in `recent` too, and is not the caller's to read).
 */
function countStartsNotRead(app: PbApp, auth: PbRecord, params: Record<string, unknown>): number {
  const visible = visibleCaseSql(auth, 'a');
  if (!visible) return 0;
  return countOf(
    app,
    `SELECT count(*) AS n FROM unread_starts e LEFT JOIN applications a INDEXED BY idx_applications_case_access ON a.id = e.application
     WHERE e.actor_id = {:me} AND e.created > {:since} AND (a.id IS NULL OR NOT ${visible.where})`,
    { ...params, ...visible.params },
  );
}

/**
 * 已办 of an officer narrowed by `f` (on acted_cases, alias `x`): their acts per case, kept with a
 * copy of each case's filter columns (actedCases.ts), summed over the rows of their cases that meet
 * it. A case they acted on since their role or unit last changed (`since`) is one they read — one
 * acts only on a case one reads, and what an officer reads only grows while their role and unit
 * stay — so all their acts on it count without a case row read, but for the cases they started and
 * do not read (unread_starts, decided on idx_applications_case_access). The cases of only earlier
 * acts are decided by the rule, case by case, on the same index.
 */
function actedInFiltered(app: PbApp, auth: PbRecord, since: string, f: FilterCondition): number {
  linkActedCases(app);
  const visible = visibleCaseSql(auth, 'a')!;
  const params = { me: auth.id, since, ...f.params, ...visible.params };
  const sum = (from: string, where: string) => countOf(app, `SELECT coalesce(sum(x.events), 0) AS n FROM ${from} WHERE x.actor_id = {:me} AND ${f.where} AND ${where}`, params);
  const caseOf = (column: string) => `JOIN applications a INDEXED BY idx_applications_case_access ON a.id = ${column}`;
  const recent = sum('acted_cases x', 'x.last_at > {:since}');
  // From the few unread starts to their rows (CROSS JOIN keeps that order: the planner, with no
  // statistics of acted_cases, would read every row of the officer's and look each up in unread_starts).
  const startsNotRead = sum(`unread_starts s CROSS JOIN acted_cases x ON x.actor_id = s.actor_id AND x.application = s.application ${caseOf('s.application')}`, `s.actor_id = {:me} AND s.created > {:since} AND NOT ${visible.where}`);
  const earlier = since === '' ? 0 : sum(`acted_cases x ${caseOf('x.application')}`, `x.last_at <= {:since} AND ${visible.where}`);
  return recent - startsNotRead + earlier;
}

/** 抄送: the caller's reader rows, narrowed by `filter` on their case. */
function copiedTo(app: PbApp, auth: PbRecord, filter: QueueCountsQuery): number {
  const f = queueFilterSql(filter, 'c', 'case');
  return countOf(app, `SELECT count(*) AS n FROM case_readers r${caseFilterJoin(f, 'r.application')} WHERE r.user = {:me} AND r.reason = 'cc' AND ${f.where}`, { me: auth.id, ...f.params });
}

/** 我发起: the cases the caller filed that they read, narrowed by `filter`. */
function countStarted(app: PbApp, auth: PbRecord, filter: QueueCountsQuery): number {
  // idx_applications_filed_by ends in the case id: the cases are found and ruled on from two indexes
  // (with a filter, each case's row is read for it, and the rule decided on that row).
  const f = queueFilterSql(filter, 'f', 'case');
  if (f.where === '1') return countVisible(app, auth, 'applications f INDEXED BY idx_applications_filed_by', 'f.id', 'f.filed_by = {:me}', { me: auth.id });
  return countVisible(app, auth, 'applications f', 'f.id', `f.filed_by = {:me} AND ${f.where}`, { me: auth.id, ...f.params }, { caseRow: 'f' });
}

/** `GET /api/tongban/queues/counts`, narrowed by `filter` (none: each whole queue). */
export function queueCounts(app: PbApp, auth: PbRecord, filter: QueueCountsQuery = {}): RouteAnswer {
  const body: QueueCountsAnswer = {
    tasks: openTasks(app, auth, filter),
    done: actedIn(app, auth, filter),
    cc: copiedTo(app, auth, filter),
    started: countStarted(app, auth, filter),
  };
  return { status: 200, body };
}
