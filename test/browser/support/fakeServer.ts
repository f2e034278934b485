/**
 * A stand-in for the server in element tests of the app's pages: `window.fetch` answers the calls
 * the page makes from a table of routes (method and path), with answers of the server's own types,
 * and records each call. The pages themselves talk to the real server in test/integration/web/.
 */
import { pb } from '../../../web/src/api/client.js';

/** One call the page made. */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A route of the stand-in: a method and path (a string is the path exactly, a RegExp matches it), and the answer. */
export interface FakeRoute {
  method?: string;
  path: string | RegExp;
  /** The answer's body (status 200), or a function of the call (a promise of it answers when it settles: a slow server). */
  answer: unknown | ((call: RecordedCall) => unknown);
  status?: number;
}

const realFetch = window.fetch.bind(window);

/** Answers the page's calls from `routes` until {@link stopFakeServer}; a call no route answers is a 404 (and recorded). */
export function startFakeServer(routes: FakeRoute[]): RecordedCall[] {
  const calls: RecordedCall[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (!url.pathname.startsWith('/api/')) return realFetch(input, init);
    const text = typeof init?.body === 'string' ? init.body : '';
    const call: RecordedCall = { method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    const route = routes.find((r) => (r.method ?? 'GET') === call.method && (typeof r.path === 'string' ? r.path === call.path : r.path.test(call.path)));
    if (!route) return new Response(JSON.stringify({ status: 404, code: 'not_found', message: '未找到请求的内容。' }), { status: 404, headers: { 'content-type': 'application/json' } });
    const body = typeof route.answer === 'function' ? await (route.answer as (c: RecordedCall) => unknown)(call) : route.answer;
    return new Response(JSON.stringify(body), { status: route.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return calls;
}

/** Gives the page the real `fetch` back and signs the fake user out. */
export function stopFakeServer(): void {
  window.fetch = realFetch;
  pb.authStore.clear();
}

/** Signs a user in for the page without a server: a token that is valid for an hour, and the account record. */
export function signInAs(record: { id: string; role: 'applicant' | 'officer' | 'admin'; name: string; org_unit?: string }): void {
  const encode = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const token = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ id: record.id, type: 'auth', collectionId: 'users', exp: Math.floor(Date.now() / 1000) + 3600 })}.signature`;
  pb.authStore.save(token, { collectionId: 'users', collectionName: 'users', email: `${record.id}@demo.tongban`, ...record });
}

/** A PocketBase list answer of `items`. */
export function listOf(items: object[], page = 1, perPage = 500): object {
  return { page, perPage, totalItems: items.length, totalPages: 1, items };
}

/** Waits until `check` holds (polling every 20 ms, up to `ms`), or throws with `what`. */
export async function until(check: () => unknown, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
