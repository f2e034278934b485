import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../server/adapter/csv.js';

describe('the CSV of an export', () => {
  it('quotes every cell and doubles the quotes inside', () => {
    expect(csvCell('王秀英')).toBe('"王秀英"');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '|calc', '%0A']) {
      expect(csvCell(evil).startsWith(`"'`), evil).toBe(true);
    }
    expect(csvCell('1-2')).toBe('"1-2"');
  });

  it('writes objects as JSON and empty values as empty cells', () => {
    expect(csvCell({ working: true })).toBe('"{""working"":true}"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
  });

  it('starts with a byte-order mark and ends rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFF"a","b"\r\n"1","x"\r\n');
  });
});
