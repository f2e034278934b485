/**
 * The studio's view of bulk starts: `GET /api/tongban/bulk-starts` lists the runs (administrators,
 * newest first, paged) with the processes an administrator may start in bulk, and
 * `GET /api/tongban/bulk-starts/{id}/rows` lists a run's processed rows in order — each row's
 * subject and the case it started (its case number) or why it could not start. Rows are read from
 * the run's fixed subject list, the cases that name the run (`applications.bulk_run`) and its
 * failures; nothing here writes.
 */
import { startersOf, type WorkflowDefinition, type BulkRunListAnswer, type BulkRunRow, type BulkRunRowsAnswer, type BulkRunSummary, type BulkStartableProcess } from '../../engine/index.js';
import { bulkRunView } from './bulkRuns.js';
import { badRequest } from './httpError.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { inList, selectRows } from './sqlRows.js';

/** The statuses a list may be filtered by. */
const runStatuses = new Set(['queued', 'running', 'done', 'failed']);

/** A page query read from a URL (`page` from 1, `perPage` 1–`max`). */
function pageOf(page: string, perPage: string, max: number): { page: number; perPage: number } {
  const p = page === '' ? 1 : Number(page);
  const n = perPage === '' ? Math.min(50, max) : Number(perPage);
  const problems = [];
  if (!Number.isInteger(p) || p < 1) problems.push({ path: '/page', message: '页码应为从 1 开始的整数。' });
  if (!Number.isInteger(n) || n < 1 || n > max) problems.push({ path: '/perPage', message: `每页条数应为 1 到 ${max} 的整数。` });
  if (problems.length > 0) throw badRequest('查询参数不正确。', problems);
  return { page: p, perPage: n };
}

/**
 * The processes an administrator may start in bulk: the newest published national version of each
 * process whose definition declares an `officer` starter. Read from the stored definitions, not
 * compiled (a list must not wait for every process to compile).
 */
export function bulkStartableProcesses(app: PbApp): BulkStartableProcess[] {
  const records = app.findRecordsByFilter('workflow_definitions', 'status = "published" && division = ""', 'key,-version', 2000, 0);
  const startable: BulkStartableProcess[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const key = record.getString('key');
    if (seen.has(key)) continue;
    seen.add(key);
    const definition = readJson<WorkflowDefinition | null>(record, 'definition');
    const starters = definition && typeof definition === 'object' ? startersOf(definition) : [];
    if (!Array.isArray(starters) || !starters.some((s) => s.kind === 'officer')) continue;
    const kind = definition!.subject?.kind;
    startable.push({ key, name: record.getString('name') || definition!.name, version: record.getInt('version'), subjectKind: kind === 'person' || kind === 'organisation' ? kind : null });
  }
  return startable;
}

function summaryOf(app: PbApp, run: PbRecord): BulkRunSummary {
  const { failures: _failures, ...view } = bulkRunView(app, run);
  return view;
}

/** `GET /api/tongban/bulk-starts` (administrators): runs newest first, optionally of one status or process. */
export function listBulkRuns(app: PbApp, query: { page: string; perPage: string; status: string; workflow: string }): BulkRunListAnswer {
  const { page, perPage } = pageOf(query.page, query.perPage, 100);
  if (query.status !== '' && !runStatuses.has(query.status)) throw badRequest('查询参数不正确。', [{ path: '/status', message: '状态应为 queued、running、done 或 failed。' }]);
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.status !== '') {
    where.push('status = {:status}');
    params.status = query.status;
  }
  if (query.workflow !== '') {
    where.push('workflow_key = {:workflow}');
    params.workflow = query.workflow;
  }
  const filter = where.join(' && ');
  const totalItems = selectRows(app, `SELECT COUNT(*) AS n FROM bulk_runs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`, params, { n: 0 })[0]?.n ?? 0;
  const runs = app.findRecordsByFilter('bulk_runs', filter, '-created,-id', perPage, (page - 1) * perPage, params);
  return { items: runs.map((r) => summaryOf(app, r)), page, perPage, totalItems, totalPages: Math.ceil(totalItems / perPage), startable: bulkStartableProcesses(app) };
}

/** `GET /api/tongban/bulk-starts/{id}/rows` for a run the asker may read: its processed rows, in processing order. */
export function bulkRunRows(app: PbApp, run: PbRecord, query: { page: string; perPage: string }): BulkRunRowsAnswer {
  const { page, perPage } = pageOf(query.page, query.perPage, 500);
  const processed = run.getInt('cursor');
  const from = (page - 1) * perPage;
  const to = Math.min(processed, from + perPage);
  const subjects = (readJson<string[] | null>(run, 'subjects') ?? []).slice(from, Math.max(from, to));
  const items: BulkRunRow[] = [];
  if (subjects.length > 0) {
    const list = inList(subjects, 's');
    const names = new Map(selectRows(app, `SELECT id, name FROM subjects WHERE id IN (${list.sql})`, list.params, { id: '', name: '' }).map((r) => [r.id, r.name]));
    const cases = new Map(selectRows(app, `SELECT id, case_no, subject FROM applications WHERE bulk_run = {:run} AND subject IN (${list.sql})`, { ...list.params, run: run.id }, { id: '', case_no: '', subject: '' }).map((r) => [r.subject, { id: r.id, caseNo: r.case_no }]));
    const errors = new Map(selectRows(app, 'SELECT row, reason FROM bulk_run_failures WHERE run = {:run} AND row >= {:from} AND row < {:to}', { run: run.id, from, to }, { row: 0, reason: '' }).map((r) => [r.row, r.reason]));
    subjects.forEach((id, i) => {
      const row = from + i;
      const error = errors.get(row) ?? null;
      items.push({ row, subject: { id, name: names.get(id) ?? '' }, case: error === null ? cases.get(id) ?? null : null, error });
    });
  }
  return { items, page, perPage, totalItems: processed, totalPages: Math.ceil(processed / perPage) };
}
