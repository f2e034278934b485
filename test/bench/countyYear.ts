/**
 * A county's year, replayed through the real server at many times real speed: the shipped processes
 * in a county's proportions (test/bench/yearPlan.ts: 低保 and its 复核, 临时救助, 高龄津贴, 两项补贴,
 * 特困 and its 复核, 低保边缘, 居家养老, 适老化改造, children, social organisations' changes), each
 * case through its real steps to an end as the demo users of each level, its opening spread over the
 * year; each simulated working day an open case moves one step (an officer's 暂存 drafts and the
 * step's command), then the clock moves to the next working day (调休 weekend days included), the
 * sweep fires what fell due (公示, monthly payments, reminders; the shipped schedules start their own
 * cases) and the outbox sends the notices.
 * Measured: errors (any refused command), cases that did not reach their planned end, the PocketBase
 * process's CPU (from /proc) and RSS, data.db's growth per 100,000 cases, commands per second, and
 * the headroom — how many such counties one instance could serve by the yearly CPU and by the
 * busiest week. `--scale 0.02` (or the first number) replays that share of the volume.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { chinaDateOf, createWorkingCalendar } from '../../engine/index.js';
import { cpuSeconds } from './bulkStart.js';
import { casesAtScale, reviewedFacts, type CaseContext, type CaseScript } from './yearPlan.js';
import { startPocketBase } from '../support/pocketbase.js';

/** How one script's cases ended. */
export interface ScriptTally {
  workflow: string;
  path: string;
  planned: number;
  ended: number;
}

/** What the year's replay measured. */
export interface YearFigures {
  scale: number;
  /** Cases the plan opened, and all the cases the year left in the database (the shipped schedules' included). */
  cases: number;
  allCases: number;
  commands: number;
  reads: number;
  /** Commands sent again after reloading a case the server had moved meanwhile (409 stale_version). */
  refreshes: number;
  sweeps: number;
  timersFired: number;
  errors: number;
  /** The first refusals, for the reader: `workflow action: status code message`. */
  errorSamples: string[];
  tallies: ScriptTally[];
  weeks: number;
  seconds: number;
  serverCpuSeconds: number;
  /** The CPU of the busiest simulated week. */
  peakWeekCpuSeconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** What the year added to data.db (after a clean stop), and the WAL's size when it began (the most it under-counts by). */
  databaseMb: number;
  walBeforeMb: number;
  loadAverage: number;
}

/** The replay's options: `spreadWeeks` the weeks over which openings spread (48: the year; 1: all at once, for a test). */
export interface YearOptions {
  scale?: number;
  clients?: number;
  spreadWeeks?: number;
  /** Commands a case may send in one simulated working day at most (it stops sooner when it changes step). */
  commandsPerDay?: number;
  /** Print a line on stderr every simulated month (the command line does). */
  progress?: boolean;
  /** Stop the server cleanly after the year, so data.db holds everything (default true; a test skips it). */
  measureDatabase?: boolean;
}

const day = 24 * 60 * 60 * 1000;

/** The shipped working calendar (the server's too: the replay adds no override). */
const workingCalendar = createWorkingCalendar();

/**
 * The next working day at the same hour: holidays skipped and the 调休 weekend days worked, as the
 * officers do (counting Monday to Friday instead, a step due on a 调休 Saturday passed unseen).
 */
