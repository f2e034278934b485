/**
 * What a cold JS VM costs: `npx tsx test/bench/coldVm.ts [baseline checkout | NAME=value] [burst clients]`.
 * Boots each build alone (the baseline first, when given; `NAME=value` is this checkout run with that
 * environment, e.g. `TONGBAN_HOOKS_POOL=48`) and prints: the boot time (harness call
 * to ready, shipped processes published), PocketBase's resident memory after boot, the first 低保
 * request after boot (opening a case: the route runs in a VM that has not loaded the hook bundle or
 * compiled 低保 yet) beside the second one (warm), each with the server CPU it took; then a burst
 * of `burst clients` (default 32) opening a 低保 case each at once — most land on cold VMs — with
 * the server CPU per request and the memory after it. Server CPU comes from /proc, so a loaded
 * machine inflates the wall times more than the CPU figures.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoHousehold } from '../../server/demo/loadDemoCases.js';
import type { TestServer } from '../support/pocketbase.js';
import { cpuSeconds } from './bulkStart.js';
import { benchServerEnv } from './endToEnd.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Resident memory of a process (MB), from /proc. */
function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** One build's figures. */
export interface ColdVmFigures {
  bootMs: number;
  rssAfterBootMb: number;
  first: { ms: number; cpuMs: number };
  second: { ms: number; cpuMs: number };
  burst: { clients: number; wallMs: number; cpuMsPerRequest: number; rssAfterMb: number };
  /** The same burst again: VMs the pool kept are warm now, one-off VMs beyond the pool are cold again. */
  again: { clients: number; wallMs: number; cpuMsPerRequest: number; rssAfterMb: number };
}

async function openDibao(url: string, token: string): Promise<void> {
  const res = await fetch(`${url}/api/tongban/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ workflow: 'dibao', commandId: randomUUID(), data: demoHousehold }) });
  if (!res.ok) throw new Error(`open 低保 → ${res.status} ${await res.text()}`);
}

/** Boots the build at `root` and measures it; the server is stopped after. */
export async function coldVmFigures(root: string, burstClients = 32, env: Record<string, string> = {}): Promise<ColdVmFigures> {
  const harness = (await import(pathToFileURL(path.join(root, 'test/support/pocketbase.ts')).href)) as typeof import('../support/pocketbase.js');
  const t0 = performance.now();
  const server: TestServer = await harness.startPocketBase({ demoCases: false, env: { ...benchServerEnv, ...env } });
  const bootMs = performance.now() - t0;
  try {
    const pid = server.booted.server.child.pid;
    // Let the first sweep and the boot's own work settle.
    await new Promise((r) => setTimeout(r, 2000));
    const rssAfterBootMb = rssMb(pid);
    const token = (await server.booted.admin.impersonate('applicant-a1@demo.tongban', 3600)).authToken;
    const timed = async () => {
      const c0 = cpuSeconds(pid);
      const s = performance.now();
      await openDibao(server.url, token);
      return { ms: performance.now() - s, cpuMs: (cpuSeconds(pid) - c0) * 1000 };
    };
    const first = await timed();
    const second = await timed();
    const burstOnce = async () => {
      const c0 = cpuSeconds(pid);
      const s = performance.now();
      await Promise.all(Array.from({ length: burstClients }, () => openDibao(server.url, token)));
      return { clients: burstClients, wallMs: performance.now() - s, cpuMsPerRequest: ((cpuSeconds(pid) - c0) * 1000) / burstClients, rssAfterMb: rssMb(pid) };
    };
    const burst = await burstOnce();
    const again = await burstOnce();
    return { bootMs, rssAfterBootMb, first, second, burst, again };
  } finally {
    await server.dispose();
  }
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function print(name: string, f: ColdVmFigures): void {
  console.log(`  ${name}: boot ${fmt(f.bootMs)} ms, RSS after boot ${fmt(f.rssAfterBootMb)} MB`);
  console.log(`    first 低保 request (cold VM) ${fmt(f.first.ms)} ms, server CPU ${fmt(f.first.cpuMs)} ms; second (warm) ${fmt(f.second.ms)} ms, CPU ${fmt(f.second.cpuMs)} ms`);
  for (const [what, b] of [['burst', f.burst], ['again', f.again]] as const) console.log(`    ${what} of ${b.clients} at once: ${fmt(b.wallMs)} ms, server CPU ${fmt(b.cpuMsPerRequest)} ms a request, RSS after ${fmt(b.rssAfterMb)} MB`);
}

async function main(): Promise<void> {
  const arg = process.argv[2] && !/^\d+$/.test(process.argv[2]) ? process.argv[2] : undefined;
  const burst = Number(process.argv[arg ? 3 : 2] ?? 32) || 32;
  console.log('Cold JS VMs (each build booted alone):');
  if (arg && /^[A-Z_][A-Z0-9_]*=/.test(arg)) print(`baseline: this checkout with ${arg}`, await coldVmFigures(projectRoot, burst, { [arg.slice(0, arg.indexOf('='))]: arg.slice(arg.indexOf('=') + 1) }));
  else if (arg) print(`baseline ${path.resolve(arg)}`, await coldVmFigures(path.resolve(arg), burst));
  print(`current ${projectRoot}`, await coldVmFigures(projectRoot, burst));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
