/**
 * `POST /api/tongban/admin/workflows/{key}/drafts/{version}/publish`: a draft that passes the
 * checks of `tongban check` (designerCheck.ts) becomes a published, immutable version — its form
 * validator module made on the server (validatorSource.ts), its fingerprint as the loader computes
 * it, each division's overlay carried over to it as for any new national version
 * (overlayPublishing.ts) — and the audit log records `workflow.publish` with who, when and its diff
 * against the version it was drawn from. New cases start on it (the newest published national
 * version); running cases stay on theirs. A draft that does not check is refused with 409
 * `invalid_definition` and its problems, and nothing changes.
 */
import type { PublishAnswer } from '../../engine/api/designerRoutes.js';
import type { FormSchema } from '../../forms/core/index.js';
import { tagActor, tagAuditDetail } from './configAudit.js';
import { designerProblems, recordContent } from './designerCheck.js';
import { draftRecord, nationalRecord, processKey } from './designerRecords.js';
import { HttpError, conflict } from './httpError.js';
import { carryOverlays } from './overlayPublishing.js';
import { sha256, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { validatorModuleSource } from './validatorSource.js';
import { auditedChanges, versionChanges } from './versionChanges.js';

/** Publishes a draft; answers the version and its diff against the version it was drawn from. */
export function publishDraft(tx: PbApp, auth: PbRecord | null, key: string, version: number): RouteAnswer {
  processKey(key);
  const draft = draftRecord(tx, key, version);
  const content = recordContent(draft);
  const problems = designerProblems(key, content, version, tx);
  if (problems.length > 0) throw new HttpError(409, 'invalid_definition', `草稿“${key}”第 ${version} 版未通过检查（${problems.length} 个问题），不能发布。`, problems);
  const newest = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "published" && division = ""', '-version', 1, 0, { key })[0];
  if (newest && newest.getInt('version') >= version) throw conflict(`流程“${key}”已有更新的第 ${newest.getInt('version')} 版，不能再发布第 ${version} 版；请丢弃草稿后重新打开。`, 'stale_draft');
  const basedOn = draft.getInt('based_on');
  const base = basedOn > 0 ? nationalRecord(tx, key, basedOn) : undefined;
  const changes = base ? versionChanges(base, draft) : [];
  const formSchema = content.formSchema as FormSchema | null;
  draft.set('status', 'published');
  draft.set('validator_module', formSchema ? validatorModuleSource(formSchema) : '');
  // The loader's fingerprint: definition, form schema, UI schema and templates.
  draft.set('sha256', sha256(JSON.stringify([content.definition, content.formSchema, content.uiSchema, content.templates])));
  const carried = carryOverlays(draft);
  if ('refusal' in carried) throw carried.refusal;
  tagActor(tx, draft, auth);
  tagAuditDetail(draft, { basedOn, ...auditedChanges(changes) });
  tx.save(draft);
  carried.save();
  const answer: PublishAnswer = { key, version, basedOn, changes };
  return { status: 200, body: answer };
}
