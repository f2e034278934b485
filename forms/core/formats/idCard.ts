/**
 * 公民身份号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character, a real birth
 * date. Also accepts the 港澳台居民居住证 (81/82/83 prefixes) and the 2023 外国人永久居留身份证
 * (9 prefix), which use the same checksum. Unknown region prefixes are not refused: abolished
 * counties' numbers stay valid for life.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** What an ID number tells. */
export interface IdCardInfo {
  birthDate: string;
  sex: 'male' | 'female';
  kind: 'resident' | 'hkMacaoTaiwan' | 'foreignPermanent';
}

/** Parses a valid ID number, or returns undefined for an invalid one. */
export function parseIdCard(value: string): IdCardInfo | undefined {
  if (!/^\d{17}[\dXx]$/.test(value)) return undefined;
  const digits = value.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(digits[i]) * weights[i]!;
  if (checkChars[sum % 11] !== digits[17]) return undefined;
  const y = Number(digits.slice(6, 10));
  const m = Number(digits.slice(10, 12));
  const d = Number(digits.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  const birthDate = `${digits.slice(6, 10)}-${digits.slice(10, 12)}-${digits.slice(12, 14)}`;
  const kind = /^8[123]/.test(digits) ? 'hkMacaoTaiwan' : digits.startsWith('9') ? 'foreignPermanent' : 'resident';
  return { birthDate, sex: Number(digits[16]) % 2 === 1 ? 'male' : 'female', kind };
}

/** Whether a string is a valid ID number. */
export const isIdCard = (value: string): boolean => parseIdCard(value) !== undefined;
