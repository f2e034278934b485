/**
 * Two server builds side by side in one run: `npx tsx test/bench/compareBuilds.ts <baseline> [scale] [rounds]`,
 * where `<baseline>` is another checkout of the project (for instance the previous commit, exported
 * with `git archive`, with a `node_modules` link). Both servers boot at once (each builds its own
 * hook bundle); every load then runs on one and on the other in turn, the order swapped each round,
 * so the machine's load falls on both alike. Prints each load's figures and the ratio, current ÷
 * baseline. `<baseline>` may also be `NAME=value`: this checkout, its baseline server run with that
 * environment (a launch setting such as `GOGC=100` compared alone). `scale` multiplies the request counts (1 for a quick check; 5 or more for figures).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestServer } from '../support/pocketbase.js';
import { dibaoAcceptLoad, dibaoCasesToAccept, figuresOf, floorLoad, lockHolds, prepareTarget, threeLevelLoad, type BenchTarget, type LoadFigures, type LoadSamples } from './commandLoads.js';
import { benchServerEnv } from './endToEnd.js';
import { cpuSeconds } from './bulkStart.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

async function boot(root: string, env: Record<string, string> = {}): Promise<TestServer> {
  const harness = (await import(pathToFileURL(path.join(root, 'test/support/pocketbase.ts')).href)) as typeof import('../support/pocketbase.js');
  // No background work: a server's first timer sweep starts the shipped schedules' cases and bulk
  // runs (seconds of CPU), and with the two builds booted one after the other it fell inside the
  // later one's timed loads — the current build's floor measured 2× the CPU of the same code.
  return harness.startPocketBase({ demoCases: false, env: { ...benchServerEnv, TONGBAN_NO_BACKGROUND: '1', ...env } });
}

interface Load {
  name: string;
  clients: number;
  /** Prepares (untimed) and runs the timed part on one target. */
  run(t: BenchTarget): Promise<LoadSamples>;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const baselineArg = process.argv[2] ?? '';
  if (!baselineArg) throw new Error('usage: npx tsx test/bench/compareBuilds.ts <baseline checkout | NAME=value> [scale] [rounds] [load,…]');
  // `NAME=value`: this checkout as baseline, its server run with that environment (e.g. GOGC=100).
  const baselineEnv = /^[A-Z_][A-Z0-9_]*=/.test(baselineArg) ? Object.fromEntries([[baselineArg.slice(0, baselineArg.indexOf('=')), baselineArg.slice(baselineArg.indexOf('=') + 1)]]) : undefined;
  const baselineRoot = baselineEnv ? projectRoot : path.resolve(baselineArg);
  const scale = Number(process.argv[3] ?? 1);
  const rounds = Number(process.argv[4] ?? 3);
  // Optional: only the loads whose name starts with one of these (`3-level,floor` leaves out 低保, whose preparing is slow).
  const only = process.argv[5]?.split(',');
  const progress = (what: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${what}\n`);
  progress('booting both builds');
  const servers = { baseline: await boot(baselineRoot, baselineEnv), current: await boot(projectRoot) };
  try {
    const targets = { baseline: await prepareTarget(servers.baseline.url, servers.baseline.booted.admin), current: await prepareTarget(servers.current.url, servers.current.booted.admin) };
    const dibao = (clients: number, cases: number): Load => ({ name: '低保 受理', clients, run: async (t) => dibaoAcceptLoad(t, clients, await dibaoCasesToAccept(t, cases)) });
    const allLoads: Load[] = [
      { name: '3-level flow', clients: 1, run: (t) => threeLevelLoad(t, 1, 5 * scale) },
      { name: '3-level flow', clients: 16, run: (t) => threeLevelLoad(t, 16, 2 * scale) },
      // One client: the write lock as a command holds it with nobody else on the machine's cores.
      dibao(1, 12 * scale),
      dibao(16, 48 * scale),
      dibao(32, 64 * scale),
      { name: 'floor: no-op', clients: 16, run: (t) => floorLoad(t, 'noop', 16, 25 * scale) },
      { name: 'floor: write tx', clients: 16, run: (t) => floorLoad(t, 'write', 16, 25 * scale) },
    ];
    const loads = allLoads.filter((l) => !only || only.some((o) => l.name.startsWith(o)));
    // Warm-up: every VM of both pools loads its bundle and compiles the processes.
    progress('warming up');
    for (const t of [targets.baseline, targets.current]) {
      await threeLevelLoad(t, 16, 1);
      if (loads.some((l) => l.name.startsWith('低保'))) await dibaoAcceptLoad(t, 16, await dibaoCasesToAccept(t, 16));
      await lockHolds(t);
    }
    const runs = loads.map(() => ({ baseline: [] as LoadSamples[], current: [] as LoadSamples[] }));
    type Holds = Record<string, { count: number; meanMs: number; p50Ms: number; p99Ms: number }>;
    const holds = loads.map(() => ({ baseline: [] as Holds[], current: [] as Holds[] }));
    // Server CPU (user + system, from /proc) per timed request, its untimed preparing included: the load of the machine does not inflate it.
    const cpu = loads.map(() => ({ baseline: { seconds: 0, requests: 0 }, current: { seconds: 0, requests: 0 } }));
    for (let round = 0; round < rounds; round++) {
      for (const [i, load] of loads.entries()) {
        const order = round % 2 === 0 ? (['baseline', 'current'] as const) : (['current', 'baseline'] as const);
        for (const which of order) {
          progress(`round ${round + 1}: ${load.name}, ${load.clients} clients, ${which}`);
          try {
            const cpu0 = cpuSeconds(servers[which].booted.server.child.pid);
            const samples = await load.run(targets[which]);
            cpu[i]![which].seconds += cpuSeconds(servers[which].booted.server.child.pid) - cpu0;
            cpu[i]![which].requests += samples.samples.length;
            runs[i]![which].push(samples);
          } catch (e) {
            // A load the baseline build has no route for (the floor routes are newer than some builds).
            if (round === 0) console.log(`  ${which}: ${load.name} not run (${(e as Error).message})`);
          }
          // The write lock holds of this load (the preparing commands of 低保 included).
          holds[i]![which].push(await lockHolds(targets[which]));
        }
      }
    }
    console.log(`Two builds side by side (${rounds} rounds, interleaved, scale ${scale}); baseline ${baselineEnv ? `this checkout with ${baselineArg}` : baselineRoot}, current ${projectRoot}:`);
    console.log('  load                       clients | baseline /s   p50     p99    | current /s   p50     p99    | throughput × | p99 ×');
    const cell = (f: LoadFigures | undefined) => (f ? `${fmt(f.commandsPerSecond, 0).padStart(7)} ${fmt(f.p50Ms, 1).padStart(7)} ${fmt(f.p99Ms, 1).padStart(7)}` : '      —       —       —');
    for (const [i, load] of loads.entries()) {
      const b = runs[i]!.baseline.length ? figuresOf(load.clients, runs[i]!.baseline) : undefined;
      const c = runs[i]!.current.length ? figuresOf(load.clients, runs[i]!.current) : undefined;
      const ratio = b && c ? `${fmt(c.commandsPerSecond / b.commandsPerSecond, 2).padStart(11)}× | ${fmt(c.p99Ms / b.p99Ms, 2)}×` : '          — | —';
      console.log(`  ${load.name.padEnd(26)} ${String(load.clients).padStart(7)} | ${cell(b)}    | ${cell(c)}   | ${ratio}`);
    }
    for (const [i, load] of loads.entries()) {
      const perRequest = (which: 'baseline' | 'current') => (cpu[i]![which].seconds * 1000) / cpu[i]![which].requests;
      if (cpu[i]!.baseline.requests && cpu[i]!.current.requests) {
        console.log(`  server CPU per request (${load.name}, ${load.clients} clients, preparing included): baseline ${fmt(perRequest('baseline'), 2)} ms, current ${fmt(perRequest('current'), 2)} ms, ${fmt(perRequest('current') / perRequest('baseline'), 2)}×`);
      }
    }
    for (const [i, load] of loads.entries()) {
      for (const which of ['baseline', 'current'] as const) {
        const labels = new Set(holds[i]![which].flatMap((h) => Object.keys(h)));
        for (const label of labels) {
          const list = holds[i]![which].map((h) => h[label]).filter((h) => h !== undefined);
          const count = list.reduce((s, h) => s + h.count, 0);
          const mean = list.reduce((s, h) => s + h.meanMs * h.count, 0) / count;
          console.log(`  ${which}: write lock held per ${label} (${load.name}, ${load.clients} clients): mean ${fmt(mean, 2)} ms, p50 by round ${list.map((h) => fmt(h.p50Ms, 2)).join(' / ')} ms, p99 by round ${list.map((h) => fmt(h.p99Ms, 2)).join(' / ')} ms, over ${count}`);
        }
      }
    }
  } finally {
    await Promise.all([servers.baseline.dispose(), servers.current.dispose()]);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
