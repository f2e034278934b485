/**
 * Copies of a template case, for a bulk start: cases of one process, started in one transaction at
 * one instant by one starter for subjects of one home (village, township, county), are the same
 * case but for their id, number, subject, title and the command id of their first event (and so
 * that event's hash). The template is started by the real engine (`createCase`); each copy's rows —
 * the case, its first event, and every task, timer and outbox row of the template — are inserted
 * by SQL from the template's rows with those columns replaced, so every other column is exactly
 * what the engine and the model layer wrote. A template whose start wrote rows in any other table
 * that refers to cases is not copied (the caller starts each case itself).
 */
import type { PbApp } from './pocketbase.js';
import { executeSql, selectRows, tableColumns } from './sqlRows.js';

/** One copy of a template case. */
export interface CaseCopy {
  id: string;
  caseNo: string;
  subject: string;
  title: string;
  commandId: string;
  /** The hash of its first event (the template's with this command id). */
  hash: string;
}

/** The tables whose rows of a started case are copied with it (beside `applications`). */
const copiedTables = ['events', 'tasks', 'timers', 'outbox'] as const;

/** Rows per INSERT statement (4 bound values each). */
const rowsPerStatement = 200;

const columnsByTable = new Map<string, string[]>();
let tablesReferringToCases: string[] | undefined;

function columnsOf(tx: PbApp, table: string): string[] {
  let columns = columnsByTable.get(table);
  if (!columns) {
    columns = tableColumns(tx, table);
    columnsByTable.set(table, columns);
  }
  return columns;
}

/** Every table with an `application` column (rows that belong to a case). */
function caseTables(tx: PbApp): string[] {
  tablesReferringToCases ??= selectRows(tx, "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'application' ORDER BY m.name", {}, { name: '' }).map((r) => r.name);
  return tablesReferringToCases;
}

const quoted = (column: string) => `"${column.replace(/"/g, '""')}"`;

/**
 * Whether the template case can be copied: it has exactly one event (its start) and no rows in
 * tables other than those copied, and no child case.
 */
export function copyableTemplate(tx: PbApp, templateId: string): boolean {
  const others = caseTables(tx).filter((t) => !(copiedTables as readonly string[]).includes(t));
  const counts = [
    `SELECT count(*) AS n FROM events WHERE application = {:id}`,
    `SELECT count(*) AS n FROM applications WHERE parent = {:id}`,
    ...others.map((t) => `SELECT count(*) AS n FROM ${quoted(t)} WHERE application = {:id}`),
  ];
  const rows = selectRows(tx, counts.join(' UNION ALL '), { id: templateId }, { n: 0 });
  return rows[0]!.n === 1 && rows.slice(1).every((r) => r.n === 0);
}

/** The INSERT … SELECT that copies `table`'s rows of the template, replacing `replaced` columns by the VALUES columns (or an expression). */
function copyStatement(tx: PbApp, table: string, replaced: Record<string, string>, templateColumn: string, width: number, count: number): { sql: string; slots: (row: number, col: number) => string } {
  const columns = columnsOf(tx, table);
  const select = columns.map((c) => Object.prototype.hasOwnProperty.call(replaced, c) ? replaced[c]! : `t.${quoted(c)}`);
  const values = Array.from({ length: count }, (_, r) => `(${Array.from({ length: width }, (_, c) => `{:v${r}_${c}}`).join(', ')})`).join(', ');
  return {
    sql: `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) SELECT ${select.join(', ')} FROM (VALUES ${values}) AS v CROSS JOIN ${quoted(table)} AS t WHERE t.${quoted(templateColumn)} = {:template}`,
    slots: (row, col) => `v${row}_${col}`,
  };
}

const randomId = 'substr(lower(hex(randomblob(8))), 1, 15)';

function insertBatch(tx: PbApp, table: string, replaced: Record<string, string>, templateColumn: string, templateId: string, rows: string[][]): void {
  const width = rows[0]!.length;
  const { sql, slots } = copyStatement(tx, table, replaced, templateColumn, width, rows.length);
  const params: Record<string, unknown> = { template: templateId };
  rows.forEach((row, r) => row.forEach((value, c) => { params[slots(r, c)] = value; }));
  executeSql(tx, sql, params);
}

/** Inserts the copies of the template case (see the file comment); the template must be {@link copyableTemplate}. */
export function insertCaseCopies(tx: PbApp, templateId: string, copies: readonly CaseCopy[]): void {
  for (let from = 0; from < copies.length; from += rowsPerStatement) {
    const batch = copies.slice(from, from + rowsPerStatement);
    insertBatch(tx, 'applications', { id: 'v.column1', case_no: 'v.column2', subject: 'v.column3', title: 'v.column4' }, 'id', templateId, batch.map((c) => [c.id, c.caseNo, c.subject, c.title]));
    insertBatch(tx, 'events', { id: randomId, application: 'v.column1', command_id: 'v.column2', hash: 'v.column3' }, 'application', templateId, batch.map((c) => [c.id, c.commandId, c.hash]));
    for (const table of ['tasks', 'timers', 'outbox']) {
      insertBatch(tx, table, { id: randomId, application: 'v.column1' }, 'application', templateId, batch.map((c) => [c.id]));
    }
  }
}
