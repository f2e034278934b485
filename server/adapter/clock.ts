/**
 * The server's notion of now: real time, or — only when PocketBase was started with
 * `TONGBAN_TEST_CLOCK=1` — a simulated time stored in `server_state` so it survives restarts.
 */
import { getenv, newRecord, type PbApp } from './pocketbase.js';

/** Whether the simulated clock is enabled for this server process. */
export const simulatedClockEnabled = (): boolean => getenv('TONGBAN_TEST_CLOCK') === '1';

/** The current instant. */
export function now(app: PbApp): Date {
  if (!simulatedClockEnabled()) return new Date();
  try {
    const record = app.findFirstRecordByFilter('server_state', 'key = "clock"');
    const stored = new Date(record.getString('value'));
    return Number.isNaN(stored.getTime()) ? new Date() : stored;
  } catch {
    return new Date();
  }
}

/** Sets the simulated time (tests only). */
export function setSimulatedNow(app: PbApp, instant: Date): void {
  let record;
  try {
    record = app.findFirstRecordByFilter('server_state', 'key = "clock"');
  } catch {
    record = newRecord(app, 'server_state');
    record.set('key', 'clock');
  }
  record.set('value', instant.toISOString());
  app.save(record);
}
