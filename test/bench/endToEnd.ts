/**
 * End-to-end benchmark: commands through the real server (HTTP → auth → rules → validate →
 * decide → commit) — the 3-level bench flow at 1 and 16 clients, 低保's 受理 at 16 and 32 — beside
 * the floor of the same server (an authenticated no-op route, a bare write transaction, 16 clients)
 * and how long commands held the write lock.
 */
import { startPocketBase } from '../support/pocketbase.js';
import { dibaoAcceptLoad, dibaoCasesToAccept, figuresOf, floorLoad, lockHolds, prepareTarget, threeLevelLoad, type LoadFigures } from './commandLoads.js';

export type { LoadFigures } from './commandLoads.js';

/** Every figure of one end-to-end run. */
export interface EndToEndFigures {
  threeLevel: LoadFigures[];
  dibaoAccept: LoadFigures[];
  floor: { noop: LoadFigures; write: LoadFigures };
  /** Write lock held per command (16-client 3-level load), milliseconds. */
  lockHold: Record<string, { count: number; meanMs: number; p50Ms: number; p99Ms: number; maxMs: number }>;
}

/** Environment of a bench server: bench mode (floor routes, lock timing). */
/**
 * Bench mode; with `TONGBAN_BENCH_PIECES=1` in the bench's own environment, the write lock's holds
 * are also timed piece by piece (server/adapter/writeLockTiming.ts; the marks cost each hold ≈ 0.1 ms).
 */
export const benchServerEnv: Record<string, string> = { TONGBAN_BENCH: '1', ...(process.env.TONGBAN_BENCH_PIECES === '1' ? { TONGBAN_BENCH_PIECES: '1' } : {}) };

/**
 * Runs the loads against a fresh server: `threeLevel` levels of `casesPerClient` cases (4 commands
 * each), 低保 受理 at each of `dibaoClients` with `dibaoCases` cases, the floor at 16 clients.
 */
export async function benchEndToEnd(options: { threeLevel: { clients: number; casesPerClient: number }[]; dibaoClients: number[]; dibaoCases: number; floorRequestsPerClient: number }): Promise<EndToEndFigures> {
  const server = await startPocketBase({ demoCases: false, env: benchServerEnv });
  try {
    const target = await prepareTarget(server.url, server.booted.admin);
    // Warm-up: every VM of the pool loads the bundle and compiles the processes once.
    await threeLevelLoad(target, 16, 2);
    await dibaoAcceptLoad(target, 16, await dibaoCasesToAccept(target, 32));
    await lockHolds(target);
    const threeLevel: LoadFigures[] = [];
    let lockHold: EndToEndFigures['lockHold'] = {};
    for (const level of options.threeLevel) {
      threeLevel.push(figuresOf(level.clients, [await threeLevelLoad(target, level.clients, level.casesPerClient)]));
      lockHold = await lockHolds(target);
    }
    const dibaoAccept: LoadFigures[] = [];
    for (const clients of options.dibaoClients) {
      const cases = await dibaoCasesToAccept(target, options.dibaoCases);
      dibaoAccept.push(figuresOf(clients, [await dibaoAcceptLoad(target, clients, cases)]));
    }
    const noop = figuresOf(16, [await floorLoad(target, 'noop', 16, options.floorRequestsPerClient)]);
    const write = figuresOf(16, [await floorLoad(target, 'write', 16, options.floorRequestsPerClient)]);
    return { threeLevel, dibaoAccept, floor: { noop, write }, lockHold };
  } finally {
    await server.dispose();
  }
}
