/** Dates as people in China read them: the China calendar day, whatever the device's zone. */

/** `2026/12/1` for an ISO or PocketBase (`2026-12-01 08:00:00.000Z`) date-time; empty for none. */
export function chinaDay(iso: string | undefined | null): string {
  return iso ? new Date(iso.replace(' ', 'T')).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '';
}

/** Whether a due date-time has passed at `now` (milliseconds). */
export function isOverdue(iso: string | undefined | null, now = Date.now()): boolean {
  return Boolean(iso) && new Date(iso!.replace(' ', 'T')).getTime() < now;
}
