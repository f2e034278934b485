/**
 * Fresh, valid 居民身份证 numbers (GB 11643 check digit) for test households, so a test's register
 * entries touch no other test's cases.
 */
import { randomInt } from 'node:crypto';

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigits = '10X98765432';

/** A random valid ID number of someone born in 1960–1999 in 海安 (320621). */
export function freshIdNumber(): string {
  const birth = `${1960 + randomInt(40)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
  const body = `320621${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + checkDigits[sum % 11]!;
}
