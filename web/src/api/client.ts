/**
 * The app's connection to the server: one PocketBase SDK client (same origin: PocketBase serves the
 * app) and how a refused call reads in Chinese. The calls themselves are grouped by what they are
 * about beside this file (auth, cases, queues, forms, attachments); their request and answer types
 * are the server's own (engine/api, engine/model).
 */
import PocketBase, { ClientResponseError } from 'pocketbase';
import type { ApiErrorBody } from '../../../engine/index.js';
import type { FieldError } from '../../../forms/core/index.js';

/** The shared SDK client (same origin: PocketBase serves the app). */
export const pb = new PocketBase(window.location.origin);
pb.autoCancellation(false);

/** The Chinese message of a failed call, with field problems when the server gave them. */
export function errorMessage(e: unknown): string {
  if (e instanceof ClientResponseError) {
    const body = e.response as Partial<ApiErrorBody>;
    const details = (body.errors ?? []).map((x) => x.message).join(' ');
    if (e.status === 0) return '无法连接服务器，请检查网络后重试。';
    if (e.status === 400 && e.url.includes('auth-with-password')) return '账号或密码不正确。';
    return [body.message ?? e.message, details].filter(Boolean).join(' ');
  }
  return e instanceof Error ? e.message : String(e);
}

/** The field problems of a refused command, as paths into the case data (the server's `/data` prefix removed). */
export function fieldProblems(e: unknown): FieldError[] {
  if (!(e instanceof ClientResponseError)) return [];
  const body = e.response as Partial<ApiErrorBody>;
  return (body.errors ?? []).filter((x) => x.path === '/data' || x.path.startsWith('/data/')).map((x) => ({ path: x.path.slice('/data'.length), message: x.message, keyword: 'server' }));
}
