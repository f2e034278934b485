/**
 * Bulk runs: one process started for a list of subjects (a township's households for a review),
 * by an officer or administrator (POST /api/tongban/bulk-starts) or by a schedule. A run fixes,
 * when it is created, the process version, who starts it (by value), the jurisdiction the subjects
 * must be in, and the subject ids in processing order (grouped by home, so one template case serves
 * many). bulkRunChunks.ts then starts them chunk by chunk. A run is idempotent on its origin key.
 */
import { getenv, newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { ActorByValue } from './eventActor.js';
import { conflict, notFound } from './httpError.js';
import { inList, selectRows } from './sqlRows.js';
import type { SubjectSelector } from './bulkStartRequest.js';
import { latestPublished } from './workflowCache.js';
import type { BulkRunOrigin, BulkRunView } from '../../engine/index.js';

export type { BulkRunOrigin, BulkRunView };


/** What {@link createBulkRun} needs. */
export interface NewBulkRun {
  /** The process; the run starts its newest published version (fixed for the run). */
  workflowKey: string;
  /** Subject ids (`subjects` collection); unknown ones become failed rows. */
  subjects: readonly string[];
  origin: BulkRunOrigin;
  /** Who starts the cases, by value (`systemActorByValue` for a schedule). */
  startedBy: ActorByValue;
  /** Subjects outside this org unit (and the units below it) fail; omitted: no limit (administrator, schedule). */
  unit?: string;
  /** The selector the subjects were chosen with, kept for the record. */
  selector?: SubjectSelector;
  /** The subjects are already grouped by home (a selector's query orders them so): not looked up again to order them. */
  inHomeOrder?: boolean;
}

/** A run as GET /api/tongban/bulk-starts/{id} answers it. */

/** What {@link createBulkRun} answers: the run, and whether this call created it. */
export interface CreatedBulkRun {
  run: BulkRunView;
  created: boolean;
}

/** Failures listed in a run's view. */
export const failuresShown = 100;

/** Rows per chunk (one transaction each): `TONGBAN_BULK_CHUNK`, default 500. */
export function chunkSize(): number {
  const configured = Number(getenv('TONGBAN_BULK_CHUNK'));
  return Number.isInteger(configured) && configured > 0 ? configured : 500;
}

/** The subjects' ids in processing order: grouped by home (county, township, village), in the given order within a home; unknown ids last. */
function processingOrder(tx: PbApp, ids: readonly string[]): string[] {
  const home = new Map<string, string>();
  for (let from = 0; from < ids.length; from += 500) {
    const list = inList(ids.slice(from, from + 500), 's');
    for (const r of selectRows(tx, `SELECT id, county, township, village FROM subjects WHERE id IN (${list.sql})`, list.params, { id: '', county: '', township: '', village: '' })) {
      home.set(r.id, `${r.county}|${r.township}|${r.village}`);
    }
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  const known = ids.filter((id) => home.has(id));
  known.sort((a, b) => (home.get(a)! < home.get(b)! ? -1 : home.get(a)! > home.get(b)! ? 1 : position.get(a)! - position.get(b)!));
  return [...known, ...ids.filter((id) => !home.has(id))];
}

/** The name of the run's process version, read from its record (no definition is compiled to show a name); its key when none. */
function processName(tx: PbApp, run: PbRecord): string {
  try {
    return tx.findRecordById('workflow_definitions', run.getString('workflow')).getString('name') || run.getString('workflow_key');
  } catch {
    return run.getString('workflow_key');
  }
}

/** The view of a run record. */
export function bulkRunView(tx: PbApp, run: PbRecord): BulkRunView {
  const total = run.getInt('total');
  const processed = run.getInt('cursor');
  const startedBy = readJson<ActorByValue | null>(run, 'started_by');
  const failures = tx.findRecordsByFilter('bulk_run_failures', 'run = {:r}', 'row', failuresShown, 0, { r: run.id }).map((f) => ({ row: f.getInt('row'), subject: f.getString('subject'), reason: f.getString('reason') }));
  return {
    id: run.id,
    workflow: { key: run.getString('workflow_key'), version: run.getInt('workflow_version'), name: processName(tx, run) },
    origin: { kind: run.getString('origin_kind') as BulkRunOrigin['kind'], key: run.getString('origin_key') },
    status: run.getString('status') as BulkRunView['status'],
    total,
    processed,
    started: run.getInt('started'),
    failed: run.getInt('failed'),
    progress: total === 0 ? 1 : Math.round((processed / total) * 10000) / 10000,
    startedBy: { id: startedBy?.id ?? '', name: startedBy?.name ?? '' },
    failures,
    createdAt: run.getString('created'),
    finishedAt: run.getString('finished_at') || null,
    error: run.getString('error') || null,
  };
}

/** The run of an origin, if one exists. */
export function runOfOrigin(tx: PbApp, origin: BulkRunOrigin): PbRecord | undefined {
  return tx.findRecordsByFilter('bulk_runs', 'origin_kind = {:k} && origin_key = {:key}', '', 1, 0, { k: origin.kind, key: origin.key })[0];
}

/**
 * Creates a bulk run inside the caller's transaction — or, when a run of the same origin exists,
 * answers that one (created: false): a schedule's period or an officer's commandId starts its
 * subjects once. The cases are started by {@link processBulkRun} (the request that created it,
 * the resume route, and the cron sweep). Throws 404 when the process has no published version,
 * 409 when the origin key was used for another process.
 */
export function createBulkRun(tx: PbApp, input: NewBulkRun): CreatedBulkRun {
  const existing = runOfOrigin(tx, input.origin);
  if (existing) {
    if (existing.getString('workflow_key') !== input.workflowKey) throw conflict('此请求编号已用于另一次批量发起。', 'origin_reused');
    return { run: bulkRunView(tx, existing), created: false };
  }
  const wf = latestPublished(tx, input.workflowKey);
  if (!wf) throw notFound(`没有已发布的流程“${input.workflowKey}”。`);
  // A subject listed twice is started once (its first row).
  const unique = [...new Set(input.subjects)];
  const subjects = input.inHomeOrder ? unique : processingOrder(tx, unique);
  const run = newRecord(tx, 'bulk_runs');
  run.set('workflow', wf.recordId);
  run.set('workflow_key', wf.definition.key);
  run.set('workflow_version', wf.definition.version);
  run.set('started_by', input.startedBy);
  run.set('started_by_user', input.startedBy.kind === 'system' ? '' : input.startedBy.id);
  run.set('unit', input.unit ?? '');
  run.set('origin_kind', input.origin.kind);
  run.set('origin_key', input.origin.key);
  run.set('subjects', subjects);
  run.set('selector', input.selector ?? null);
  run.set('chunk_size', chunkSize());
  run.set('cursor', 0);
  run.set('total', subjects.length);
  run.set('started', 0);
  run.set('failed', 0);
  run.set('status', subjects.length === 0 ? 'done' : 'queued');
  tx.save(run);
  return { run: bulkRunView(tx, run), created: true };
}
