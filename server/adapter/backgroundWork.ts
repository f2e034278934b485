/**
 * Whether this server does background work (the timer sweep, the outbox sender). A server started
 * only to read a data folder — `tongban verify` — runs with `TONGBAN_NO_BACKGROUND=1`, so checking
 * history neither fires timers nor sends notifications.
 */
import { getenv } from './pocketbase.js';

/** False when the server was started with `TONGBAN_NO_BACKGROUND=1`. */
export function backgroundWorkOn(): boolean {
  return getenv('TONGBAN_NO_BACKGROUND') !== '1';
}
