/**
 * Spreadsheets the studio reads and writes (with exceljs, loaded only when needed): a template
 * with a header row of Chinese column titles, and the rows of a filled-in sheet read back by those
 * titles into the objects an import route takes. A cell that a spreadsheet would run as a formula
 * is never written as one.
 */
import { neutraliseFormula } from '../../components/ledgerWorkbook.js';

/** One column: its Chinese title in the sheet, the key in a row object, an example value. */
export interface SheetColumn {
  title: string;
  key: string;
  example: string;
  /** Turns the cell's text into the value sent (e.g. 经办人员 → officer); the text otherwise. */
  read?: (text: string) => string;
  width?: number;
}

/** The text of a cell as exceljs gives it (rich text, hyperlinks, formulas' results, numbers, dates). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}


/** An .xlsx template: the titles, and one example row (to overwrite). */
export async function sheetTemplate(sheetName: string, columns: SheetColumn[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.title, key: c.key, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, neutraliseFormula(c.example)])));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** A sheet read back: the rows by key, and the titles the header lacked. */
export interface ReadSheet {
  rows: Record<string, string>[];
  missingColumns: string[];
}

/** Reads the first worksheet of an .xlsx: columns found by their titles, trailing empty rows dropped. */
export async function readSheet(file: Blob, columns: SheetColumn[]): Promise<ReadSheet> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await file.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], missingColumns: columns.map((c) => c.title) };
  const positions = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => positions.set(cellText(cell.value), column));
  const missingColumns = columns.filter((c) => !positions.has(c.title)).map((c) => c.title);
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(columns.map((c) => {
      const position = positions.get(c.title);
      const text = position === undefined ? '' : cellText(row.getCell(position).value);
      return [c.key, c.read ? c.read(text) : text];
    })));
  }
  // Trailing empty rows are dropped; one in between stays, so row i is the sheet's row i + 2 (the
  // numbers the server's messages give).
  while (rows.length > 0 && Object.values(rows[rows.length - 1]!).every((v) => v === '')) rows.pop();
  return { rows, missingColumns };
}
