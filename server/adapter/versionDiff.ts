/**
 * `GET /api/tongban/admin/workflows/{key}/diff?from=&to=`: the changes between two national
 * versions of a process (drafts included), as publishing records them (versionChanges.ts).
 */
import type { VersionDiffAnswer } from '../../engine/api/designerRoutes.js';
import { nationalRecord, processKey } from './designerRecords.js';
import { badRequest, notFound } from './httpError.js';
import type { PbApp } from './pocketbase.js';
import { versionChanges } from './versionChanges.js';

function versionParam(value: string, name: string): number {
  if (!/^\d{1,6}$/.test(value)) throw badRequest(`“${name}”须是版本号。`, [{ path: `/${name}`, message: '须是版本号（正整数）。' }]);
  return Number(value);
}

/** `GET …/diff?from=&to=`: the changes between two national versions (drafts included). */
export function versionDiff(tx: PbApp, key: string, fromText: string, toText: string): VersionDiffAnswer {
  processKey(key);
  const from = versionParam(fromText, 'from');
  const to = versionParam(toText, 'to');
  const a = nationalRecord(tx, key, from);
  const b = nationalRecord(tx, key, to);
  if (!a || !b) throw notFound(`流程“${key}”没有第 ${!a ? from : to} 版。`);
  return { key, from, to, changes: versionChanges(a, b) };
}
