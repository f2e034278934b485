/**
 * A county's year, replayed through the real server at many times real speed (a first cut): the
 * shipped 低保 复核 (dibao-review) started one request each for the county's 在保 households, spread
 * over twelve simulated months, and the township's 暂存 commands on every open case, about 15
 * commands per case (within two weeks of the start, before the deadline); each simulated week the clock moves on, the sweep fires the reminders and
 * overdue escalations that fell due, and the outbox sends their notices. Measured: errors (any
 * refused request), the PocketBase process's CPU and peak RSS, the database size per 100,000 cases,
 * and from the CPU the headroom — how many such counties one instance could serve.
 * `--scale 0.1` (or the first argument) runs a tenth of the volume; the figures say which scale ran.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { ClientResponseError } from 'pocketbase';
import { cpuSeconds } from './bulkStart.js';
import { startPocketBase } from '../support/pocketbase.js';
import { addVillages, seedInCareHouseholds } from '../support/reviewHouseholds.js';

/** What the year's replay measured. */
export interface YearFigures {
  scale: number;
  cases: number;
  commands: number;
  sweeps: number;
  timersFired: number;
  errors: number;
  seconds: number;
  serverCpuSeconds: number;
  /** RSS when the replay began (the server booted, the households seeded) and its peak during the replay. */
  rssBeforeMb: number;
  peakRssMb: number;
  /** What the year added to data.db (pages not yet checkpointed from the WAL excluded: small runs under-count). */
  databaseMb: number;
  loadAverage: number;
}

const china = (local: string) => new Date(`${local}+08:00`);
const day = 24 * 60 * 60 * 1000;

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

/** Bytes of a file, 0 when it is missing. */
const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Replays `scale` × (20,000 cases, ≈ 300,000 commands) with `clients` concurrent clients. */
export async function benchYear(scale = 1, clients = 8): Promise<YearFigures> {
  const cases = Math.max(24, Math.round(20_000 * scale));
  const commandsPerCase = 14; // + the start = 15
  const server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_NO_BACKGROUND: '1' } });
  const pid = server.booted.server.child.pid;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 1000);
  try {
    const su = await server.superuser();
    const villages = await addVillages(su, '320685102', 20, (i) => `曲塘镇第${i + 1}村`);
    await seedInCareHouseholds(su, villages, Math.ceil(cases / villages.length));
    const households = (await su.collection('subjects').getFullList({ filter: `township = "${villages[0]!.township}" && facts.dibao.status = "在保"`, fields: 'id', batch: 1000 })).map((h) => h.id).slice(0, cases);
    let clock = china('2026-01-05T09:00:00');
    await server.setClock(clock);
    await su.send('/api/tongban/admin/sweep', { method: 'POST' }); // the shipped schedules open their periods

    const officer = await server.login('township-a');
    let errors = 0;
    let commands = 0;
    let sweeps = 0;
    let timersFired = 0;
    const open: { id: string; version: number; left: number }[] = [];
    const names = ['赵村干', '钱社工', '孙主任', '李专干'];
    const send = async <T>(url: string, body: Record<string, unknown>): Promise<T | undefined> => {
      commands++;
      try {
        return await officer.send<T>(url, { method: 'POST', body });
      } catch (e) {
        if (!(e instanceof ClientResponseError)) throw e;
        errors++;
        return undefined;
      }
    };
    // data.db alone: the WAL file keeps its largest size between checkpoints, so it says little about the data.
    const dbSize = () => sizeOf(path.join(server.dataDir, 'data.db')) / 1024 / 1024;
    const database0 = dbSize();
    const rss0 = rssMb(pid);
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const weeks = 52;
    let started = 0;
    for (let week = 0; week < weeks; week++) {
      // This week's starts, and this week's share of the commands on the open cases.
      const starting = households.slice(started, Math.round(((week + 1) * households.length) / weeks));
      started += starting.length;
      const work: (() => Promise<void>)[] = starting.map((subject) => async () => {
        const answer = await send<{ case: { id: string; version: number } }>('/api/tongban/cases', { workflow: 'dibao-review', commandId: randomUUID(), subject });
        if (answer) open.push({ id: answer.case.id, version: answer.case.version, left: commandsPerCase });
      });
      for (const c of open) {
        const n = Math.min(c.left, 7);
        c.left -= n;
        work.push(async () => {
          for (let i = 0; i < n; i++) {
            const answer = await send<{ case: { version: number } }>(`/api/tongban/cases/${c.id}/commands`, { action: 'save', version: c.version, commandId: randomUUID(), data: { review: { method: '入户调查', nextCycle: '年度', investigators: [names[(commands + i) % names.length]!] } } });
            if (answer) c.version = answer.case.version;
          }
        });
      }
      let next = 0;
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = next++; i < work.length; i = next++) await work[i]!();
      }));
      for (let i = open.length - 1; i >= 0; i--) if (open[i]!.left === 0) open.splice(i, 1);
      // A week passes: timers that fell due fire, their notices leave.
      clock = new Date(clock.getTime() + 7 * day);
      await server.setClock(clock);
      for (;;) {
        sweeps++;
        const fired = (await su.send<{ fired: number }>('/api/tongban/admin/sweep', { method: 'POST' })).fired;
        timersFired += fired;
        if (fired === 0) break;
      }
      await su.send('/api/tongban/admin/outbox/send', { method: 'POST' });
    }
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuSeconds = cpuSeconds(pid) - cpu0;
    // The year's growth: the database after it less before it (the county, the processes, the households were there).
    const databaseMb = dbSize() - database0;
    return { scale, cases: started, commands, sweeps, timersFired, errors, seconds, serverCpuSeconds, rssBeforeMb: rss0, peakRssMb: peakRss, databaseMb, loadAverage: loadavg()[0]! };
  } finally {
    clearInterval(sampler);
    await server.dispose();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatYear(f: YearFigures): string {
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const year = 365 * 24 * 3600;
  // Headroom: the CPU a county's year costs (scaled to a full county) against half of the machine's cores over a year.
  const cpuPerCounty = f.serverCpuSeconds / f.scale;
  const counties = (availableParallelism() * year * 0.5) / cpuPerCounty;
  return [
    `A county's year through PocketBase (scale ${f.scale}: ${f.cases.toLocaleString('en-US')} dibao-review cases started one request each over 52 simulated weeks, ${f.commands.toLocaleString('en-US')} requests, weekly sweeps and outbox runs):`,
    `  replayed in ${s(f.seconds)} s (${s(year / f.seconds, 0)}× real speed)   errors ${f.errors}   ${f.sweeps} sweeps fired ${f.timersFired} timers`,
    `  server CPU ${s(f.serverCpuSeconds)} s (${s((f.serverCpuSeconds * 1000) / f.commands, 2)} ms per request)   RSS of PocketBase ${s(f.rssBeforeMb, 0)} MB before, peak ${s(f.peakRssMb, 0)} MB   database grew ${s(f.databaseMb)} MB → ${s((f.databaseMb * 100_000) / f.cases, 0)} MB per 100,000 cases (the seeded households excluded)`,
    `  headroom: a full county's year ≈ ${s(cpuPerCounty / 3600, 2)} CPU hours; at half of ${availableParallelism()} cores one instance serves ≈ ${s(counties, 0)} such counties by CPU (peaks, not the yearly mean, bound it sooner)`,
    `  no error: ${f.errors === 0 ? 'met' : 'FAILED'}; load average ${s(f.loadAverage)} on ${availableParallelism()} cores`,
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
  benchYear(scaleArgument(process.argv.slice(2))).then((f) => console.log(formatYear(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
