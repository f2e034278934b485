import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildLedger, neutraliseFormula } from '../../../web/src/components/ledgerWorkbook.js';

interface Row {
  name: string;
  amount: number;
}

describe('a ledger workbook', () => {
  it('puts a merged title over the headers, then one row per record', async () => {
    const workbook = buildLedger(ExcelJS.Workbook, '待办台账（2026-11-29）', [{ header: '姓名', value: (r: Row) => r.name }, { header: '金额', value: (r: Row) => r.amount }], [{ name: '王*英', amount: 1200 }]);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = read.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('待办台账（2026-11-29）');
    expect(sheet.getCell('A1').isMerged && sheet.getCell('B1').isMerged).toBe(true);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['姓名', '金额']);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['王*英', 1200]);
  });

  it('never writes text a spreadsheet would run as a formula', async () => {
    const crafted = ['=HYPERLINK("http://x","点我")', '+1+1', '-2', '@SUM(A1)', '\t=1', '|cmd', '%x'];
    const workbook = buildLedger(ExcelJS.Workbook, '台账', [{ header: '名称', value: (r: { text: string }) => r.text }], crafted.map((text) => ({ text })));
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await workbook.xlsx.writeBuffer());
    const cells = crafted.map((_, i) => read.worksheets[0]!.getCell(3 + i, 1));
    expect(cells.map((c) => c.type)).toEqual(crafted.map(() => ExcelJS.ValueType.String));
    expect(cells.map((c) => c.value)).toEqual(crafted.map((t) => `'${t}`));
    expect(neutraliseFormula('王*英')).toBe('王*英');
  });
});
