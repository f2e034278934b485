/**
 * Commands sent while background work runs, to see whether it starves them: each client sends the
 * 复核's `save` (暂存) on cases of its own, one after another, and the latencies are kept per phase
 * (before the background work, during it).
 */
import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';

/** Latencies of commands in one phase. */
export interface CommandPhase {
  commands: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The p-th percentile (0–100) of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Summarises latencies (ms). */
export function phaseOf(latencies: readonly number[], errors: number): CommandPhase {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { commands: sorted.length, errors, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? Number.NaN };
}

/** A running command load; `phase(name)` starts a new phase, `stop()` ends it and answers every phase. */
export interface CommandLoad {
  phase(name: string): void;
  stop(): Promise<Record<string, CommandPhase>>;
}

const names = ['赵村干', '钱社工', '孙主任', '李专干'];

/** Starts `clients` clients, each sending `save` with a small change on its own cases, round robin. */
export function startCommandLoad(officer: PocketBase, cases: readonly { id: string; version: number }[], clients: number): CommandLoad {
  let current = 'idle';
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  let running = true;
  const owned = Array.from({ length: clients }, (_, c) => cases.filter((_, i) => i % clients === c).map((x) => ({ ...x })));
  const loops = owned.map(async (mine, c) => {
    for (let n = 0; running && mine.length > 0; n++) {
      const target = mine[n % mine.length]!;
      const phase = current;
      const t0 = performance.now();
      try {
        const answer = await officer.send<{ case: { version: number } }>(`/api/tongban/cases/${target.id}/commands`, {
          method: 'POST',
          body: { action: 'save', version: target.version, commandId: randomUUID(), data: { review: { method: '入户调查', nextCycle: '年度', investigators: [names[(c + n) % names.length]!] } } },
        });
        target.version = answer.case.version;
        (latencies.get(phase) ?? latencies.set(phase, []).get(phase)!).push(performance.now() - t0);
      } catch (e) {
        errors.set(phase, (errors.get(phase) ?? 0) + 1);
        if (process.env.BENCH_DEBUG && (errors.get(phase) ?? 0) < 3) console.error(e instanceof ClientResponseError ? JSON.stringify(e.response) : e);
        if (e instanceof ClientResponseError && e.status === 409) {
          const fresh = await officer.send<{ case: { version: number } }>(`/api/tongban/cases/${target.id}`, {});
          target.version = fresh.case.version;
        } else if (!(e instanceof ClientResponseError)) throw e;
      }
    }
  });
  return {
    phase(name) {
      current = name;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      const out: Record<string, CommandPhase> = {};
      for (const name of new Set([...latencies.keys(), ...errors.keys()])) out[name] = phaseOf(latencies.get(name) ?? [], errors.get(name) ?? 0);
      return out;
    },
  };
}
