/**
 * The hooks of the trust layer around PocketBase's own routes (registered by
 * `server/pb_hooks/trust.pb.js`): security headers and the dashboard switch on every request,
 * PocketBase's errors in Tongban's Chinese shape, per-account sign-in lockout, session lifetime,
 * where one-time codes go, attachments whose name matches their content, empty lists answered
 * without PocketBase's deliberate delay for signed-in users, and the masking of user records
 * (maskUsers.ts: an enrich hook, which may run in a fresh VM per row of a page).
 */
import { now } from './clock.js';
import { errorAnswer, type PocketBaseApiError } from './errorAnswer.js';
import { HttpError, forbidden, notFound } from './httpError.js';
import { recordFailure, recordSuccess, refuseIfLocked } from './loginLockout.js';
import { mailSink, otpConsoleLine, otpIdStoreKey, otpStoreKey } from './otpMailSink.js';
import { app, getenv, type PbRecord } from './pocketbase.js';
import { securityHeaders, dashboardAllowed, dashboardMode, isDashboardPath } from './securityHeaders.js';
import { continueSession, sessionToRefresh, startSession, tokenOf } from './sessionLimits.js';
import { extensionMatchesContent, sniffBytes, sniffType } from './uploadTypes.js';

export { maskUserRecord } from './maskUsers.js';

/** The parts of PocketBase's request events these hooks use. */
export interface TrustEvent {
  request: { url: { path: string }; header: { get(name: string): string }; pattern: string };
  response: { header(): { set(name: string, value: string): void } };
  auth: PbRecord | null;
  next(): void;
  written(): boolean;
  remoteIP(): string;
  json(status: number, body: unknown): void;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  hasSuperuserAuth(): boolean;
  requestInfo(): { headers: Record<string, unknown>; body: unknown };
}

declare const toBytes: (reader: unknown, maxBytes?: number) => number[];
declare const $app: { store(): { get(key: string): unknown; set(key: string, value: unknown): void } };

const sessionKey = 'tongban.refreshedSession';
const staticPattern = 'GET /{path...}';

function answer(e: TrustEvent, err: HttpError): void {
  e.json(err.status, err.toBody());
}

/** The error PocketBase raised (a Go `ApiError` seen through goja), if it is one. */
function apiErrorOf(err: unknown): PocketBaseApiError | undefined {
  const value = (err as { value?: { status?: unknown; message?: unknown; data?: unknown } } | null)?.value;
  if (value && typeof value.status === 'number') return { status: value.status, message: String(value.message ?? ''), data: value.data };
  return undefined;
}

/** Every request: headers, the dashboard switch, and errors in Tongban's shape. */
export function guardRequest(e: TrustEvent): void {
  const path = e.request.url.path;
  const headers = e.response.header();
  for (const [name, value] of securityHeaders(path)) headers.set(name, value);
  if (isDashboardPath(path) && !dashboardAllowed(dashboardMode(getenv('TONGBAN_DASHBOARD')), e.remoteIP())) {
    answer(e, notFound('未找到请求的内容。'));
    return;
  }
  // PocketBase's catch-all for the app's files (index.html for any unknown path) never answers under /api/.
  if (path.startsWith('/api/') && e.request.pattern === staticPattern) {
    answer(e, notFound('未找到请求的内容。'));
    return;
  }
  try {
    if (path === otpSignInPath) signInWithOtp(e);
    else e.next();
  } catch (err) {
    if (e.written()) throw err;
    if (err instanceof HttpError) return answer(e, err);
    const apiError = apiErrorOf(err);
    // Errors without a status are PocketBase's "something went wrong" 400s; ours (JS errors) are 500s.
    const body = errorAnswer(apiError ?? { status: err instanceof Error ? 500 : 400, message: '' });
    if (body.status >= 500) console.log(`tongban: ${e.request.url.path}: ${String(err)}`);
    e.json(body.status, body);
  }
}

/** Sign-in with a password: refused while the account is locked; failures counted per account. */
export function onAuthWithPassword(e: TrustEvent & { identity: string }): void {
  const tx = app();
  const at = now(tx);
  try {
    refuseIfLocked(tx, e.identity, at);
  } catch (err) {
    if (err instanceof HttpError) return answer(e, err);
    throw err;
  }
  try {
    e.next();
  } catch (err) {
    // A written answer is the MFA step (the password was right): not a failure, not yet a success.
    if (!e.written()) recordFailure(tx, e.identity, at);
    throw err;
  }
  recordSuccess(tx, e.identity);
}

const otpSignInPath = '/api/collections/users/auth-with-otp';

/** The email of the account a one-time code was sent for, or ''. */
function otpAccount(otpId: string): string {
  const tx = app();
  try {
    const otp = tx.findRecordById('_otps', otpId);
    return tx.findRecordById('users', otp.getString('recordRef')).getString('email');
  } catch {
    return '';
  }
}

/**
 * Sign-in with a one-time code (wrapped around the route: PocketBase checks the code before its
 * hooks run): refused while the account is locked; a wrong code counts as a failure of the account.
 */
