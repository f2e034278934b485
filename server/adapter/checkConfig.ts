/**
 * How external checks (信息核对) are reached, from the server's environment (README.md): the
 * province's check system's URL (`TONGBAN_CHECK_URL`; without one the local simulator answers), the
 * shared secret reports are signed with (`TONGBAN_CHECK_SECRET`; without one a random secret is made
 * once and kept in `server_state`, so the demo's simulator signs with it), and how far a report's
 * timestamp may be from the server's clock.
 */
import { getenv, newRecord, randomString, type PbApp } from './pocketbase.js';

/** The configuration of external checks. */
export interface CheckConfig {
  /** The check system's endpoint (JSON POST of each request); '' sends every request to the simulator. */
  url: string;
  /** The HMAC-SHA256 secret callbacks are signed with (and requests, for the check system to verify). */
  secret: string;
  /** Seconds a report's timestamp may differ from the server's clock. */
  toleranceSeconds: number;
}

/** The longest a report's timestamp may be away from the server's clock (a replay window). */
export const defaultToleranceSeconds = 300;

/** The secret kept in `server_state` when the environment names none (made on first use). */
function storedSecret(app: PbApp): string {
  try {
    return app.findFirstRecordByFilter('server_state', 'key = "check_secret"').getString('value');
  } catch {
    const r = newRecord(app, 'server_state');
    r.set('key', 'check_secret');
    r.set('value', randomString(48));
    app.save(r);
    return r.getString('value');
  }
}

/** Reads the configuration. */
export function checkConfig(app: PbApp): CheckConfig {
  const secret = getenv('TONGBAN_CHECK_SECRET').trim();
  return { url: getenv('TONGBAN_CHECK_URL').trim(), secret: secret || storedSecret(app), toleranceSeconds: defaultToleranceSeconds };
}