export function nextWorkingDay(at: Date): Date {
  let next = new Date(at.getTime() + day);
  while (!workingCalendar.isWorkingDay(chinaDateOf(next))) next = new Date(next.getTime() + day);
  return next;
}
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const firstOfNextMonth = (at: Date) => {
  const d = new Date(at.getTime() + 8 * 3600 * 1000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
};

/** Resident memory of a process (MB), from /proc. */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid 居民身份证 number of 海安 (320621) born in `year`, unique per `n` (< 336,000). */
export function idNumberOf(year: number, n: number): string {
  const dayOfYear = Math.floor(n / 1000);
  const birth = `${year}${String(1 + (Math.floor(dayOfYear / 28) % 12)).padStart(2, '0')}${String(1 + (dayOfYear % 28)).padStart(2, '0')}`;
  const body = `320621${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const givens = ['秀英', '建国', '桂兰', '明', '玉芳', '德顺', '小雨', '海燕', '立新', '志强'];
const nameOf = (n: number) => `${surnames[n % surnames.length]!}${givens[Math.floor(n / surnames.length) % givens.length]!}`;

/** One case on its way through the year. */
interface Running {
  script: CaseScript;
  n: number;
  startDay: number;
  id?: string;
  version: number;
  step: string;
  pc: number;
  repeatDone: number;
  waitingSince?: number;
  pausedUntil?: number;
  done: boolean;
  failed: boolean;
}

/** How long the replay uses one sign-in: well inside the shortest token lifetime (an officer's, 30 minutes). */
const signInLifetimeMs = 20 * 60 * 1000;

/** Replays `scale` × a county's year through a fresh server. */
export async function benchYear(options: YearOptions = {}): Promise<YearFigures> {
  const { scale = 1, clients = 8, spreadWeeks = 48, commandsPerDay = 16, measureDatabase = true, progress = false } = options;
  const server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_NO_BACKGROUND: '1' } });
  const pid = server.pid();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid) || 0)), 1000);
  try {
    const su = await server.superuser();
    let clock = new Date('2026-01-05T09:00:00+08:00');
    await server.setClock(clock);
    await su.send('/api/tongban/admin/sweep', { method: 'POST' }); // the shipped schedules open their periods
    // Each user signs in again before their token lapses (an officer's lives 30 minutes), as the app renews
    // its session: a full year runs longer than that.
    const users = new Map<string, { at: number; pb: Promise<PocketBase> }>();
    const as = (user: string) => {
      const signedIn = users.get(user);
      if (signedIn && Date.now() - signedIn.at < signInLifetimeMs) return signedIn.pb;
      const pb = server.login(user);
      users.set(user, { at: Date.now(), pb });
      return pb;
    };
    // The plan: each script's cases, their openings spread evenly over the weeks.
    const cases: Running[] = [];
    let n = 0;
    for (const { script, count } of casesAtScale(scale)) {
      for (let k = 0; k < count; k++) cases.push({ script, n: n++, startDay: Math.floor(((k + 0.5) * spreadWeeks * 5) / count), version: 0, step: '', pc: 0, repeatDone: 0, done: false, failed: false });
    }
    // The registered persons the reviews start from (a confirmed 低保 or 特困 case leaves them), seeded before the measurement.
    const home = await su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>('code = "320685102290"');
    const subjects = new Map<number, string>();
    for (const c of cases) {
      const kind = c.script.open.subject;
      if (!kind) continue;
      const record = await su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: `${nameOf(c.n)[0]}*${nameOf(c.n).slice(-1)}`, village: home.id, township: home.township, county: home.county, facts: { [kind]: reviewedFacts[kind] } });
      subjects.set(c.n, record.id);
    }
    for (const user of new Set(cases.flatMap((c) => [c.script.open.as, ...c.script.steps.flatMap((s) => ('as' in s ? [s.as] : []))]))) await as(user);

    let errors = 0;
    const errorSamples: string[] = [];
    let commands = 0;
    let reads = 0;
    let refreshes = 0;
    let sweeps = 0;
    let timersFired = 0;
    const context = (c: Running): CaseContext => ({
      today: chinaDay(clock),
      nextMonth: firstOfNextMonth(clock),
      adult: { name: nameOf(c.n), idNumber: idNumberOf(1975, c.n) },
      elder: { name: nameOf(c.n + 7), idNumber: idNumberOf(1938, c.n) },
      child: { name: nameOf(c.n + 3), idNumber: idNumberOf(2016, c.n) },
    });
    type Answer = { case: { id: string; version: number; step: string; status: string } };
    const post = async (c: Running, user: string, url: string, body: Record<string, unknown>, what: string): Promise<Answer | undefined> => {
      commands++;
      const pb = await as(user);
      try {
        return await pb.send<Answer>(url, { method: 'POST', body: { commandId: randomUUID(), ...body } });
      } catch (e) {
        if (!(e instanceof ClientResponseError)) throw e;
        // The server moved the case meanwhile (a timer, a check report): the officer reloads it and sends again, as the app asks.
        if (e.status === 409 && (e.response as { code?: string }).code === 'stale_version' && c.id) {
          refreshes++;
          reads++;
          take(c, await pb.send<Answer>(`/api/tongban/cases/${c.id}`, {}));
          return post(c, user, url, { ...body, version: c.version }, what);
        }
        errors++;
        c.failed = true;
        if (errorSamples.length < 10) errorSamples.push(`${c.script.workflow} ${what} at ${c.step || 'opening'}: ${e.status} ${(e.response as { code?: string }).code ?? ''} ${(e.response as { message?: string }).message ?? e.message}`);
        return undefined;
      }
    };
    const take = (c: Running, a: Answer) => {
      c.id = a.case.id;
      c.version = a.case.version;
      c.step = a.case.step;
    };
    /** Runs a case's commands of one working day: up to its next step (or a wait, or its end). */
    const advance = async (c: Running, day: number) => {
      let sent = 0;
      if (!c.id) {
        const { open } = c.script;
        const body = { workflow: c.script.workflow, ...(open.data ? { data: open.data(context(c)) } : {}), ...(open.proxy ? { proxy: true } : {}), ...(open.subject ? { subject: subjects.get(c.n) } : {}) };
        const a = await post(c, open.as, '/api/tongban/cases', body, 'open');
        if (!a) return;
        take(c, a);
        sent++;
      }
      let moved = false;
      while (!c.failed && !moved && c.pc < c.script.steps.length && sent < commandsPerDay) {
        const s = c.script.steps[c.pc]!;
        if ('pauseWeeks' in s) {
          if (c.pausedUntil === undefined) c.pausedUntil = day + s.pauseWeeks * 5;
          if (day < c.pausedUntil) return;
          c.pausedUntil = undefined;
          c.pc++;
          continue;
        }
        if ('awaitStep' in s) {
          if (s.awaitStep.includes(c.step)) {
            c.pc++;
            continue;
          }
          c.waitingSince ??= day;
          return;
        }
        if (s.when !== undefined && s.when !== c.step) {
          c.pc++;
          continue;
        }
        const a = await post(c, s.as, `/api/tongban/cases/${c.id}/commands`, { action: s.action, version: c.version, ...(s.data ? { data: s.data(context(c)) } : {}), ...(s.comment ? { comment: s.comment } : {}) }, s.action);
        if (!a) return;
        moved = a.case.step !== c.step;
        take(c, a);
        sent++;
        if (++c.repeatDone >= (s.repeat ?? 1)) {
          c.repeatDone = 0;
          c.pc++;
        }
      }
      if (c.pc >= c.script.steps.length) c.done = true;
    };
    /** After a sweep: reads a waiting case again (its timer may have moved it). */
    const look = async (c: Running) => {
      const s = c.script.steps[c.pc]!;
      reads++;
      try {
        const a = await (await as('county')).send<Answer>(`/api/tongban/cases/${c.id}`, {});
        take(c, a);
        if ('awaitStep' in s && s.awaitStep.includes(c.step)) c.waitingSince = undefined;
      } catch (e) {
        if (!(e instanceof ClientResponseError)) throw e;
        errors++;
        c.failed = true;
      }
    };
    const inParallel = async (work: (() => Promise<void>)[]) => {
      let next = 0;
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = next++; i < work.length; i = next++) await work[i]!();
      }));
    };

    // Before the year: data.db and its WAL (pages not yet checkpointed); after it, data.db alone after a
    // clean stop (the WAL checkpointed into it). The growth under-counts by at most the WAL's size at the start.
    const dbFile = path.join(server.dataDir, 'data.db');
    const database0 = sizeOf(dbFile) + sizeOf(`${dbFile}-wal`);
    const wal0 = sizeOf(`${dbFile}-wal`);
    const rss0 = rssMb(pid);
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    let peakWeekCpu = 0;
    let weekCpu0 = cpuSeconds(pid);
    let workday = 0;
    for (; workday < (spreadWeeks + 40) * 5; workday++) {
      const live = cases.filter((c) => !c.done && !c.failed && c.startDay <= workday);
      if (workday >= spreadWeeks * 5 && live.length === 0) break;
      await inParallel(live.filter((c) => c.waitingSince === undefined).map((c) => () => advance(c, workday)));
      // The working day ends at the next one: timers that fell due fire, their notices leave; the waiting cases are read again.
      clock = nextWorkingDay(clock);
      await server.setClock(clock);
      const su = await server.superuser();
      for (;;) {
        sweeps++;
        const fired = (await su.send<{ fired: number }>('/api/tongban/admin/sweep', { method: 'POST' })).fired;
        timersFired += fired;
        if (fired === 0) break;
      }
      await su.send('/api/tongban/admin/outbox/send', { method: 'POST' });
      await inParallel(cases.filter((c) => c.waitingSince !== undefined && !c.failed).map((c) => () => look(c)));
      if (progress && workday % 21 === 20) process.stderr.write(`${chinaDay(clock)}: ${cases.filter((c) => c.done).length}/${cases.length} cases at their end, ${commands} commands, ${errors} errors, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      if (workday % 5 === 4) {
        peakWeekCpu = Math.max(peakWeekCpu, cpuSeconds(pid) - weekCpu0);
        weekCpu0 = cpuSeconds(pid);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuSeconds = cpuSeconds(pid) - cpu0;
    const allCases = (await (await server.superuser()).collection('applications').getList(1, 1, { fields: 'id' })).totalItems;
    if (measureDatabase) await server.stop();
    const databaseMb = (sizeOf(dbFile) - database0) / 1024 / 1024;
    const tallies = new Map<CaseScript, ScriptTally>();
    for (const c of cases) {
      const t = tallies.get(c.script) ?? { workflow: c.script.workflow, path: c.script.path, planned: 0, ended: 0 };
      t.planned++;
      if (c.done && c.script.ends.includes(c.step)) t.ended++;
      tallies.set(c.script, t);
    }
    return { walBeforeMb: wal0 / 1024 / 1024, scale, cases: cases.length, allCases, commands, reads, refreshes, sweeps, timersFired, errors, errorSamples, tallies: [...tallies.values()], weeks: Math.ceil(workday / 5), seconds, serverCpuSeconds, peakWeekCpuSeconds: peakWeekCpu, rssBeforeMb: rss0, peakRssMb: peakRss, databaseMb, loadAverage: loadavg()[0]! };
  } finally {
    clearInterval(sampler);
    await server.dispose();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatYear(f: YearFigures): string {
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const i = (n: number) => n.toLocaleString('en-US');
  const year = 365 * 24 * 3600;
  const cores = availableParallelism();
  // Headroom by the yearly CPU: a full county's year against half of the cores over a year.
  const cpuPerCounty = f.serverCpuSeconds / f.scale;
  const byYear = (cores * year * 0.5) / cpuPerCounty;
  // Headroom by the busiest week: its work done in a week's 40 working hours, at half of the cores.
  const byPeak = (cores * 40 * 3600 * 0.5) / (f.peakWeekCpuSeconds / f.scale);
  const ended = f.tallies.reduce((a, t) => a + t.ended, 0);
  return [
    `A county's year through PocketBase (scale ${f.scale}: ${i(f.cases)} planned cases of ${new Set(f.tallies.map((t) => t.workflow)).size} processes on ${f.tallies.length} paths, openings over 48 simulated weeks, ${f.weeks} weeks with their sweeps and outbox runs):`,
    ...f.tallies.map((t) => `  ${t.workflow.padEnd(18)} ${String(t.ended).padStart(5)}/${String(t.planned).padEnd(5)} at their end   ${t.path}`),
    `  replayed in ${s(f.seconds)} s (${s((f.weeks * 7 * 24 * 3600) / f.seconds, 0)}× real speed)   ${i(f.commands)} commands (${s(f.commands / f.cases)} per case), ${i(f.reads)} reads (${i(f.refreshes)} reloads after the server moved a case), ${s(f.commands / f.seconds)} commands/s   ${f.sweeps} sweeps fired ${i(f.timersFired)} timers`,
    `  server CPU ${s(f.serverCpuSeconds)} s (${s((f.serverCpuSeconds * 1000) / f.commands, 2)} ms per command, sweeps and outbox included)   busiest week ${s(f.peakWeekCpuSeconds)} s`,
    `  RSS of PocketBase ${s(f.rssBeforeMb, 0)} MB before, peak ${s(f.peakRssMb, 0)} MB   database grew ${s(f.databaseMb)} MB for ${i(f.allCases)} cases (the shipped schedules' ${i(Math.max(0, f.allCases - f.cases))} included) → ${s((f.databaseMb * 100_000) / Math.max(1, f.allCases), 0)} MB per 100,000 cases (under-counted by ≤ ${s(f.walBeforeMb)} MB, the WAL at the start)`,
    `  headroom at half of ${cores} cores: a full county's year ≈ ${s(cpuPerCounty / 3600, 2)} CPU hours → ≈ ${s(byYear, 0)} counties by the yearly CPU; the busiest week in 40 working hours → ≈ ${s(byPeak, 0)} counties by the peak`,
    `  no error: ${f.errors === 0 ? 'met' : `FAILED (${f.errors})`}   every case at its end: ${ended === f.cases ? 'met' : `FAILED (${i(ended)} of ${i(f.cases)})`}   load average ${s(f.loadAverage)} on ${cores} cores`,
    ...f.errorSamples.map((e) => `    ${e}`),
  ].join('\n');
}

/** The `--scale` option (or a bare number) of the command line; 1 when absent. */
export function scaleArgument(argv: readonly string[]): number {
  const i = argv.indexOf('--scale');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => /^\d*\.?\d+$/.test(a));
  const n = Number(raw ?? 1);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  benchYear({ scale: scaleArgument(process.argv.slice(2)), progress: true }).then((f) => console.log(formatYear(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
