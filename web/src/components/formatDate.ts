/** Dates as people in China read them: the China calendar day, whatever the device's zone. */

/** `2026/12/1` for an ISO or PocketBase (`2026-12-01 08:00:00.000Z`) date-time; empty for none. */
export function chinaDay(iso: string | undefined | null): string {
  return iso ? new Date(iso.replace(' ', 'T')).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '';
}

/** Whether a due date-time has passed at `now` (milliseconds). */
export function isOverdue(iso: string | undefined | null, now = Date.now()): boolean {
  return Boolean(iso) && new Date(iso!.replace(' ', 'T')).getTime() < now;
}

/**
 * The last day of a period that ends at `iso`, as people in China read it: a deadline stored as
 * 00:00 China time (the end of the day before, 24:00) is that day before — a 公示 that ends at
 * 24:00 on 3 月 9 日 reads「2026/3/9 期满」, not 3/10.
 */
export function chinaDeadlineDay(iso: string | undefined | null): string {
  if (!iso) return '';
  const t = new Date(iso.replace(' ', 'T')).getTime();
  const midnightInChina = (t + 8 * 3_600_000) % 86_400_000 === 0;
  return chinaDay(new Date(midnightInChina ? t - 1 : t).toISOString());
}
