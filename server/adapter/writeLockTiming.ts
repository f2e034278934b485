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

/** The prefix of the app store's keys holding the pieces of one hold each (a JSON object, microseconds by piece). */
export const piecesPrefix = 'tongban.bench.pieces.';

let piecesOn: boolean | undefined;

/** Whether holds are also timed piece by piece: bench mode with `TONGBAN_BENCH_PIECES=1` (the marks cost the hold ≈ 0.1 ms). */
function piecesEnabled(): boolean {
  piecesOn ??= benchModeEnabled() && getenv('TONGBAN_BENCH_PIECES') === '1';
  return piecesOn;
}

/** Microseconds since an arbitrary origin, from Go's clock (goja's `Date` counts whole milliseconds). */
function micros(): number {
  return new DateTime().time().unixNano() / 1000;
}

/** The hold being timed in this VM (bench mode, inside {@link inWriteTransaction}): its pieces so far. */
let timed: { last: number; pieces: Map<string, number> } | undefined;

/**
 * With pieces timed (bench mode and `TONGBAN_BENCH_PIECES=1`), inside a timed write transaction:
 * the time since the hold began or since the last mark counts as `piece`'s (summed when a piece is
 * marked more than once). The bench answers each piece beside the whole hold, as
 * `<label>/<piece>`, with `<label>/commit` from the last mark to the commit. A no-op otherwise, so
 * the holds a plain bench run times carry no marks.
 */
export function markLockPiece(piece: string): void {
  if (!timed) return;
  const at = micros();
  timed.pieces.set(piece, (timed.pieces.get(piece) ?? 0) + at - timed.last);
  timed.last = at;
}

/**
 * Runs `fn` in a write transaction, as `app.runInTransaction` does; in bench mode it also records
 * how long the lock was held (from the transaction's first statement to its commit), under `label`,
 * and the pieces {@link markLockPiece} marked.
 */
export function inWriteTransaction(app: PbApp, label: string, fn: (tx: PbApp) => void): void {
  if (!benchModeEnabled()) {
    app.runInTransaction(fn);
    return;
  }
  let started = 0;
  let completed = false;
  try {
    app.runInTransaction((tx) => {
      started = micros();
      timed = piecesEnabled() ? { last: started, pieces: new Map() } : undefined;
      fn(tx);
      completed = true;
    });
  } finally {
    const pieces = timed;
    timed = undefined;
    const ended = micros();
    // A hold that rolled back is not a sample. One key per sample: concurrent requests never overwrite each other's figures.
    if (completed) {
      const store = $app.store();
      store.set(`${holdPrefix}${label}.${randomString(16)}`, ended - started);
      if (pieces && pieces.pieces.size > 0) {
        pieces.pieces.set('commit', ended - pieces.last);
        store.set(`${piecesPrefix}${label}.${randomString(16)}`, JSON.stringify(Object.fromEntries(pieces.pieces)));
      }
    }
  }
}

