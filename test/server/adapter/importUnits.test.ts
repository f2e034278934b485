import { describe, expect, it } from 'vitest';
import { sheetDate } from '../../../server/adapter/importUnits.js';

describe('a date cell of a bureau’s sheet', () => {
  it('reads the ways older systems write a day as YYYY-MM-DD', () => {
    expect(['2024-03-01', '2024/3/1', '2024.03.01', '2024年3月1日'].map(sheetDate)).toEqual(['2024-03-01', '2024-03-01', '2024-03-01', '2024-03-01']);
  });

  it('refuses a day that does not exist, and text that is no date', () => {
    expect(['2023-02-29', '2024-13-01', '1700-01-01', '20240301', '三月一日', ''].map(sheetDate)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
