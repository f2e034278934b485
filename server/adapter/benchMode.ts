/**
 * Bench mode: only when PocketBase was started with `TONGBAN_BENCH=1` (test/bench does, nothing
 * else does; without it these routes answer 404). It adds the floor routes `npm run bench` compares
 * commands with — an authenticated no-op, and a bare write transaction, through the same router,
 * trust middleware, auth and hook bundle as a command — and times how long commands hold SQLite's
 * write lock.
 */
import { notFound } from './httpError.js';
import type { PbApp } from './pocketbase.js';
import { latestPublished } from './workflowCache.js';
import { executeSql, newRecordId } from './sqlRows.js';
import type { RouteAnswer } from './routeAnswer.js';
import { benchModeEnabled, holdPrefix, piecesPrefix } from './writeLockTiming.js';

declare const $app: { store(): { get(key: string): unknown; set(key: string, value: unknown): void; remove(key: string): void; getAll(): Record<string, unknown> } };

function refuseOutsideBench(): void {
  if (!benchModeEnabled()) throw notFound('Not found.');
}

/** `GET /api/tongban/bench/noop`: the least an authenticated route of the bundle costs. */
export function benchNoop(): RouteAnswer {
  refuseOutsideBench();
  return { status: 200, body: { ok: true } };
}

/** `POST /api/tongban/bench/write`: one write transaction with one tiny prepared write (a row of `server_state`). */
export function benchWrite(app: PbApp): RouteAnswer {
  refuseOutsideBench();
  app.runInTransaction((tx) => {
    executeSql(tx, 'INSERT INTO server_state (id, key, value) VALUES ({:id}, {:key}, {:value}) ON CONFLICT(key) DO UPDATE SET value = excluded.value', { id: newRecordId(), key: 'bench.write', value: String(Date.now()) });
  });
  return { status: 200, body: { ok: true } };
}

/** Lock hold figures of one label, in milliseconds. */
export interface LockHoldFigures {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** `POST /api/tongban/bench/lock`: the lock hold figures recorded since the last call, by label; forgets them. */
export function benchLockHolds(): RouteAnswer {
  refuseOutsideBench();
  const store = $app.store();
  const all = store.getAll();
  const byLabel = new Map<string, number[]>();
  const add = (label: string, micros: number) => {
    const list = byLabel.get(label) ?? [];
    list.push(micros / 1000);
    byLabel.set(label, list);
  };
  for (const key of Object.keys(all)) {
    if (key.startsWith(holdPrefix)) add(key.slice(holdPrefix.length, key.lastIndexOf('.')), Number(all[key]));
    else if (key.startsWith(piecesPrefix)) {
      // One hold's pieces, answered as `<label>/<piece>` (writeLockTiming.ts).
      const label = key.slice(piecesPrefix.length, key.lastIndexOf('.'));
      for (const [piece, micros] of Object.entries(JSON.parse(String(all[key])) as Record<string, number>)) add(`${label}/${piece}`, micros);
    } else continue;
    store.remove(key);
  }
  const body: Record<string, LockHoldFigures> = {};
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a - b);
    const at = (p: number) => list[Math.min(list.length - 1, Math.floor(list.length * p))]!;
    body[label] = { count: list.length, meanMs: list.reduce((s, x) => s + x, 0) / list.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: list[list.length - 1]! };
  }
  return { status: 200, body };
}

/**
 * `GET /api/tongban/bench/validators/{key}` (superusers): whether the newest published national
 * version of a process validates its form with the validator precompiled into the hook bundle
 * (`precompiled: true`) or one compiled in the VM (a form the bundle does not carry).
 */
export function benchValidatorSource(app: PbApp, key: string): RouteAnswer {
  refuseOutsideBench();
  const wf = latestPublished(app, key);
  if (!wf) throw notFound('没有这个流程。');
  return { status: 200, body: { key, version: wf.definition.version, form: wf.formSchema !== null, precompiled: wf.precompiledValidator } };
}
