import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers and the superuser dashboard', () => {
  let server: TestServer;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('serves the app with a strict Content-Security-Policy: scripts from the server only, no eval, no framing', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // No inline script in the page the policy guards.
    const page = await res.text();
    expect(page).toMatch(/<script[^>]+src=/);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('sends the same headers on API answers and errors', async () => {
    for (const path of ['/api/health', '/api/no/such/route', '/api/collections/applications/records']) {
      const res = await fetch(`${server.url}${path}`);
      expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('serves the dashboard by default', async () => {
    expect((await fetch(`${server.url}/_/`)).status).toBe(200);
  });

  it('turns the dashboard off with TONGBAN_DASHBOARD=off, and keeps the superuser API for the tools', async () => {
    const off = await startPocketBase({ env: { TONGBAN_DASHBOARD: 'off' } });
    try {
      const res = await fetch(`${off.url}/_/`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
      expect((await fetch(`${off.url}/_/images/favicon/favicon.png`)).status).toBe(404);
      const su = await off.superuser();
      expect((await su.collection('users').getList(1, 1)).totalItems).toBeGreaterThan(0);
    } finally {
      await off.dispose();
    }
  });

  it('serves the dashboard only to this machine with TONGBAN_DASHBOARD=local', async () => {
    const local = await startPocketBase({ env: { TONGBAN_DASHBOARD: 'local' } });
    try {
      expect((await fetch(`${local.url}/_/`)).status).toBe(200);
    } finally {
      await local.dispose();
    }
  });
});
