/**
 * Queue benchmark (`npm run bench -- queues`): what the app asks for on a county of 1,000,000 cases
 * (`queuesData.ts`), through the real server with the API rules in force — every request carries a
 * signed-in user's token (impersonated by the loader superuser), never a superuser's. Timed per
 * request from the load generator on the same machine: an officer's first 待办 page (village,
 * township, county, a department), the queue's filters, the other queues' first pages, the counts the
 * queue page shows per tab (through the record API, and the counts route the page reads), an
 * applicant's cases and 待办, a subject's history, the deadline counts and the bureau's dashboard. The request shapes are those of web/src/api/queues.ts and cases.ts.
 * `TONGBAN_BENCH_CASES` sets another size (small while developing).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { bootTongban } from '../../server/start/bootTongban.js';
import { runPocketBaseCommand } from '../../server/start/pocketbaseProcess.js';
import type { RestClient } from '../../server/start/restClient.js';
import { freePort } from '../support/pocketbase.js';
import { countyAtScale, queuesDataFolder, type CountyShape } from './queuesData.js';

/** What one request kind measured. */
export interface QueueFigure {
  name: string;
  who: string;
  kind: 'page' | 'count' | 'dashboard';
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** Rows (or the count) the last answer held, to show the request found something. */
  found: number;
  /** Some request did not answer within the time given to one (its time counted as that limit). */
  timedOut: boolean;
  /** CPU the server process spent per timed request (user + system), which the machine's load does not inflate as it does wall time. */
  serverCpuMs: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (NaN where there is none). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The whole run. */
export interface QueueFigures {
  shape: CountyShape;
  generatedSeconds: number;
  rows: Record<string, number>;
  bootSeconds: number;
  figures: QueueFigure[];
  loadAverage: number;
}

/** The budgets (DESIGN §6 and issue 14): a first page p50 / p99, a count, a dashboard. */
export const queueBudgets = { pageP50Ms: 10, pageP99Ms: 50, countMs: 50, dashboardMs: 1000 };

/** Rows per queue page the web asks for, plus one that tells whether a next page exists. */
const pageRows = 51;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const filterOf = (...parts: string[]) => parts.map((p) => `(${p})`).join(' && ');
const pbDate = (d: Date) => d.toISOString().replace('T', ' ');

interface Probe { name: string; who: string; kind: QueueFigure['kind']; path: string }

function listPath(collection: string, query: Record<string, string>): string {
  return `/api/collections/${collection}/records?${new URLSearchParams(query).toString()}`;
}

/** The 待办 filter of web/src/api/queues.ts for an officer of `unit`. */
const officerTasks = (unit: string, user: string) => `status = "open" && assignee_unit = "${unit}" && ((mode != "panel" && level != "pool") || assignee_user = "${user}")`;
const firstPage = (collection: string, filter: string, sort: string, expand?: string) => listPath(collection, { page: '1', perPage: String(pageRows), skipTotal: '1', filter, sort, ...(expand ? { expand } : {}) });
const countOf = (collection: string, filter: string) => listPath(collection, { page: '1', perPage: '1', filter, fields: 'id' });

async function timeProbe(url: string, token: string, probe: Probe, maxSamples: number, maxSeconds: number, requestTimeoutMs: number, serverPid: number | undefined): Promise<QueueFigure> {
  const samples: number[] = [];
  let found = 0;
  let cpuAtFirstSample = Number.NaN;
  const started = performance.now();
  for (let i = 0; i < maxSamples + 1; i++) {
    const t0 = performance.now();
    let res: Response;
    try {
      res = await fetch(`${url}${probe.path}`, { headers: { authorization: token }, signal: AbortSignal.timeout(requestTimeoutMs) });
    } catch (e) {
      if ((e as Error).name !== 'TimeoutError') throw e;
      samples.push(requestTimeoutMs);
      return { name: probe.name, who: probe.who, kind: probe.kind, samples: samples.length, p50Ms: requestTimeoutMs, p99Ms: requestTimeoutMs, found, timedOut: true, serverCpuMs: Number.NaN };
    }
    const body = (await res.json()) as { items?: unknown[]; totalItems?: number; cases?: unknown[]; processes?: unknown[]; total?: { open: number }; tasks?: number; done?: number };
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${probe.name} (${probe.who}) → ${res.status} ${JSON.stringify(body)}`);
    found = probe.kind === 'count' ? (body.totalItems ?? (body.tasks ?? 0) + (body.done ?? 0)) : (body.items?.length ?? body.cases?.length ?? body.processes?.length ?? body.total?.open ?? 0);
    if (i === 0) cpuAtFirstSample = cpuSeconds(serverPid);
    if (i >= 1) samples.push(ms); // one warm-up
    if ((performance.now() - started) / 1000 > maxSeconds && samples.length >= 3) break;
  }
  samples.sort((a, b) => a - b);
  const serverCpuMs = ((cpuSeconds(serverPid) - cpuAtFirstSample) * 1000) / samples.length;
  return { name: probe.name, who: probe.who, kind: probe.kind, samples: samples.length, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99), found, timedOut: false, serverCpuMs };
}

/** Runs the queue benchmark on the generated county (generating it first when it is not cached). */
export async function benchQueues(shape: CountyShape = countyAtScale, options: { samples?: number; maxSecondsPerProbe?: number; requestTimeoutMs?: number; log?: (line: string) => void } = {}): Promise<QueueFigures> {
  const log = options.log ?? (() => {});
  const folder = await queuesDataFolder(shape, log);
  const t0 = performance.now();
  // Migrations first (a new index over a million cases takes a while), then the server.
  await runPocketBaseCommand(['migrate', 'up'], folder.dataDir);
  const booted = await bootTongban({ port: await freePort(), dataDir: folder.dataDir, env: { TONGBAN_MAIL_SINK: 'memory', TONGBAN_NO_BACKGROUND: '1' }, demoCases: false, readyTimeoutMs: 600_000 });
  const bootSeconds = (performance.now() - t0) / 1000;
  try {
    const figures = await timeQueues(booted.server.url, booted.admin, { ...options, serverPid: booted.server.child.pid });
    return { shape, generatedSeconds: folder.generatedSeconds, rows: folder.rows, bootSeconds, figures, loadAverage: loadavg()[0]! / availableParallelism() };
  } finally {
    await booted.server.stop();
  }
}

/** Times every request kind against a running server holding the generated county (`admin`: its superuser client). */
export async function timeQueues(url: string, admin: RestClient, options: { samples?: number; maxSecondsPerProbe?: number; requestTimeoutMs?: number; serverPid?: number; log?: (line: string) => void } = {}): Promise<QueueFigure[]> {
  const log = options.log ?? (() => {});
  {
    const sign = async (email: string) => {
      const client = await admin.impersonate(email);
      const user = (await admin.findFirst('users', `email = "${email}"`))!;
      return { token: client.authToken, id: user.id, unit: String(user.org_unit ?? '') };
    };
    const people = {
      village: await sign('village-0-0@bench.tongban'),
      township: await sign('township-0-0@bench.tongban'),
      county: await sign('county-0@bench.tongban'),
      department: await sign('assessor@demo.tongban'),
      applicant: await sign('applicant-0@bench.tongban'),
      admin: await sign('admin@demo.tongban'),
    };
    const now = new Date();
    const township = people.township.unit;
    const village = people.village.unit;
    const subject = String((await admin.findFirst('applications', `applicant = "${people.applicant.id}" && subject != ""`))?.subject ?? '');
    const probes: Probe[] = [];
    for (const who of ['village', 'township', 'county', 'department'] as const) {
      const p = people[who];
      probes.push({ name: '待办 first page', who, kind: 'page', path: firstPage('task_queue', filterOf(officerTasks(p.unit, p.id)), 'due_at,created') });
    }
    const t = people.township;
    const tasks = officerTasks(t.unit, t.id);
    const filters: [string, string][] = [
      ['process', 'workflow_key = "dibao"'],
      ['step', 'step = "review"'],
      ['village', `village = "${people.village.unit}"`],
      ['overdue', `due_at != "" && due_at < "${pbDate(now)}"`],
      ['due within 3 working days', `due_at != "" && due_at < "${pbDate(new Date(now.getTime() + 5 * 86_400_000))}"`],
      // The shapes of web/src/api/queues.ts since migration 1764201301: the task's own copy of its case's flags and serial.
      ['flag 近亲属备案', 'case_flagged = true && case_flags ~ \'"relativeFiling"\''],
      ['search by case number', 'case_serial = 1 && application.case_no ~ "%DIBAO-2026-000001"'],
      ['search by serial', 'case_serial = 1'],
      ['search by name (contains)', '(application.case_no ~ "王*英" || application.title ~ "王*英")'],
      ['search by name (contains), the view’s own columns', '(case_no ~ "王*英" || title ~ "王*英")'],
      // A name few cases carry: the search passes over the whole queue (the generated names repeat, so "王*英" is met early).
      ['search by a rare name, the view’s own columns', '(case_no ~ "欧阳*峰" || title ~ "欧阳*峰")'],
    ];
    for (const [name, f] of filters) probes.push({ name: `待办 filtered: ${name}`, who: 'township', kind: 'page', path: firstPage('task_queue', filterOf(tasks, f), 'due_at,created') });
    // 已办 with the page's filters (web/src/api/queues.ts: the case's columns through the relation, the search on the view's own).
    // Since migration 1764202301 the page reads every filter from the view's own columns; the relation's shapes stay for comparison.
    const doneFilters: [string, string][] = [
      ['process', 'application.workflow_key = "dibao"'],
      ['process, the view’s own columns', 'workflow_key = "dibao"'],
      ['overdue', `application.due_at != "" && application.due_at < "${pbDate(now)}"`],
      ['overdue, the view’s own columns', `due_at != "" && due_at < "${pbDate(now)}"`],
      ['search by a rare name, the view’s own columns', '(case_no ~ "欧阳*峰" || title ~ "欧阳*峰")'],
    ];
    for (const [name, f] of doneFilters) probes.push({ name: `已办 filtered: ${name}`, who: 'township', kind: 'page', path: firstPage('event_queue', filterOf(`actor_id = "${t.id}"`, f), '-created') });
    for (const who of ['village', 'township'] as const) {
      const p = people[who];
      probes.push({ name: '已办 first page', who, kind: 'page', path: firstPage('event_queue', filterOf(`actor_id = "${p.id}"`), '-created') });
      probes.push({ name: '抄送 first page', who, kind: 'page', path: firstPage('case_readers', filterOf(`user = "${p.id}" && reason = "cc"`), '-created', 'application') });
      probes.push({ name: '我发起 first page', who, kind: 'page', path: firstPage('applications', filterOf(`filed_by = "${p.id}"`), '-created') });
    }
    for (const who of ['village', 'township', 'county', 'department'] as const) {
      const p = people[who];
      probes.push({ name: '待办 count', who, kind: 'count', path: countOf('tasks', filterOf(officerTasks(p.unit, p.id))) });
    }
    probes.push({ name: '已办 count', who: 'township', kind: 'count', path: countOf('events', filterOf(`actor_id = "${t.id}"`)) });
    probes.push({ name: '抄送 count', who: 'township', kind: 'count', path: countOf('case_readers', filterOf(`user = "${t.id}" && reason = "cc"`)) });
    probes.push({ name: '我发起 count', who: 'township', kind: 'count', path: countOf('applications', filterOf(`filed_by = "${t.id}"`)) });
    probes.push({ name: '待办 count, filtered by process', who: 'township', kind: 'count', path: countOf('tasks', filterOf(tasks, 'application.workflow_key = "dibao"')) });
    // What the queue page asks for its unfiltered counts (the record API counts above are what it asked before).
    for (const who of ['village', 'township', 'county', 'department'] as const) probes.push({ name: 'queue counts (route: 待办 已办 抄送 我发起)', who, kind: 'count', path: '/api/tongban/queues/counts' });
    // …and with a filter chosen (web/src/api/queueCounts.ts: the route with the page's filters but its search).
    const countFilters: [string, Record<string, string>][] = [
      ['process', { process: 'dibao' }],
      ['village', { village: people.village.unit }],
      ['overdue', { dueBefore: pbDate(now) }],
      ['flag 近亲属备案', { flag: 'relativeFiling' }],
      ['process, overdue and flag', { process: 'dibao', dueBefore: pbDate(now), flag: 'relativeFiling' }],
    ];
    for (const who of ['township', 'county'] as const) {
      for (const [name, query] of countFilters) probes.push({ name: `queue counts filtered: ${name}`, who, kind: 'count', path: `/api/tongban/queues/counts?${new URLSearchParams(query).toString()}` });
    }
    // …and with a search typed (web/src/api/queueCounts.ts: each queue counted on the collection its page reads, the rows' own copies searched).
    const rareName = '(case_no ~ "欧阳*峰" || title ~ "欧阳*峰")';
    probes.push({ name: '待办 count, search by a rare name', who: 'township', kind: 'count', path: countOf('task_queue', filterOf(tasks, rareName)) });
    probes.push({ name: '已办 count, search by a rare name', who: 'township', kind: 'count', path: countOf('event_queue', filterOf(`actor_id = "${t.id}"`, rareName)) });
    // …and as the page counted before (each queue's own collection, the search through the case).
    const rareNameThroughCase = '(application.case_no ~ "欧阳*峰" || application.title ~ "欧阳*峰")';
    probes.push({ name: '待办 count, search by a rare name, through the case (before)', who: 'township', kind: 'count', path: countOf('tasks', filterOf(tasks, rareNameThroughCase)) });
    probes.push({ name: '已办 count, search by a rare name, through the case (before)', who: 'township', kind: 'count', path: countOf('events', filterOf(`actor_id = "${t.id}"`, rareNameThroughCase)) });
    const a = people.applicant;
    probes.push({ name: 'my cases, first page', who: 'applicant', kind: 'page', path: firstPage('applications', filterOf(`applicant = "${a.id}"`), '-created') });
    probes.push({ name: 'my 待办', who: 'applicant', kind: 'page', path: firstPage('tasks', filterOf(`status = "open" && assignee_user = "${a.id}"`), 'due_at,created', 'application') });
    if (subject) probes.push({ name: 'subject history', who: 'village', kind: 'page', path: `/api/tongban/subjects/${subject}` });
    for (const who of ['township', 'county'] as const) probes.push({ name: 'deadline counts (stats/deadlines)', who, kind: 'dashboard', path: '/api/tongban/stats/deadlines' });
    probes.push({ name: 'dashboard, whole county, this year', who: 'admin', kind: 'dashboard', path: '/api/tongban/admin/dashboard' });
    probes.push({ name: 'dashboard, one township, this year', who: 'admin', kind: 'dashboard', path: `/api/tongban/admin/dashboard?division=${township}` });
    probes.push({ name: 'dashboard, one village, 2019–2026', who: 'admin', kind: 'dashboard', path: `/api/tongban/admin/dashboard?division=${village}&from=2019-01-01` });
    probes.push({ name: 'dashboard, whole county, 2019–2026', who: 'admin', kind: 'dashboard', path: '/api/tongban/admin/dashboard?from=2019-01-01' });

    const figures: QueueFigure[] = [];
    for (const probe of probes) {
      const who = probe.who as keyof typeof people;
      const heavy = probe.kind === 'dashboard';
      const figure = await timeProbe(url, people[who].token, probe, heavy ? Math.min(10, options.samples ?? 40) : (options.samples ?? 40), options.maxSecondsPerProbe ?? 20, options.requestTimeoutMs ?? 30_000, options.serverPid);
      log(formatFigure(figure));
      figures.push(figure);
    }
    return figures;
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function verdictOf(f: QueueFigure): string {
  const b = queueBudgets;
  if (f.kind === 'page') {
    const ok = f.p50Ms <= b.pageP50Ms && f.p99Ms <= b.pageP99Ms;
    return ok ? 'met' : `MISSED (p50 ${(f.p50Ms / b.pageP50Ms).toFixed(1)}× / p99 ${(f.p99Ms / b.pageP99Ms).toFixed(1)}× the budget)`;
  }
  const limit = f.kind === 'count' ? b.countMs : b.dashboardMs;
  return f.p99Ms <= limit ? 'met' : `MISSED (p99 ${(f.p99Ms / limit).toFixed(1)}× the budget)`;
}

/** One figure as a line: what, who, p50/p99 beside its budget. */
export function formatFigure(f: QueueFigure): string {
  const budget = f.kind === 'page' ? `≤ ${queueBudgets.pageP50Ms} / ${queueBudgets.pageP99Ms} ms` : f.kind === 'count' ? `≤ ${queueBudgets.countMs} ms` : `≤ ${queueBudgets.dashboardMs} ms`;
  if (f.timedOut) return `  ${`${f.name} (${f.who})`.padEnd(52)} no answer within ${fmt(f.p50Ms)} ms (request abandoned)  budget ${budget.padEnd(14)} MISSED (> ${(f.p50Ms / (f.kind === 'page' ? queueBudgets.pageP50Ms : f.kind === 'count' ? queueBudgets.countMs : queueBudgets.dashboardMs)).toFixed(0)}× the budget)`;
  return `  ${`${f.name} (${f.who})`.padEnd(52)} p50 ${fmt(f.p50Ms).padStart(7)} ms  p99 ${fmt(f.p99Ms).padStart(7)} ms  server CPU ${fmt(f.serverCpuMs).padStart(6)} ms  n=${String(f.samples).padStart(2)}  rows ${String(f.found).padStart(6)}  budget ${budget.padEnd(14)} ${verdictOf(f)}`;
}

/** The run as the bench prints it. */
export function formatQueues(r: QueueFigures): string {
  const lines = [
    `Queues at scale: ${r.shape.cases.toLocaleString('en-US')} cases, ${r.shape.townships} townships × ${r.shape.villagesPerTownship} villages, ${Math.round(r.shape.activeShare * 100)} % active (API rules in force, signed-in users):`,
    `  rows: ${Object.entries(r.rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`,
    `  data folder ${r.generatedSeconds > 0 ? `generated in ${r.generatedSeconds.toFixed(0)} s` : 'reused from the cache'}; server boot on it ${r.bootSeconds.toFixed(1)} s`,
    ...r.figures.map(formatFigure),
    `  machine load at the end: ${r.loadAverage.toFixed(2)} per core`,
  ];
  return lines.join('\n');
}
