/**
 * A 台账 as an .xlsx workbook (exceljs, loaded only when a ledger is exported): a title row merged
 * across the columns, the column headers, then the rows. A text cell a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR, `|`, `%` first) gets a leading apostrophe, so a crafted name
 * never becomes a formula in the bureau's Excel.
 */
import type ExcelJS from 'exceljs';

/** One column of a ledger: its header and how to read a row's cell. */
export interface LedgerColumn<Row> {
  header: string;
  value: (row: Row) => string | number;
  width?: number;
}

/** Text a spreadsheet would take for a formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r|%]/.test(text) ? `'${text}` : text;
}

/** Builds the ledger's workbook with `Workbook` (exceljs's). */
export function buildLedger<Row>(Workbook: typeof ExcelJS.Workbook, title: string, columns: LedgerColumn<Row>[], rows: Row[]): ExcelJS.Workbook {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, Math.max(1, columns.length));
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: 'center' };
  sheet.addRow(columns.map((c) => c.header));
  sheet.getRow(2).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => {
    const value = c.value(row);
    return typeof value === 'string' ? neutraliseFormula(value) : value;
  }));
  columns.forEach((c, i) => { sheet.getColumn(i + 1).width = c.width ?? 16; });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return workbook;
}

/** Builds the ledger and hands it to the browser as a download named `<title>.xlsx`. */
export async function downloadLedger<Row>(title: string, columns: LedgerColumn<Row>[], rows: Row[]): Promise<void> {
  const { default: ExcelJSModule } = await import('exceljs');
  const buffer = await buildLedger(ExcelJSModule.Workbook, title, columns, rows).xlsx.writeBuffer();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  link.download = `${title}.xlsx`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
