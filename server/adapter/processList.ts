/**
 * `GET /api/tongban/admin/processes` (administrators): every process with its name and every
 * version record — drafts, published and retired national versions and the divisions' overlays
 * over them — newest first, each with the cases still running on it. The studio's designer lists
 * processes from it.
 */
import type { ProcessListAnswer, ProcessSummary, ProcessVersionSummary, VersionStatus } from '../../engine/api/designerRoutes.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/** Cases still running, by the version record they run on. */
function runningByRecord(tx: PbApp): Map<string, number> {
  const rows = selectRows(tx, "SELECT workflow, COUNT(*) AS n FROM applications WHERE status = 'active' GROUP BY workflow", {}, { workflow: '', n: 0 });
  return new Map(rows.map((r) => [r.workflow, r.n]));
}

/** One version record as the list shows it. */
export function versionSummary(record: PbRecord, running: number): ProcessVersionSummary & { basedOn: number } {
  return {
    id: record.id,
    version: record.getInt('version'),
    status: record.getString('status') as VersionStatus,
    division: record.getString('division'),
    overlayVersion: record.getInt('overlay_version'),
    runningCases: running,
    basedOn: record.getInt('based_on'),
    created: record.getString('created'),
    updated: record.getString('updated'),
  };
}

/** Every process and its versions, by key. */
export function processList(tx: PbApp): ProcessListAnswer {
  const running = runningByRecord(tx);
  const byKey = new Map<string, ProcessSummary>();
  const records = tx.findRecordsByFilter('workflow_definitions', 'key != ""', 'key,-version,division,-overlay_version', 100000, 0);
  for (const r of records) {
    const key = r.getString('key');
    let process = byKey.get(key);
    if (!process) {
      process = { key, name: r.getString('name'), versions: [] };
      byKey.set(key, process);
    }
    // The name is the newest published national version's, else the newest record's.
    if (r.getString('division') === '' && r.getString('status') === 'published' && !process.versions.some((v) => v.division === '' && v.status === 'published')) process.name = r.getString('name');
    process.versions.push(versionSummary(r, running.get(r.id) ?? 0));
  }
  return { processes: [...byKey.values()] };
}
