/**
 * Raw SQL inside PocketBase's goja VM, for the few places that read or copy many rows at once
 * (bulk starts): rows read into plain objects of a given shape, statements with bound parameters,
 * and new record ids as PocketBase makes them.
 */
import type { PbApp, PbExecResult } from './pocketbase.js';

declare const DynamicModel: new (shape: Record<string, unknown>) => Record<string, unknown>;
declare const arrayOf: <T>(model: T) => T[];
declare const $security: { randomStringWithAlphabet(length: number, alphabet: string): string };

interface RawQuery {
  bind(params: Record<string, unknown>): RawQuery;
  all(into: unknown): void;
  execute(): PbExecResult;
}

function query(tx: PbApp, sql: string, params: Record<string, unknown>): RawQuery {
  return (tx.db().newQuery(sql) as unknown as RawQuery).bind(params);
}

/**
 * The rows of a query, each a plain object with the fields of `shape` (whose values give the
 * types: '' text, 0 number). Column names must match the shape's keys.
 */
export function selectRows<T extends Record<string, string | number>>(tx: PbApp, sql: string, params: Record<string, unknown>, shape: T): T[] {
  const rows = arrayOf(new DynamicModel(shape));
  query(tx, sql, params).all(rows);
  const keys = Object.keys(shape);
  // Copied out of the Go-backed models into plain objects.
  return rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k]])) as T);
}

/** Runs a statement; returns the number of rows it changed. */
export function executeSql(tx: PbApp, sql: string, params: Record<string, unknown>): number {
  return query(tx, sql, params).execute().rowsAffected();
}

/** A new record id as PocketBase makes them: 15 characters of a–z and 0–9. */
export function newRecordId(): string {
  return $security.randomStringWithAlphabet(15, 'abcdefghijklmnopqrstuvwxyz0123456789');
}

/** The columns of a table, in order. */
export function tableColumns(tx: PbApp, table: string): string[] {
  return selectRows(tx, 'SELECT name FROM pragma_table_info({:t}) ORDER BY cid', { t: table }, { name: '' }).map((r) => r.name);
}

/** `{:p0}, {:p1} …` for a list of values, with the bound parameters (names prefixed with `prefix`). */
export function inList(values: readonly string[], prefix: string): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const names = values.map((v, i) => {
    params[`${prefix}${i}`] = v;
    return `{:${prefix}${i}}`;
  });
  return { sql: names.join(', '), params };
}
