import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, isBankCard, isCalendarDate, isDateRange, isMobile, isMoneyYuan, isRegionCode, isUscc, parseIdCard } from '../../../forms/core/index.js';

describe('parseIdCard', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    expect(parseIdCard('320621195503120023')).toEqual({ birthDate: '1955-03-12', sex: 'female', kind: 'resident', regionCode: '320621' });
    expect(parseIdCard('320621198001150015')).toMatchObject({ birthDate: '1980-01-15', sex: 'male' });
  });

  it('accepts an X check character in either case', () => {
    expect(parseIdCard('11010519491231002X')).toMatchObject({ birthDate: '1949-12-31' });
    expect(parseIdCard('11010519491231002x')).toBeDefined();
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdCard('320621195503120024')).toBeUndefined();
  });

  it('rejects an impossible birth date even with a right checksum', () => {
    // 1999-02-30 does not exist; the check digit below is computed for these 17 digits.
    const base = '32062119990230002';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const check = '10X98765432'[[...base].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11]!;
    expect(parseIdCard(base + check)).toBeUndefined();
  });

  it('accepts 港澳台居民居住证 (81/82/83) and 永居证 (9) numbers', () => {
    expect(parseIdCard('810000199408230021')).toMatchObject({ kind: 'hkMacaoTaiwan' });
    expect(parseIdCard('830000199201300022')).toMatchObject({ kind: 'hkMacaoTaiwan' });
    expect(parseIdCard('911234198501011231')).toMatchObject({ kind: 'foreignPermanent' });
  });

  it('refuses the 15-digit first-generation numbers with their own reason', () => {
    expect(idCardProblem('320621550312002')).toBe('legacy15');
    expect(parseIdCard('320621550312002')).toBeUndefined();
  });

  it('refuses a birth date in the future when today is given, and before 1880', () => {
    const future = `32062120990101001`;
    expect(idCardProblem(future + idCardCheckChar(future), '2026-11-22')).toBe('birthDate');
    expect(idCardProblem(future + idCardCheckChar(future))).toBeUndefined();
    const ancient = '32062118700101001';
    expect(idCardProblem(ancient + idCardCheckChar(ancient))).toBe('birthDate');
  });

  it('tells the sex from the 17th digit and keeps the region code', () => {
    const base = '11010520000229013';
    expect(parseIdCard(base + idCardCheckChar(base))).toEqual({ birthDate: '2000-02-29', sex: 'male', kind: 'resident', regionCode: '110105' });
  });

  it('rejects the wrong length and letters', () => {
    for (const bad of ['32062119550312002', '3206211955031200233', 'A20621195503120023', '']) expect(parseIdCard(bad)).toBeUndefined();
  });
});

describe('the other formats', () => {
  it('checks mobile numbers', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('1391234567')).toBe(false);
  });

  it('checks bank cards with Luhn', () => {
    expect(isBankCard('6222021234567890128')).toBe(true);
    expect(isBankCard('6222021234567890121')).toBe(false);
    expect(isBankCard('1234')).toBe(false);
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(isBankCard('4111111111111112')).toBe(false);
    expect(isBankCard('62220212345678901a')).toBe(false);
  });

  it('checks 统一社会信用代码 with the GB 32100 check character', () => {
    expect(isUscc('91350100M000100Y43')).toBe(true);
    expect(isUscc('91350100M000100Y44')).toBe(false);
    expect(isUscc('91350100M000100I43')).toBe(false);
    expect(isUscc('91110000600037341L')).toBe(true);
    expect(isUscc('91110000600037341M')).toBe(false);
    expect(isUscc('91350100M000100Y4')).toBe(false);
  });

  it('checks region codes of county, township and village length', () => {
    expect(isRegionCode('320621')).toBe(true);
    expect(isRegionCode('320621104')).toBe(true);
    expect(isRegionCode('320621104201')).toBe(true);
    expect(isRegionCode('32062')).toBe(false);
    expect(isRegionCode('020621')).toBe(false);
  });

  it('checks calendar dates and date ranges', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isDateRange('2026-03-10/2026-03-16')).toBe(true);
    expect(isDateRange('2026-03-10/2026-03-10')).toBe(true);
    expect(isDateRange('2026-03-16/2026-03-10')).toBe(false);
    expect(isDateRange('2026-03-10')).toBe(false);
  });

  it('checks money in 元 with at most two decimals', () => {
    expect(isMoneyYuan(1600)).toBe(true);
    expect(isMoneyYuan(0.1 + 0.2)).toBe(true);
    expect(isMoneyYuan(12.345)).toBe(false);
    expect(isMoneyYuan(-1)).toBe(false);
    expect(isMoneyYuan(600.15)).toBe(true);
    expect(isMoneyYuan(1e8)).toBe(false);
    expect(isMoneyYuan(Number.NaN)).toBe(false);
  });
});
