/**
 * Small readers the processes' document views share: a form section as an object whatever was
 * stored, and the months payment starts from, in Chinese.
 */

/** `value` as an object, or `{}` when it is anything else (a missing or malformed section). */
export const objectOf = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The month after `now` in China time, e.g. `2026年5月`: benefits are paid from the month after the decision. */
export function monthAfter(now: Date): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const year = china.getUTCMonth() === 11 ? china.getUTCFullYear() + 1 : china.getUTCFullYear();
  return `${year}年${((china.getUTCMonth() + 1) % 12) + 1}月`;
}

/** `2026-05-01` as `2026年5月`, the month payment starts; empty for anything else. */
export function monthOf(date: unknown): string {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-\d{2}$/.exec(date) : null;
  return m ? `${m[1]}年${Number(m[2])}月` : '';
}
