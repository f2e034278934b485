/**
 * Checksummed identifiers and other Chinese formats used in civil-affairs forms.
 */

/** 手机号: 11 digits starting 13–19. */
export const isMobile = (v: string): boolean => /^1[3-9]\d{9}$/.test(v);

/** 银行卡号: 12–19 digits passing the Luhn check. */
export function isBankCard(v: string): boolean {
  if (!/^\d{12,19}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    let n = Number(v[v.length - 1 - i]);
    if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
    sum += n;
  }
  return sum % 10 === 0;
}

const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters with a MOD 31 check character. */
export function isUscc(v: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccChars.indexOf(v[i]!) * usccWeights[i]!;
  return usccChars[(31 - (sum % 31)) % 31] === v[17];
}

/** 行政区划代码: 6 (county), 9 (township) or 12 (village) digits, not starting with 0. */
export const isRegionCode = (v: string): boolean => /^[1-9]\d{5}(\d{3}(\d{3})?)?$/.test(v);

/** Money in 元: non-negative, at most two decimals (分), below 1 亿 — no household figure comes near it. */
export const isMoneyYuan = (v: number): boolean => Number.isFinite(v) && v >= 0 && v < 1e8 && Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

const isoDate = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(v: string): boolean {
  const m = isoDate.exec(v);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]) && date.getUTCMonth() === Number(m[2]) - 1;
}

/** A date range written `YYYY-MM-DD/YYYY-MM-DD` (ISO 8601 interval) with start ≤ end. */
export function isDateRange(v: string): boolean {
  const parts = v.split('/');
  return parts.length === 2 && isCalendarDate(parts[0]!) && isCalendarDate(parts[1]!) && parts[0]! <= parts[1]!;
}
