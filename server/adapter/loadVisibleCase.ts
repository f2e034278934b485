/**
 * Loads a case for a signed-in user: 404 when it does not exist or lies outside their
 * jurisdiction and they were not made its reader (抄送, 加签) — the two are indistinguishable on purpose — else the record, the actor, the
 * pinned workflow, the snapshot and the data.
 */
import type { Actor, CaseSnapshot, JsonValue } from '../../engine/index.js';
import { actorOf } from './actors.js';
import { actorOnCase, canSeeCase } from './access.js';
import { isCaseReader } from './caseReaders.js';
import { notFound } from './httpError.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** A case as loaded for one user. */
export interface VisibleCase {
  record: PbRecord;
  actor: Actor;
  wf: LoadedWorkflow;
  snapshot: CaseSnapshot;
  data: Record<string, JsonValue>;
}

/** Loads `caseId` for `auth` through `app` (or a transaction). */
export function loadVisibleCase(app: PbApp, auth: PbRecord, caseId: string): VisibleCase {
  let record: PbRecord;
  try {
    record = app.findRecordById('applications', caseId);
  } catch {
    throw notFound('案件不存在。');
  }
  const actor = actorOnCase(actorOf(app, auth), record);
  if (!canSeeCase(actor, record) && !isCaseReader(app, record.id, actor.id)) throw notFound('案件不存在。');
  const wf = workflowByRecord(app, record.getString('workflow'));
  const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
  const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
  return { record, actor, wf, snapshot, data };
}
