import { describe, expect, it } from 'vitest';
import { wholeMonths } from '../../../server/adapter/wholeMonths.js';

/** Every day of a period falls in exactly one of head, whole months and tail. */
function partOf(day: string, split: ReturnType<typeof wholeMonths>, from: string, to: string): string[] {
  const parts: string[] = [];
  if (day.slice(0, 7) >= split.fromMonth && day.slice(0, 7) <= split.toMonth) parts.push('month');
  if (day >= from && day <= split.headTo) parts.push('head');
  if (day >= split.tailFrom && day <= to) parts.push('tail');
  return parts;
}

describe('a dashboard period split into whole months and the days around them', () => {
  it('reads a period of whole months from the months alone', () => {
    expect(wholeMonths('2019-01-01', '2026-11-30')).toEqual({ fromMonth: '2019-01', toMonth: '2026-11', headTo: '2019-01-00', tailFrom: '2026-11-32' });
  });

  it('reads the days of a partial first and last month per day', () => {
    expect(wholeMonths('2021-03-05', '2021-05-03')).toEqual({ fromMonth: '2021-04', toMonth: '2021-04', headTo: '2021-04-00', tailFrom: '2021-04-32' });
    expect(wholeMonths('2024-01-31', '2024-02-29')).toEqual({ fromMonth: '2024-02', toMonth: '2024-02', headTo: '2024-02-00', tailFrom: '2024-02-32' });
  });

  it('reads a period inside one month, or across two partial ones, per day', () => {
    expect(wholeMonths('2021-03-02', '2021-03-30')).toMatchObject({ headTo: '2021-03-30', tailFrom: '9999-99-99' });
    expect(wholeMonths('2021-03-02', '2021-04-30').fromMonth).toBe('2021-04');
    expect(wholeMonths('2021-03-02', '2021-04-29')).toMatchObject({ headTo: '2021-04-29', tailFrom: '9999-99-99' });
  });

  it('counts every day of a period exactly once, and no day outside it', () => {
    const days = Array.from({ length: 800 }, (_, i) => new Date(Date.UTC(2023, 10, 1) + i * 86_400_000).toISOString().slice(0, 10));
    for (const [from, to] of [['2023-11-15', '2025-12-31'], ['2024-02-01', '2024-02-29'], ['2024-02-02', '2024-03-01'], ['2023-12-31', '2024-01-01'], ['2024-05-05', '2024-05-05']] as const) {
      const split = wholeMonths(from, to);
      for (const day of days) expect(partOf(day, split, from, to), `${from}..${to} ${day}`).toEqual(day >= from && day <= to ? [expect.any(String)] : []);
    }
  });
});
