/**
 * Importing rows from an administrator's spreadsheet (people, the 近亲属 register): every row is
 * checked before anything is written; when any row is wrong nothing is applied — unless the
 * administrator chose to apply the valid rows — and each problem names its row and column. A
 * dry run only reports. The rows that are applied are written in one transaction.
 */
import type { RowImportAnswer } from '../../engine/index.js';
import { badRequest, invalidData, type FieldProblem } from './httpError.js';
import type { PbApp } from './pocketbase.js';

/** The most rows one import takes. */
export const maxImportRows = 1000;

/** An import request as read (the wire type is `RowImportRequest` in engine/api/adminRoutes.ts). */
export interface RowImportRequest {
  rows: Record<string, unknown>[];
  /** Apply the valid rows even when others are wrong (the administrator chose to). */
  applyValid: boolean;
  /** Only check; write nothing. */
  dryRun: boolean;
}

/** A row's check: the value to write, or the row's problems (paths relative to the row, e.g. `/email`). */
export type RowCheck<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Reads an import request body, refusing one that is not `{ rows: [objects…] }` within the limit. */
export function readRowImport(body: unknown): RowImportRequest {
  const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const rows = Object.hasOwn(value, 'rows') ? value.rows : undefined;
  if (!Array.isArray(rows) || rows.length === 0) throw badRequest('没有可导入的行。', [{ path: '/rows', message: '请提供至少一行数据。' }]);
  if (rows.length > maxImportRows) throw badRequest(`一次最多导入 ${maxImportRows} 行。`, [{ path: '/rows', message: `共 ${rows.length} 行，请分批导入。` }]);
  rows.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw badRequest('每一行都应是一个对象。', [{ path: `/rows/${index}`, message: '这一行不是对象。' }]);
  });
  return { rows: rows as Record<string, unknown>[], applyValid: value.applyValid === true, dryRun: value.dryRun === true };
}

/** The sheet's row number of a row (the header is row 1). */
export function sheetRow(index: number): number {
  return index + 2;
}

/**
 * Checks every row, then (unless a dry run) writes the valid ones in one transaction — or refuses
 * the whole import with 422 and every problem when any row is wrong and `applyValid` is not set.
 */
export function importRows<T, R>(
  app: PbApp,
  request: RowImportRequest,
  check: (row: Record<string, unknown>, index: number) => RowCheck<T>,
  apply: (tx: PbApp, value: T, index: number) => R,
  /** Called in the same transaction after the rows are written (e.g. to audit the import). */
  finish?: (tx: PbApp, results: R[]) => void,
): RowImportAnswer<R> {
  const checked = request.rows.map((row, index) => ({ index, check: check(row, index) }));
  const problems = checked.flatMap(({ index, check: c }) =>
    c.ok ? [] : c.problems.map((p) => ({ path: `/rows/${index}${p.path}`, message: `第 ${sheetRow(index)} 行：${p.message}` })),
  );
  const valid = checked.filter((c): c is { index: number; check: { ok: true; value: T } } => c.check.ok);
  const answer = { total: request.rows.length, valid: valid.length, problems, dryRun: request.dryRun };
  if (request.dryRun) return { ...answer, applied: 0, results: [] };
  if (problems.length > 0 && !request.applyValid) {
    throw invalidData(`有 ${request.rows.length - valid.length} 行有误，未导入任何一行。请改正后重新导入，或选择只导入正确的行。`, problems);
  }
  const results: R[] = [];
  app.runInTransaction((tx) => {
    for (const { index, check: c } of valid) results.push(apply(tx, c.value, index));
    finish?.(tx, results);
  });
  return { ...answer, applied: results.length, results };
}

/** A row's text cell, trimmed ('' when missing or not text/number). */
export function cellText(row: Record<string, unknown>, column: string): string {
  const value = Object.hasOwn(row, column) ? row[column] : undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
