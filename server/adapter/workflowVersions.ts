/**
 * `GET /api/tongban/admin/workflows/{key}/versions` (administrators): every version record of a
 * process, newest first — the national versions and, for each, the divisions' overlays
 * materialised over it — with the values local rules may change (parameters, overall limit), so
 * an administrator sees which rules a new case in each division starts on.
 */
import type { JsonValue, VersionsAnswer, WorkflowDefinition } from '../../engine/index.js';
import { notFound } from './httpError.js';
import { readJson, type PbApp } from './pocketbase.js';

/** Lists a process's version records; 404 for a key with none. */
export function workflowVersions(tx: PbApp, key: string): VersionsAnswer {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(key)) throw notFound('没有这个流程。');
  const records = tx.findRecordsByFilter('workflow_definitions', 'key = {:key}', '-version,division,-overlay_version', 1000, 0, { key });
  if (records.length === 0) throw notFound('没有这个流程。');
  const names = new Map<string, string>();
  const nameOf = (code: string): string => {
    if (!code) return '';
    if (!names.has(code)) {
      let name = '';
      try {
        name = tx.findFirstRecordByFilter('org_units', 'code = {:code}', { code }).getString('name');
      } catch {
        name = '';
      }
      names.set(code, name);
    }
    return names.get(code)!;
  };
  return {
    key,
    versions: records.map((r) => {
      const definition = readJson<WorkflowDefinition | null>(r, 'definition');
      return {
        id: r.id,
        version: r.getInt('version'),
        status: r.getString('status'),
        division: r.getString('division'),
        divisionName: nameOf(r.getString('division')),
        overlayVersion: r.getInt('overlay_version'),
        base: r.getString('base'),
        overlay: readJson<JsonValue | null>(r, 'overlay'),
        parameters: definition?.parameters ?? {},
        limit: definition?.limit ?? null,
        created: r.getString('created'),
      };
    }),
  };
}
