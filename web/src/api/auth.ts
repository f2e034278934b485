/**
 * Signing in and staying signed in: password, then for staff the one-time code mailed to them;
 * the token renewed on activity within the session's 12 hours.
 */
import { ClientResponseError, type RecordModel } from 'pocketbase';
import { pb } from './client.js';

/** The outcome of a password sign-in: signed in, or a one-time code is needed (officers, administrators). */
export type SignInStep = { signedIn: RecordModel } | { codeNeeded: { mfaId: string; otpId: string } };

/**
 * Signs in with email and password. Staff then need the one-time code the server mails them: the
 * answer says so, with the ids {@link signInWithCode} takes, and the code has been requested.
 */
export async function signIn(email: string, password: string): Promise<SignInStep> {
  try {
    const res = await pb.collection('users').authWithPassword(email, password);
    return { signedIn: res.record };
  } catch (e) {
    const mfaId = e instanceof ClientResponseError ? (e.response as { mfaId?: unknown }).mfaId : undefined;
    if (typeof mfaId !== 'string') throw e;
    const { otpId } = await pb.collection('users').requestOTP(email);
    return { codeNeeded: { mfaId, otpId } };
  }
}

/** Mails a new one-time code; returns its id. */
export async function requestCode(email: string): Promise<string> {
  return (await pb.collection('users').requestOTP(email)).otpId;
}

/** Completes a staff sign-in with the mailed one-time code. */
export async function signInWithCode(ids: { mfaId: string; otpId: string }, code: string): Promise<RecordModel> {
  const res = await pb.collection('users').authWithOTP(ids.otpId, code.trim(), { mfaId: ids.mfaId });
  return res.record;
}

let lastRefresh = 0;

/**
 * Keeps an active user's session alive: a token lives 30 minutes, so on the user's activity the
 * token is refreshed once it is past half its life (at most once a minute). A session ends 12 hours
 * after sign-in whatever its refreshes; then the refresh is refused and the user signs in again.
 */
export async function keepSessionAlive(now = Date.now()): Promise<void> {
  if (!pb.authStore.isValid || now - lastRefresh < 60_000) return;
  const payload = JSON.parse(atob(pb.authStore.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
  if (!payload.exp || payload.exp * 1000 - now > 15 * 60_000) return;
  lastRefresh = now;
  try {
    await pb.collection('users').authRefresh();
  } catch (e) {
    if (e instanceof ClientResponseError && e.status === 401) pb.authStore.clear();
  }
}

/** Signs out. */
export function signOut(): void {
  pb.authStore.clear();
}
