/**
 * CSV for spreadsheets (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read
 * Chinese), safe against formula injection: a cell that a spreadsheet would run as a formula gets a
 * leading apostrophe.
 */

/** Characters that make a spreadsheet treat a cell as a formula (or a command, in older ones). */
const formulaStart = /^[=+\-@\t\r|%]/;

/** One cell, quoted, with a formula neutralised. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole CSV document: a header row and the rows, CRLF line ends, with a byte-order mark. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
