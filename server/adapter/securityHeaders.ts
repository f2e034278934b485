/**
 * The response headers every answer carries, and whether the superuser dashboard (`/_/`) is served
 * (`TONGBAN_DASHBOARD`: `on`, the default; `off`; `local`, only to requests from this machine).
 */

/** The app's Content-Security-Policy: scripts only from this server, no eval, no framing. */
export const appContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Uploaded files are data, never a page: nothing in one runs, even when a browser opens it. */
export const fileContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** The headers for a request path (the dashboard keeps PocketBase's own policy, which it needs). */
export function securityHeaders(path: string): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
  ];
  if (path.startsWith('/api/files/')) headers.push(['Content-Security-Policy', fileContentSecurityPolicy]);
  else if (!isDashboardPath(path)) headers.push(['Content-Security-Policy', appContentSecurityPolicy]);
  return headers;
}

/** Whether a path belongs to the superuser dashboard. */
export function isDashboardPath(path: string): boolean {
  return path === '/_' || path.startsWith('/_/');
}

/** How the dashboard is served. */
export type DashboardMode = 'on' | 'off' | 'local';

/** The dashboard mode from the environment variable's value (unknown values turn it off). */
export function dashboardMode(value: string): DashboardMode {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'on') return 'on';
  if (v === 'local') return 'local';
  return 'off';
}

/** Whether an address is this machine's (IPv4 127.0.0.0/8 or IPv6 ::1, as PocketBase writes them). */
export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || /^0000:0000:0000:0000:0000:0000:0000:0001$/.test(ip);
}

/** Whether the dashboard may answer a request from `remoteIp`. */
export function dashboardAllowed(mode: DashboardMode, remoteIp: string): boolean {
  return mode === 'on' || (mode === 'local' && isLoopback(remoteIp));
}
