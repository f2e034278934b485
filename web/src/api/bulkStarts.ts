/**
 * Bulk starts as the studio uses them (docs/api.md, "Bulk starts"): the list of runs with the
 * processes one may start in bulk, a dry-run count, starting a run, its progress, its rows, and
 * resuming a stopped run.
 */
import type { BulkRunListAnswer, BulkRunRowsAnswer, BulkRunView, BulkStartDryRun } from '../../../engine/index.js';
import { pb } from './client.js';

/** Which subjects a run is for: an org unit's (and below), optionally with a fact of a value. */
export interface BulkSelector {
  unit?: string;
  fact?: { path: string; equals: string };
}

/** A page of runs, newest first, and the processes that allow a bulk start. */
export function listBulkRuns(page = 1, perPage = 20): Promise<BulkRunListAnswer> {
  return pb.send(`/api/tongban/bulk-starts?page=${page}&perPage=${perPage}`, {});
}

/** How many subjects a run of `workflow` for `selector` would have (nothing is started). */
export function countBulkStart(workflow: string, selector: BulkSelector): Promise<BulkStartDryRun> {
  return pb.send('/api/tongban/bulk-starts', { method: 'POST', body: { workflow, commandId: crypto.randomUUID(), selector, dryRun: true } });
}

/** Starts a run (the same `commandId` again answers the same run). */
export function startBulkRun(workflow: string, selector: BulkSelector, commandId: string): Promise<BulkRunView> {
  return pb.send('/api/tongban/bulk-starts', { method: 'POST', body: { workflow, commandId, selector } });
}

/** A run's progress. */
export function bulkRun(id: string): Promise<BulkRunView> {
  return pb.send(`/api/tongban/bulk-starts/${encodeURIComponent(id)}`, {});
}

/** A page of a run's processed rows: each subject's case or error. */
export function bulkRunRows(id: string, page = 1, perPage = 50): Promise<BulkRunRowsAnswer> {
  return pb.send(`/api/tongban/bulk-starts/${encodeURIComponent(id)}/rows?page=${page}&perPage=${perPage}`, {});
}

/** Continues a stopped run from its last committed chunk. */
export function resumeBulkRun(id: string): Promise<BulkRunView> {
  return pb.send(`/api/tongban/bulk-starts/${encodeURIComponent(id)}/resume`, { method: 'POST' });
}
