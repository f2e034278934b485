/**
 * `POST /api/tongban/admin/workflows/{key}/versions/{version}/retire`: a published national
 * version (and the divisions' overlays over it) is retired — it starts no new case (new cases start
 * on the newest version still published, or none when there is none), while the cases running on
 * it continue to their end. Each record's retirement is audited (`workflow.retire`).
 */
import { tagActor } from './configAudit.js';
import { nationalRecord, processKey } from './designerRecords.js';
import { conflict, notFound } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** Retires a published version and its overlays; answers which records were retired. */
export function retireVersion(tx: PbApp, auth: PbRecord | null, key: string, version: number): RouteAnswer {
  processKey(key);
  const record = nationalRecord(tx, key, version);
  if (!record) throw notFound(`流程“${key}”没有第 ${version} 版。`);
  if (record.getString('status') !== 'published') throw conflict(record.getString('status') === 'draft' ? '草稿尚未发布，不能停用；可直接丢弃。' : `流程“${key}”第 ${version} 版已停用。`, 'not_published');
  const overlays = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && version = {:version} && division != "" && status = "published"', 'division,overlay_version', 10000, 0, { key, version });
  const retired: string[] = [];
  tx.runInTransaction((t) => {
    for (const r of [record, ...overlays]) {
      r.set('status', 'retired');
      tagActor(t, r, auth);
      t.save(r);
      retired.push(r.getString('division'));
    }
  });
  const stillPublished = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "published" && division = ""', '-version', 1, 0, { key })[0];
  return { status: 200, body: { key, version, status: 'retired', divisions: retired.filter((d) => d !== ''), newCasesStartOn: stillPublished ? stillPublished.getInt('version') : null } };
}
