/**
 * Timing how long commands hold SQLite's write lock, in bench mode only (PocketBase started with
 * `TONGBAN_BENCH=1`; benchMode.ts answers the figures). Outside bench mode a command's transaction
 * runs exactly as `app.runInTransaction` runs it.
 */
import { getenv, randomString, type PbApp } from './pocketbase.js';

declare const $app: { store(): { set(key: string, value: unknown): void } };
declare const DateTime: new () => { time(): { unixNano(): number } };

let enabled: boolean | undefined;

/** Whether this server process runs in bench mode. */
export function benchModeEnabled(): boolean {
  enabled ??= getenv('TONGBAN_BENCH') === '1';
  return enabled;
}

/** The prefix of the app store's keys holding one lock-hold sample each. */
export const holdPrefix = 'tongban.bench.hold.';

/** Microseconds since an arbitrary origin, from Go's clock (goja's `Date` counts whole milliseconds). */
function micros(): number {
  return new DateTime().time().unixNano() / 1000;
}

/**
 * Runs `fn` in a write transaction, as `app.runInTransaction` does; in bench mode it also records
 * how long the lock was held (from the transaction's first statement to its commit), under `label`.
 */
export function inWriteTransaction(app: PbApp, label: string, fn: (tx: PbApp) => void): void {
  if (!benchModeEnabled()) {
    app.runInTransaction(fn);
    return;
  }
  let started = 0;
  app.runInTransaction((tx) => {
    started = micros();
    fn(tx);
  });
  // One key per sample: concurrent requests never overwrite each other's figures.
  $app.store().set(`${holdPrefix}${label}.${randomString(16)}`, micros() - started);
}

