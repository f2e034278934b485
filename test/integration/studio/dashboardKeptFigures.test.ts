import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, type DashboardAnswer } from '../../../engine/index.js';
import { readProcessTemplates } from '../../../server/build/processTemplates.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase, type CommandAnswer } from '../../support/commands.js';
import { decisionsDefinition } from '../../support/decisionsDefinition.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/**
 * The dashboards read figures kept by the writes (migration 1764200201: per-day rows kept by
 * triggers on the cases, the process key on each task; 1764201201: per-month rows kept by triggers
 * on the per-day ones, the done tasks indexed per division; 1764201701: one trigger per figure, fired
 * by an update of the columns it reads; 1764201901: each approved case's previous approval of the same
 * subject, for the distinct subjects). Here a county is seeded through every path
 * that writes a case — commands (approved, refused, withdrawn, ended, running), the timer sweep and
 * the shipped schedules' bulk starts, a case migration, a deletion, cases of earlier years — and
 * every figure is compared with the answer of the queries that counted the cases themselves before
 * (run read-only on the same data folder), for the whole county, a township and a village, over
 * several periods; then again after the kept figures are rebuilt from scratch by the migration.
 */

/** Rows of a read-only query on the test server's data folder (the sqlite3 shell, JSON mode). */
function sql<T = Record<string, string | number>>(server: TestServer, query: string): T[] {
  const r = spawnSync('sqlite3', ['-readonly', '-json', path.join(server.dataDir, 'data.db'), query], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`sqlite3: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim() === '' ? [] : (JSON.parse(r.stdout) as T[]);
}

/** Statements run on the server's data folder in one transaction, as a tool beside the server would. */
function write(server: TestServer, statements: string): void {
  const r = spawnSync('sqlite3', ['-bail', path.join(server.dataDir, 'data.db')], { input: `.timeout 20000\nBEGIN IMMEDIATE;\n${statements}\nCOMMIT;\n`, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`sqlite3: ${r.error?.message ?? r.stderr}`);
}

const chinaOffsetMs = 8 * 3600 * 1000;
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');
const startOfChinaDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - chinaOffsetMs);

/** The figures as the dashboard counted them from the cases before the kept rows (its queries verbatim). */
function countedFigures(server: TestServer, from: string, to: string, level: string, division: string) {
  const where = level === '' ? '1 = 1' : `a.${level} = '${division}'`;
  const f = `'${dbDate(startOfChinaDay(from))}'`;
  const t = `'${dbDate(new Date(startOfChinaDay(to).getTime() + 24 * 3600 * 1000))}'`;
  const now = `'${dbDate(new Date())}'`;
  const processes = sql(server, `SELECT a.workflow_key AS workflow, COUNT(*) AS started,
       SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN a.outcome = 'approved' THEN 1 ELSE 0 END) AS approved, SUM(CASE WHEN a.outcome = 'rejected' THEN 1 ELSE 0 END) AS rejected,
       SUM(CASE WHEN a.outcome = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn
     FROM applications a WHERE a.created >= ${f} AND a.created < ${t} AND ${where}
     GROUP BY a.workflow_key ORDER BY a.workflow_key`);
  const started = sql(server, `SELECT a.township AS township, COUNT(*) AS started,
       SUM(CASE WHEN a.status = 'active' THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done
     FROM applications a WHERE a.created >= ${f} AND a.created < ${t} AND a.township != '' AND ${where} GROUP BY a.township`);
  const overdue = sql(server, `SELECT a.township AS township, COUNT(*) AS open_overdue
     FROM applications a WHERE a.status = 'active' AND a.due_at != '' AND a.due_at <= ${now} AND a.township != '' AND ${where} GROUP BY a.township`);
  const ended = sql(server, `SELECT a.township AS township,
       SUM(CASE WHEN a.due_at = '' OR a.updated <= a.due_at THEN 1 ELSE 0 END) AS on_time,
       SUM(CASE WHEN a.due_at != '' AND a.updated > a.due_at THEN 1 ELSE 0 END) AS late
     FROM applications a WHERE a.status = 'done' AND a.updated >= ${f} AND a.updated < ${t} AND a.township != '' AND ${where} GROUP BY a.township`);
  const steps = sql(server, `SELECT a.workflow_key AS workflow, a.step AS step, a.step_name AS stepName, COUNT(*) AS active
     FROM applications a WHERE a.status = 'active' AND ${where}
     GROUP BY a.workflow_key, a.step, a.step_name ORDER BY a.workflow_key, a.step, a.step_name`);
  const amounts = sql(server, `SELECT a.workflow_key AS workflow,
       strftime('%Y-%m', datetime(json_extract(d.value, '$.at'), '+8 hours')) AS month,
       SUM(COALESCE(json_extract(d.value, '$.amount'), 0)) AS amount, COUNT(*) AS decisions
     FROM applications a, json_each(CASE WHEN json_valid(a.decisions) THEN a.decisions ELSE '{}' END) d
     WHERE json_extract(d.value, '$.outcome') = 'approved'
       AND replace(json_extract(d.value, '$.at'), 'T', ' ') >= ${f} AND replace(json_extract(d.value, '$.at'), 'T', ' ') < ${t}
       AND ${where}
     GROUP BY a.workflow_key, month ORDER BY month, a.workflow_key`);
  type TownshipFigures = { started: number; active: number; done: number; openOverdue: number; closedOnTime: number; closedLate: number };
  const byTownship = new Map<string, TownshipFigures>();
  const add = (township: unknown, figures: Partial<TownshipFigures>) => byTownship.set(String(township), { started: 0, active: 0, done: 0, openOverdue: 0, closedOnTime: 0, closedLate: 0, ...byTownship.get(String(township)), ...figures });
  for (const r of started) add(r.township, { started: Number(r.started), active: Number(r.active), done: Number(r.done) });
  for (const r of overdue) add(r.township, { openOverdue: Number(r.open_overdue) });
  for (const r of ended) add(r.township, { closedOnTime: Number(r.on_time), closedLate: Number(r.late) });
  const townships = Object.fromEntries([...byTownship].filter(([, v]) => v.started + v.openOverdue + v.closedOnTime + v.closedLate > 0).sort(([a], [b]) => a.localeCompare(b)));
  const closed = sql<{ workflow: string; step: string; step_name: string; created: string; closed_at: string }>(server, `SELECT a.workflow_key AS workflow, t.step AS step, t.step_name AS step_name, t.created AS created, t.closed_at AS closed_at
     FROM tasks t JOIN applications a ON a.id = t.application
     WHERE t.status = 'done' AND t.closed_at >= ${f} AND t.closed_at < ${t} AND ${where}`);
  const calendar = createWorkingCalendar(sql<{ date: string; working: number }>(server, 'SELECT date, working FROM calendar_overrides ORDER BY date').map((o) => ({ date: o.date, working: o.working === 1 })));
  const byStep = new Map<string, { workflow: string; step: string; tasks: number; sum: number }>();
  for (const row of closed) {
    const entry = byStep.get(`${row.workflow} ${row.step}`) ?? { workflow: row.workflow, step: row.step, tasks: 0, sum: 0 };
    entry.tasks += 1;
    entry.sum += calendar.workingDaysBetween(new Date(row.created.replace(' ', 'T')), new Date(row.closed_at.replace(' ', 'T')));
    byStep.set(`${row.workflow} ${row.step}`, entry);
  }
  const stepTimes = [...byStep.values()].map(({ sum, ...f }) => ({ ...f, averageWorkingDays: Math.round((sum / f.tasks) * 10) / 10 })).sort((x, y) => `${x.workflow} ${x.step}`.localeCompare(`${y.workflow} ${y.step}`));
  const coverage = sql(server, `SELECT a.workflow_key AS workflow, COUNT(DISTINCT COALESCE(NULLIF(a.subject, ''), a.id)) AS subjects
     FROM applications a WHERE a.outcome = 'approved' AND a.updated >= ${f} AND a.updated < ${t} AND ${where}
     GROUP BY a.workflow_key ORDER BY a.workflow_key`);
  return { processes, townships, steps, amounts, stepTimes, coverage };
}

/** The deadline counts as they were counted, joining each open task to its case. */
function countedDeadlines(server: TestServer, level: string, unit: string) {
  return sql(server, `SELECT a.workflow_key AS process, t.step AS step, t.step_name AS stepName, COUNT(*) AS open
     FROM tasks t JOIN applications a ON a.id = t.application
     WHERE t.status = 'open' AND t.${level} = '${unit}'
     GROUP BY a.workflow_key, t.step, t.step_name ORDER BY a.workflow_key, t.step, t.step_name`);
}

const probe = decisionsDefinition({ living: 'decisions-probe/living', nursing: 'decisions-probe/nursing' });
const notice = (title: string) => `{{#> layout title="${title}"}}<p>{{decisionItem.name}}</p>{{/layout}}`;
const probeTemplates = { shared: readProcessTemplates(probe.key).shared, documents: { living: notice('生活补贴决定通知书'), nursing: notice('护理补贴决定通知书') } };

describe('the dashboards’ kept figures, against the cases they were counted from', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;
  const units: { level: string; id: string }[] = [];
  const periods: [string, string][] = [];
  let migrated: unknown;

  const dashboard = async (from: string, to: string, division: string) => {
    const answer = await fetch(`${server.url}/api/tongban/admin/dashboard?from=${from}&to=${to}&division=${division}`, { headers: { Authorization: admin.authStore.token } });
    expect(answer.status).toBe(200);
    return (await answer.json()) as DashboardAnswer;
  };

  /** Every figure of every division and period, and the deadline counts, equal to the counted ones. */
  const expectFiguresAsCounted = async () => {
    for (const [from, to] of periods) {
      for (const unit of [{ level: '', id: '' }, ...units]) {
        const kept = await dashboard(from, to, unit.id);
        const counted = countedFigures(server, from, to, unit.level, unit.id);
        const label = `${unit.level || 'all'} ${unit.id} ${from}..${to}`;
        expect(kept.processes.map(({ name: _name, ...f }) => f), label).toEqual(counted.processes);
        expect(Object.fromEntries(kept.townships.map(({ township, name: _name, ...f }) => [township, f]).sort(([a], [b]) => String(a).localeCompare(String(b)))), label).toEqual(counted.townships);
        expect(kept.steps, label).toEqual(counted.steps);
        expect(kept.amounts, label).toEqual(counted.amounts);
        expect(kept.coverage.map(({ name: _name, ...f }) => f), label).toEqual(counted.coverage);
        expect(kept.stepTimes.map(({ stepName: _name, ...f }) => f).sort((x, y) => `${x.workflow} ${x.step}`.localeCompare(`${y.workflow} ${y.step}`)), label).toEqual(counted.stepTimes);
      }
    }
    for (const [who, level] of [['village-a1', 'village'], ['township-a', 'township'], ['county', 'county']] as const) {
      const pb = await server.login(who);
      const unit = String(pb.authStore.record?.org_unit);
      const kept = await pb.send<{ steps: { process: string; step: string; stepName: string; open: number }[] }>('/api/tongban/stats/deadlines', {});
      const sorted = kept.steps.map(({ process, step, stepName, open }) => ({ process, step, stepName, open })).sort((x, y) => `${x.process} ${x.step} ${x.stepName}`.localeCompare(`${y.process} ${y.step} ${y.stepName}`));
      expect(sorted, who).toEqual(countedDeadlines(server, level, unit).sort((x, y) => `${x.process} ${x.step} ${x.stepName}`.localeCompare(`${y.process} ${y.step} ${y.stepName}`)));
    }
  };

  beforeAll(async () => {
    // A restart compiles every process again: on a loaded machine it can take more than a minute.
    server = await startPocketBase({ demoCases: true, restartTimeoutMs: 240_000 });
    admin = await server.login('admin');
    su = await server.superuser();
    // The shipped schedules' first sweep: real starts and bulk starts, and the timers that fell due.
    await server.sweep();
    // Approved and refused decision items with amounts, one case left running and migrated.
    await su.collection('workflow_definitions').create({ key: probe.key, version: 1, status: 'published', name: probe.name, definition: probe, templates: probeTemplates });
    const a1 = await server.login('applicant-a1');
    const county = await server.login('county');
    const township = await server.login('township-a');
    const decided: CommandAnswer[] = [];
    for (const [living, livingAmount, nursing] of [['approved', 600, 'approved'], ['approved', 450, 'rejected'], ['rejected', 300, 'rejected']] as const) {
      const opened = await a1.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: probe.key, commandId: randomUUID() } });
      const submitted = await command(a1, opened.case, 'submit');
      decided.push(await command(county, submitted.case, 'decide', { data: { review: { living, livingAmount, nursing, livingReasons: '收入超过标准' } }, comment: '依规定作出决定' }));
    }
    // The first carried to its end (approved); the third ended refused; a 低保 case withdrawn.
    const paid = await command(township, decided[0]!.case, 'pay');
    const completed = await command(a1, paid.case, 'complete');
    await command(township, completed.case, 'close');
    const withdrawn = (await openCase(a1, demoHousehold)).case;
    await command(a1, withdrawn, 'withdraw');
    const running = await a1.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: probe.key, commandId: randomUUID() } });
    await command(a1, running.case, 'submit');
    await su.collection('workflow_definitions').create({ key: probe.key, version: 2, status: 'published', name: probe.name, definition: { ...probe, version: 2 }, templates: probeTemplates });
    migrated = await admin.send(`/api/tongban/admin/cases/${running.case.id}/migrate`, { method: 'POST', body: { toVersion: 2, dryRun: false, reason: '按新规定办理' } });
    // A case deleted by the superuser (its tasks go with it).
    const doomed = (await su.collection('applications').getList(1, 1, { filter: 'status = "active"', sort: 'created' })).items[0]!;
    await su.collection('applications').delete(doomed.id);

    for (const level of ['county', 'township', 'village']) {
      const rows = sql<{ id: string }>(server, `SELECT ${level} AS id FROM applications WHERE ${level} != '' GROUP BY ${level} ORDER BY COUNT(*) DESC LIMIT 2`);
      units.push(...rows.map((r) => ({ level, id: r.id })));
    }
    const year = new Date(Date.now() + chinaOffsetMs).toISOString().slice(0, 4);
    periods.push([`${year}-01-01`, new Date(Date.now() + chinaOffsetMs).toISOString().slice(0, 10)], ['2000-01-01', '2100-12-31'], ['2019-01-01', '2024-12-31'],
      // Whole months read per month, the partial ones before and after them per day (migration 1764201201).
      ['2021-03-05', '2021-05-03'], ['2021-03-02', '2021-03-30']);
  }, 600_000);
  afterAll(() => server?.dispose());

  it('seeds what it means to: every path wrote cases of several processes, units and outcomes', () => {
    const seeded = sql<{ processes: number; bulk: number; outcomes: number; townships: number; amounts: number }>(server, `SELECT COUNT(DISTINCT workflow_key) AS processes, SUM(bulk_run != '') AS bulk, COUNT(DISTINCT outcome) AS outcomes,
       COUNT(DISTINCT township) AS townships, (SELECT COUNT(*) FROM dashboard_amounts) AS amounts FROM applications`)[0]!;
    expect(seeded.processes).toBeGreaterThan(3);
    expect(seeded.bulk).toBeGreaterThan(0);
    expect(seeded.outcomes).toBeGreaterThanOrEqual(3);
    expect(seeded.townships).toBeGreaterThan(1);
    expect(seeded.amounts).toBeGreaterThan(0);
    expect(migrated).toMatchObject({ applied: true });
    expect(sql(server, `SELECT COUNT(*) AS n FROM applications a JOIN workflow_definitions w ON w.id = a.workflow WHERE w.version = 2 AND w.key = '${probe.key}'`)).toEqual([{ n: 1 }]);
  });

  it('answers every figure of the commands’, sweep’s, bulk starts’, migration’s and deletion’s cases as counting them does', async () => {
    await expectFiguresAsCounted();
  }, 300_000);

  it('keeps them through changes made beside the commands, and cases of earlier years', async () => {
    // Earlier years (the generated counties' ended cases look like these), a case and its tasks
    // moved to another village, and a case deleted with its tasks (as PocketBase's cascade does), in
    // SQL: the triggers follow any statement that writes a case.
    // The approved among them are approved again then: a case counts among the approved subjects
    // at the moment it was approved (migration 1764201901), not when it was last written.
    write(server, `CREATE TEMP TABLE reapproved AS SELECT id FROM applications WHERE rowid % 3 = 0 AND outcome = 'approved';
      UPDATE applications SET created = '2021-03-0' || (rowid % 9 + 1) || ' 17:30:00.000Z', updated = '2021-05-0' || (rowid % 9 + 1) || ' 02:00:00.000Z',
        outcome = CASE outcome WHEN 'approved' THEN '' ELSE outcome END WHERE rowid % 3 = 0;
      UPDATE applications SET outcome = 'approved' WHERE id IN (SELECT id FROM reapproved);
      CREATE TEMP TABLE moved AS SELECT id, (SELECT village FROM applications b WHERE b.village != a.village AND b.township = a.township LIMIT 1) AS village FROM applications a WHERE rowid = (SELECT MAX(rowid) FROM applications WHERE village != '');
      UPDATE applications SET village = (SELECT village FROM moved) WHERE id = (SELECT id FROM moved) AND (SELECT village FROM moved) IS NOT NULL;
      UPDATE tasks SET village = (SELECT village FROM moved) WHERE application = (SELECT id FROM moved) AND (SELECT village FROM moved) IS NOT NULL;
      CREATE TEMP TABLE gone AS SELECT id FROM applications WHERE rowid = (SELECT MIN(rowid) FROM applications WHERE status = 'done');
      DELETE FROM tasks WHERE application IN (SELECT id FROM gone);
      DELETE FROM applications WHERE id IN (SELECT id FROM gone);`);
    await expectFiguresAsCounted();
  }, 300_000);

  it('counts a subject approved in several cases, townships and years once per period, at the moments they were approved', async () => {
    const picked = sql<{ id: string; township: string }>(server, `SELECT id, township FROM applications WHERE township != '' ORDER BY status = 'done' DESC, rowid LIMIT 3`);
    expect(picked).toHaveLength(3);
    const [first, second, third] = picked as [typeof picked[0], typeof picked[0], typeof picked[0]];
    const otherTownship = sql<{ township: string }>(server, `SELECT township FROM applications WHERE township NOT IN ('', '${first.township}') LIMIT 1`)[0]!.township;
    // One subject approved in three cases (2020-03, 2020-09, 2021-02); then one moved to another
    // township with its tasks (its chains re-keyed), and the last approved again in 2020-06, between
    // the others.
    const ids = `'${first.id}', '${second.id}', '${third.id}'`;
    write(server, `UPDATE applications SET outcome = '', subject = 'sharedsubject01' WHERE id IN (${ids});
      UPDATE applications SET updated = CASE id WHEN '${first.id}' THEN '2020-03-01 02:00:00.000Z' WHEN '${second.id}' THEN '2020-09-01 02:00:00.000Z' ELSE '2021-02-01 02:00:00.000Z' END WHERE id IN (${ids});
      UPDATE applications SET outcome = 'approved' WHERE id IN (${ids});`);
    periods.push(['2020-01-01', '2021-12-31'], ['2020-08-01', '2021-12-31']);
    await expectFiguresAsCounted();
    write(server, `UPDATE applications SET township = '${otherTownship}' WHERE id = '${second.id}';
      UPDATE tasks SET township = '${otherTownship}' WHERE application = '${second.id}';
      UPDATE applications SET outcome = '', updated = '2020-06-15 03:00:00.000Z' WHERE id = '${third.id}';
      UPDATE applications SET outcome = 'approved' WHERE id = '${third.id}';`);
    periods.push(['2020-01-01', '2020-12-31'], ['2020-06-15', '2021-05-31'], ['2020-06-16', '2100-12-31']);
    await expectFiguresAsCounted();

    // A later write to an approved case does not move its approval: it stays counted in 2020, not in 2031.
    const workflow = sql<{ workflow_key: string }>(server, `SELECT workflow_key FROM applications WHERE id = '${third.id}'`)[0]!.workflow_key;
    const subjectsOf = (answer: DashboardAnswer) => answer.coverage.find((c) => c.workflow === workflow)?.subjects ?? 0;
    const in2020 = subjectsOf(await dashboard('2020-01-01', '2020-12-31', ''));
    expect(in2020).toBeGreaterThan(0);
    write(server, `UPDATE applications SET updated = '2031-03-01 00:00:00.000Z' WHERE id = '${third.id}';`);
    expect(subjectsOf(await dashboard('2020-01-01', '2020-12-31', ''))).toBe(in2020);
    expect(subjectsOf(await dashboard('2031-01-01', '2031-12-31', ''))).toBe(0);
    write(server, `UPDATE applications SET updated = '2020-06-15 03:00:00.000Z' WHERE id = '${third.id}';`);
  }, 300_000);

  it('rebuilds them from the cases when the migration runs on an existing data folder', async () => {
    await server.stop();
    write(server, `DROP TRIGGER dashboard_approved_case_updated; DROP TRIGGER dashboard_approved_case_deleted; DROP TRIGGER dashboard_approved_case_inserted;
      DROP TABLE dashboard_approved; DROP TABLE dashboard_approved_changed; DELETE FROM _migrations WHERE file LIKE '1764201901_%';
      DROP TRIGGER dashboard_case_inserted; DROP TRIGGER dashboard_case_deleted;
      DROP TRIGGER dashboard_started_case_updated; DROP TRIGGER dashboard_ended_case_updated; DROP TRIGGER dashboard_amounts_case_updated; DROP TRIGGER dashboard_running_case_updated;
      DROP TRIGGER tasks_process_key_updated; DROP TRIGGER IF EXISTS tasks_case_copies_checked;
      DELETE FROM _migrations WHERE file LIKE '1764201701_%'; DELETE FROM _migrations WHERE file LIKE '1764202302_%';
      DROP TABLE dashboard_started; DROP TABLE dashboard_ended; DROP TABLE dashboard_amounts; DROP TABLE dashboard_running;
      UPDATE tasks SET workflow_key = '';
      DELETE FROM _migrations WHERE file LIKE '1764200201_%';
      DROP TABLE dashboard_started_month;
      DELETE FROM _migrations WHERE file LIKE '1764201201_%';`);
    await server.restart();
    admin = await server.login('admin');
    expect(sql(server, `SELECT COUNT(*) AS n FROM tasks t JOIN applications a ON a.id = t.application WHERE t.workflow_key != a.workflow_key`)).toEqual([{ n: 0 }]);
    await expectFiguresAsCounted();
  }, 300_000);
});
