/**
 * Per-account lockout after failed sign-ins, with backoff: after {@link lockoutPolicy.threshold}
 * failures in a row an account is locked for a minute, each further failure doubles the lock (up to
 * an hour). The lock belongs to the account, not to an address: guessing one account from many
 * addresses is stopped, and a guesser behind an office's shared address locks out nobody else.
 * Unknown accounts are counted alike, so a lock says nothing about whether an account exists.
 */
import { HttpError } from './httpError.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';

/** The lockout policy. */
export const lockoutPolicy = {
  /** Failures in a row before the first lock. */
  threshold: 5,
  /** The first lock. */
  firstLockMs: 60_000,
  /** The longest lock. */
  maxLockMs: 60 * 60_000,
  /** A run of failures is forgotten after this long without one. */
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

/** An account's failure record. */
export interface LockoutState {
  failures: number;
  lastFailureAt?: Date;
  lockedUntil?: Date;
}

/** The state after one more failure at `at`. */
export function afterFailure(state: LockoutState, at: Date): LockoutState {
  const stale = state.lastFailureAt && at.getTime() - state.lastFailureAt.getTime() > lockoutPolicy.forgetAfterMs;
  const failures = (stale ? 0 : state.failures) + 1;
  if (failures < lockoutPolicy.threshold) return { failures, lastFailureAt: at };
  const lockMs = Math.min(lockoutPolicy.maxLockMs, lockoutPolicy.firstLockMs * 2 ** (failures - lockoutPolicy.threshold));
  return { failures, lastFailureAt: at, lockedUntil: new Date(at.getTime() + lockMs) };
}

/** The account key: the sign-in name as typed, trimmed and lower-cased. */
export function accountKey(identity: string): string {
  return identity.trim().toLowerCase().slice(0, 320);
}

function findState(app: PbApp, account: string): PbRecord | undefined {
  try {
    return app.findFirstRecordByFilter('login_lockouts', 'account = {:account}', { account });
  } catch {
    return undefined;
  }
}

function readState(record: PbRecord | undefined): LockoutState {
  if (!record) return { failures: 0 };
  const date = (field: string) => {
    const text = record.getString(field);
    return text ? new Date(text) : undefined;
  };
  return { failures: record.getInt('failures'), lastFailureAt: date('last_failure_at'), lockedUntil: date('locked_until') };
}

/** 429 with when to try again, if the account is locked at `at`. */
export function refuseIfLocked(app: PbApp, identity: string, at: Date): void {
  const { lockedUntil } = readState(findState(app, accountKey(identity)));
  if (!lockedUntil || lockedUntil.getTime() <= at.getTime()) return;
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - at.getTime()) / 60_000));
  throw new HttpError(429, 'account_locked', `登录失败次数过多，该账号已暂时锁定，请 ${minutes} 分钟后再试。`);
}

/** Counts a failed sign-in of the account. */
export function recordFailure(app: PbApp, identity: string, at: Date): void {
  const account = accountKey(identity);
  if (!account) return;
  const existing = findState(app, account);
  const next = afterFailure(readState(existing), at);
  const record = existing ?? newRecord(app, 'login_lockouts');
  record.set('account', account);
  record.set('failures', next.failures);
  record.set('last_failure_at', next.lastFailureAt?.toISOString() ?? '');
  record.set('locked_until', next.lockedUntil?.toISOString() ?? '');
  app.save(record);
}

/** Forgets the account's failures after a successful sign-in. */
export function recordSuccess(app: PbApp, identity: string): void {
  const record = findState(app, accountKey(identity));
  if (record) app.delete(record);
}
