/**
 * `GET /api/tongban/admin/processes` (administrators): every process with its name and every
 * version record — drafts, published and retired national versions and the divisions' overlays
 * over them — newest first, each with the cases still running on it. The studio's designer lists
 * processes from it.
 */
import type { ProcessListAnswer, ProcessSummary, ProcessVersionSummary, VersionStatus } from '../../engine/api/designerRoutes.js';
import type { PbApp } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/** Cases still running, by the version record they run on. */
function runningByRecord(tx: PbApp): Map<string, number> {
  const rows = selectRows(tx, "SELECT workflow, COUNT(*) AS n FROM applications WHERE status = 'active' GROUP BY workflow", {}, { workflow: '', n: 0 });
  return new Map(rows.map((r) => [r.workflow, r.n]));
}

/** The columns the list reads (not the definitions, forms and templates: they are big). */
const versionRow = { id: '', key: '', name: '', version: 0, status: '', division: '', overlay_version: 0, based_on: 0, created: '', updated: '' };

/** One version row as the list shows it. */
function versionSummary(row: typeof versionRow, running: number): ProcessVersionSummary & { basedOn: number } {
  return {
    id: row.id,
    version: row.version,
    status: row.status as VersionStatus,
    division: row.division,
    overlayVersion: row.overlay_version,
    runningCases: running,
    basedOn: row.based_on,
    created: row.created,
    updated: row.updated,
  };
}

/** Every process and its versions, by key. */
export function processList(tx: PbApp): ProcessListAnswer {
  const running = runningByRecord(tx);
  const byKey = new Map<string, ProcessSummary>();
  const rows = selectRows(
    tx,
    "SELECT id, key, name, version, status, COALESCE(division, '') AS division, COALESCE(overlay_version, 0) AS overlay_version, COALESCE(based_on, 0) AS based_on, created, updated FROM workflow_definitions WHERE key != '' ORDER BY key, version DESC, division, overlay_version DESC",
    {},
    versionRow,
  );
  for (const r of rows) {
    let process = byKey.get(r.key);
    if (!process) {
      process = { key: r.key, name: r.name, versions: [] };
      byKey.set(r.key, process);
    }
    // The name is the newest published national version's, else the newest record's.
    if (r.division === '' && r.status === 'published' && !process.versions.some((v) => v.division === '' && v.status === 'published')) process.name = r.name;
    process.versions.push(versionSummary(r, running.get(r.id) ?? 0));
  }
  return { processes: [...byKey.values()] };
}
