/**
 * 公民身份号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character, a real birth
 * date not in the future. Also accepts the 港澳台居民居住证 (81/82/83 prefixes) and the 2023
 * 外国人永久居留身份证 (9 prefix), which use the same checksum. Unknown region prefixes are not
 * refused: abolished counties' numbers stay valid for life. The 15-digit numbers of the first
 * generation card (no check character, two-digit year) are refused with their own message: they
 * stopped being valid in 2013 and cannot be verified.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** What an ID number tells. */
export interface IdCardInfo {
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
  kind: 'resident' | 'hkMacaoTaiwan' | 'foreignPermanent';
  /** The 6-digit region code of issue (`810000`–`830000` for the 居住证, the nationality code area for the 永居证). */
  regionCode: string;
}

/** Why an ID number is not valid. */
export type IdCardProblem = 'length' | 'legacy15' | 'characters' | 'checksum' | 'birthDate';

/** The check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** Why a value is not a valid ID number, or undefined when it is one. `today` (YYYY-MM-DD) bounds the birth date. */
export function idCardProblem(value: string, today?: string): IdCardProblem | undefined {
  if (/^\d{15}$/.test(value)) return 'legacy15';
  if (value.length !== 18) return 'length';
  if (!/^\d{17}[\dXx]$/.test(value)) return 'characters';
  const digits = value.toUpperCase();
  if (idCardCheckChar(digits) !== digits[17]) return 'checksum';
  const y = Number(digits.slice(6, 10));
  const m = Number(digits.slice(10, 12));
  const d = Number(digits.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  if (today && `${digits.slice(6, 10)}-${digits.slice(10, 12)}-${digits.slice(12, 14)}` > today) return 'birthDate';
  return undefined;
}

/** The Chinese explanation of an {@link IdCardProblem}. */
export const idCardProblemMessages: Record<IdCardProblem, string> = {
  length: '应为18位',
  legacy15: '15位旧号码已停止使用，请填写18位公民身份号码',
  characters: '前17位应为数字，最后一位为数字或X',
  checksum: '校验位不符，请逐位核对',
  birthDate: '其中的出生日期不存在',
};

/** Parses a valid ID number, or returns undefined for an invalid one. */
export function parseIdCard(value: string): IdCardInfo | undefined {
  if (idCardProblem(value) !== undefined) return undefined;
  const digits = value.toUpperCase();
  const kind = /^8[123]/.test(digits) ? 'hkMacaoTaiwan' : digits.startsWith('9') ? 'foreignPermanent' : 'resident';
  return {
    birthDate: `${digits.slice(6, 10)}-${digits.slice(10, 12)}-${digits.slice(12, 14)}`,
    sex: Number(digits[16]) % 2 === 1 ? 'male' : 'female',
    kind,
    regionCode: digits.slice(0, 6),
  };
}

/** Whether a string is a valid ID number (the `cn-id-card` format). */
export const isIdCard = (value: string): boolean => idCardProblem(value) === undefined;
