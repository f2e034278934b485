/**
 * The frame of an administrators' route in its own file (the studio's routes): the caller must be
 * an administrator or a superuser (401 without sign-in, 403 with the route's Chinese message
 * otherwise), the JSON body is read within the size limit, and the answer or the error is sent in
 * the shape of httpError.ts.
 */
import { disabledUserRefusal } from './userLifecycle.js';
import { HttpError, badRequest, forbidden, tooLarge, unauthorized } from './httpError.js';
import type { PbRecord, PbRequestEvent } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** Largest JSON body an administrators' route accepts (a draft carries a definition, a form and templates). */
export const maxAdminBodyBytes = 4 * 1024 * 1024;

declare const toString: (reader: unknown, maxBytes?: number) => string;

/** The request's JSON body (`{}` when empty); 413 when too large, 400 when not JSON. */
export function readAdminBody(e: PbRequestEvent): unknown {
  if (e.request.contentLength > maxAdminBodyBytes) throw tooLarge(maxAdminBodyBytes);
  const raw = toString(e.request.body, maxAdminBodyBytes + 1);
  if (raw.length > maxAdminBodyBytes) throw tooLarge(maxAdminBodyBytes);
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('请求体不是有效的 JSON。');
  }
}

/** The signed-in administrator (a user with role `admin`), or null for a superuser; throws 401/403 otherwise. */
export function requireAdministrator(e: PbRequestEvent, message: string): PbRecord | null {
  if (e.hasSuperuserAuth()) return e.auth;
  if (!e.auth || e.auth.collection().name !== 'users') throw unauthorized();
  const disabled = disabledUserRefusal(e.auth);
  if (disabled) throw disabled;
  if (e.auth.getString('role') !== 'admin') throw forbidden(message);
  return e.auth;
}

/** Runs an administrators' route: checks the caller, then answers `run`'s answer or its error as JSON. */
export function adminRoute(e: PbRequestEvent, message: string, run: (auth: PbRecord | null) => RouteAnswer): void {
  try {
    const answer = run(requireAdministrator(e, message));
    e.json(answer.status, answer.body);
  } catch (err) {
    if (err instanceof HttpError) {
      e.json(err.status, err.toBody());
      return;
    }
    const text = err instanceof Error ? err.message : String(err);
    if (/UNIQUE constraint failed|database is locked|SQLITE_BUSY/.test(text)) {
      e.json(409, { status: 409, code: 'conflict', message: '并发冲突，请刷新后重试。' });
      return;
    }
    e.json(500, { status: 500, code: 'internal', message: `服务器内部错误：${text}` });
  }
}