function signInWithOtp(e: TrustEvent): void {
  const body = e.requestInfo().body as { otpId?: unknown } | null;
  const email = typeof body?.otpId === 'string' ? otpAccount(body.otpId) : '';
  if (!email) return e.next();
  const tx = app();
  const at = now(tx);
  refuseIfLocked(tx, email, at);
  try {
    e.next();
  } catch (err) {
    // Only a wrong or expired code is a failure (a written answer is the MFA step; a 429 is
    // PocketBase's own limit of code attempts per account and address).
    if (!e.written() && apiErrorOf(err)?.status === 400) recordFailure(tx, email, at);
    throw err;
  }
  recordSuccess(tx, email);
}

/** A token refresh: only within the session's lifetime, once per token. */
export function onAuthRefresh(e: TrustEvent): void {
  const tx = app();
  try {
    const headers = e.requestInfo().headers;
    e.set(sessionKey, sessionToRefresh(tx, tokenOf(String(headers['authorization'] ?? '')), now(tx)));
  } catch (err) {
    if (err instanceof HttpError) return answer(e, err);
    throw err;
  }
  e.next();
}

/** Every issued token: a sign-in starts a session, a refresh moves its session to the new token. */
export function onAuthIssued(e: TrustEvent & { record: PbRecord | null; token: string; authMethod: string }): void {
  const tx = app();
  const refreshed = e.get(sessionKey) as PbRecord | null | undefined;
  if (refreshed) {
    continueSession(tx, refreshed, e.token);
    e.next();
    return;
  }
  if (!e.record || (e.authMethod !== 'password' && e.authMethod !== 'otp')) {
    e.next();
    return;
  }
  // After the answer is written (it is sent when the handler returns): the MFA step issues no session.
  e.next();
  startSession(tx, e.record.id, e.token, now(tx));
}

/** A one-time code to mail: through SMTP, or to the demo's console or the tests' memory. */
export function onOtpMail(e: { record: PbRecord; meta: { password?: string; otpId?: string }; next(): void }): void {
  const sink = mailSink(getenv('TONGBAN_MAIL_SINK'));
  const email = e.record.getString('email');
  const otp = String(e.meta.password ?? '');
  if (sink === 'smtp') return e.next();
  if (sink === 'console') console.log(otpConsoleLine(email, otp));
  else {
    $app.store().set(otpStoreKey(email), otp);
    $app.store().set(otpIdStoreKey(String(e.meta.otpId ?? '')), otp);
  }
}

/**
 * The test route: the code of a code request (`?otpId=`) or the last one mailed to an address
 * (`?email=`); superuser only, and only with `TONGBAN_MAIL_SINK=memory`.
 */
export function lastOtp(e: TrustEvent & { request: { url: { query(): { get(name: string): string } } } }): void {
  if (mailSink(getenv('TONGBAN_MAIL_SINK')) !== 'memory') return answer(e, notFound('未找到请求的内容。'));
  if (!e.hasSuperuserAuth()) return answer(e, forbidden('只有超级管理员可以读取测试验证码。'));
  const query = e.request.url.query();
  const otp = $app.store().get(query.get('otpId') ? otpIdStoreKey(query.get('otpId')) : otpStoreKey(query.get('email')));
  if (typeof otp !== 'string' || otp === '') return answer(e, notFound('没有发给该地址的验证码。'));
  e.json(200, { otp });
}

interface UploadedFile {
  originalName: string;
  reader: { open(): { close(): void } };
}

/** An attachment upload: each file's extension must match the type its content shows. */
export function onAttachmentCreate(e: TrustEvent & { findUploadedFiles(key: string): UploadedFile[] }): void {
  let files: UploadedFile[] = [];
  try {
    files = e.findUploadedFiles('file') ?? [];
  } catch {
    files = [];
  }
  for (const file of files) {
    const reader = file.reader.open();
    let head: number[];
    try {
      head = Array.from(toBytes(reader, sniffBytes));
    } finally {
      reader.close();
    }
    if (extensionMatchesContent(file.originalName, head)) continue;
    const problem = sniffType(head)
      ? '文件扩展名与文件内容不符：请按文件的真实类型命名（.jpg、.png、.webp 或 .pdf）。'
      : '文件类型不允许：只接受 JPEG、PNG、WebP 图片或 PDF。';
    return answer(e, new HttpError(400, 'invalid_data', '上传的文件不被接受。', [{ path: '/file', message: problem }]));
  }
  e.next();
}

/** The parts of PocketBase's list request event {@link answerEmptyList} uses. */
export interface ListRequestEvent {
  auth: PbRecord | null;
  records: ArrayLike<unknown>;
  result: unknown;
  json(status: number, body: unknown): void;
  next(): void;
}

/**
 * A list that found nothing, answered at once to a signed-in user. PocketBase delays an empty
 * filtered list by a random 0–500 ms once the same address has had three of one collection within
 * three seconds (a precaution against timing filters): an office behind one address, whose empty
 * 抄送 or 我发起 tab is read with its count on every load, waited ~250 ms for each. The answer is
 * PocketBase's own (its empty result, `fields` applied alike); the rules that found nothing are
 * untouched, and guests keep the delay.
 */
export function answerEmptyList(e: ListRequestEvent): void {
  if (e.records.length === 0 && e.auth !== null && e.auth.collection().name === 'users') {
    e.json(200, e.result);
    return;
  }
  e.next();
}
