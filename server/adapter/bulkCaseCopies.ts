/**
 * Copies of a template case, for a bulk start: cases of one process, started in one transaction at
 * one instant by one starter for subjects of one home (village, township, county), are the same
 * case but for their id, number, subject, title and the command id of their first event (and so
 * that event's hash), and their tasks' copy of the case number's serial. The template is started by the real engine (`createCase`); each copy's rows —
 * the case, its first event, and every task, timer and outbox row of the template — are inserted
 * by SQL from the template's rows with those columns replaced, so every other column is exactly
 * what the engine and the model layer wrote. A template whose start wrote rows in any other table
 * that refers to cases is not copied (the caller starts each case itself).
 */
import type { PbApp } from './pocketbase.js';
import { caseSerialOf } from './queueFilterCopies.js';
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
const rowsPerStatement = 500;

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

/**
 * Every collection with an `application` column (rows that belong to a case). The tables SQL
 * triggers keep from the cases and events (unread_starts, acted_cases and its notes: migrations
 * 1764201502, 1764202101) are no collections: a copy's rows there are written by its own inserts'
 * triggers, as the template's were, so they neither are copied nor keep a template from being copied.
 */
function caseTables(tx: PbApp): string[] {
  tablesReferringToCases ??= selectRows(
    tx,
    "SELECT m.name AS name FROM sqlite_master m JOIN _collections c ON c.name = m.name JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'application' ORDER BY m.name",
    {},
    { name: '' },
  ).map((r) => r.name);
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

/**
 * The INSERT … SELECT that copies the template's rows of `table` (by rowid) once per VALUES row,
 * with the `replaced` columns taken from the VALUES row (or an expression).
 */
function copyStatement(tx: PbApp, table: string, replaced: Record<string, string>, rowids: readonly number[], rows: readonly string[][]): { sql: string; params: Record<string, unknown> } {
  const columns = columnsOf(tx, table);
  const select = columns.map((c) => (Object.prototype.hasOwnProperty.call(replaced, c) ? replaced[c]! : `t.${quoted(c)}`));
  const params: Record<string, unknown> = {};
  const values = rows.map((row, r) => `(${row.map((value, c) => { params[`v${r}_${c}`] = value; return `{:v${r}_${c}}`; }).join(', ')})`).join(', ');
  // The template's rows are the outer loop, found by rowid: no scan per copy, whatever the table's indexes.
  const templateRows = rowids.map((rowid) => String(Math.trunc(rowid))).join(', ');
  return {
    sql: `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) SELECT ${select.join(', ')} FROM ${quoted(table)} AS t CROSS JOIN (VALUES ${values}) AS v WHERE t.rowid IN (${templateRows})`,
    params,
  };
}

const randomId = 'substr(lower(hex(randomblob(8))), 1, 15)';

/** The rowids of the template's rows in `table` (`column` = the template id). */
function templateRowids(tx: PbApp, table: string, column: string, templateId: string): number[] {
  return selectRows(tx, `SELECT rowid AS n FROM ${quoted(table)} WHERE ${quoted(column)} = {:id}`, { id: templateId }, { n: 0 }).map((r) => r.n);
}

/** Inserts the copies of the template case (see the file comment); the template must be {@link copyableTemplate}. */
export function insertCaseCopies(tx: PbApp, templateId: string, copies: readonly CaseCopy[]): void {
  const plan: { table: string; replaced: Record<string, string>; rowids: number[]; values: (c: CaseCopy) => string[] }[] = [
    { table: 'applications', replaced: { id: 'v.column1', case_no: 'v.column2', subject: 'v.column3', title: 'v.column4' }, rowids: templateRowids(tx, 'applications', 'id', templateId), values: (c) => [c.id, c.caseNo, c.subject, c.title] },
    // An event carries its own case's number and title too (migration 1764202301: set by its writer, no trigger sets them on insert).
    {
      table: 'events',
      replaced: { id: randomId, application: 'v.column1', command_id: 'v.column2', hash: 'v.column3', case_no: 'v.column4', case_title: 'v.column5' },
      rowids: templateRowids(tx, 'events', 'application', templateId),
      values: (c) => [c.id, c.commandId, c.hash, c.caseNo, c.title],
    },
    // A task carries its own case's serial, number and title (migrations 1764201701, 1764202201 refuse a task whose copies disagree with its case).
    {
      table: 'tasks',
      replaced: { id: randomId, application: 'v.column1', case_serial: 'CAST(v.column2 AS INTEGER)', case_no: 'v.column3', case_title: 'v.column4' },
      rowids: templateRowids(tx, 'tasks', 'application', templateId),
      values: (c) => [c.id, String(caseSerialOf(c.caseNo)), c.caseNo, c.title],
    },
    ...['timers', 'outbox'].map((table) => ({ table, replaced: { id: randomId, application: 'v.column1' }, rowids: templateRowids(tx, table, 'application', templateId), values: (c: CaseCopy) => [c.id] })),
  ];
  for (let from = 0; from < copies.length; from += rowsPerStatement) {
    const batch = copies.slice(from, from + rowsPerStatement);
    for (const step of plan) {
      if (step.rowids.length === 0) continue;
      const { sql, params } = copyStatement(tx, step.table, step.replaced, step.rowids, batch.map(step.values));
      executeSql(tx, sql, params);
    }
  }
}
