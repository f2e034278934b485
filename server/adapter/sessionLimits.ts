/**
 * Session lifetime: a token lives {@link idleTimeoutMs} (the users collection's token duration, so a
 * session left idle ends), and refreshing it yields a new one only until
 * {@link absoluteLifetimeMs} after the sign-in: no refresh extends a session past that, and each
 * token can be refreshed once (the session follows its newest token).
 */
import { HttpError } from './httpError.js';
import { newRecord, sha256, type PbApp, type PbRecord } from './pocketbase.js';

/** How long a token lives without refresh (must equal the users collection's token duration). */
export const idleTimeoutMs = 30 * 60_000;

/** How long a session lives from its sign-in, whatever its refreshes. */
export const absoluteLifetimeMs = 12 * 60 * 60_000;

/** The token of an `Authorization` header (with or without `Bearer`). */
export function tokenOf(header: string): string {
  return header.replace(/^Bearer\s+/i, '').trim();
}

/** Whether a session started at `startedAt` may get a new token at `at`: the token must end in time. */
export function mayRefresh(startedAt: Date, at: Date): boolean {
  return at.getTime() + idleTimeoutMs <= startedAt.getTime() + absoluteLifetimeMs;
}

const sessionExpired = () => new HttpError(401, 'session_expired', '登录已超过最长时限或已失效，请重新登录。');

/**
 * Starts a session for a token issued at sign-in; forgets the user's sessions that have ended. A
 * token is the same for the same user and second, so a session holding this very token starts anew.
 */
export function startSession(app: PbApp, userId: string, token: string, at: Date): PbRecord {
  const ended = new Date(at.getTime() - absoluteLifetimeMs).toISOString();
  for (const old of app.findRecordsByFilter('auth_sessions', 'user = {:user} && started_at < {:ended}', '', 100, 0, { user: userId, ended })) app.delete(old);
  const same = app.findRecordsByFilter('auth_sessions', 'token_hash = {:hash}', '', 1, 0, { hash: sha256(token) })[0];
  const record = same ?? newRecord(app, 'auth_sessions');
  record.set('user', userId);
  record.set('token_hash', sha256(token));
  record.set('started_at', at.toISOString());
  app.save(record);
  return record;
}

/** The session a refresh continues; 401 when the token has none or the session is too old. */
export function sessionToRefresh(app: PbApp, token: string, at: Date): PbRecord {
  let record: PbRecord;
  try {
    record = app.findFirstRecordByFilter('auth_sessions', 'token_hash = {:hash}', { hash: sha256(token) });
  } catch {
    throw sessionExpired();
  }
  if (!mayRefresh(new Date(record.getString('started_at')), at)) throw sessionExpired();
  return record;
}

/** Moves a session to its new token. */
export function continueSession(app: PbApp, session: PbRecord, token: string): void {
  session.set('token_hash', sha256(token));
  app.save(session);
}
