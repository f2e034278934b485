/**
 * `POST /api/tongban/cases/{id}/reveal` `{field, reason}`: an officer who works the current step
 * sees one masked field in full, where the step's definition grants it (`form.reveal`). The reveal
 * is a deliberate act with a reason, written to the audit log (`field.reveal`, with the case and
 * the field) in the same transaction; the applicant reads these entries on their timeline.
 */
import { availableActions } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { recordAudit } from './audit.js';
import { revealGrants } from './caseView.js';
import { offersNotClaimedByOthers } from './claimedTask.js';
import { now } from './clock.js';
import { badRequest, forbidden, notFound } from './httpError.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { loadVisibleCase } from './loadVisibleCase.js';
import { parseBody } from './parseBody.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

interface RevealBody {
  field: string;
  reason: string;
}

const segments = (pointer: string) => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Whether a concrete pointer is covered by a granted one (`*` matches one array index). */
function granted(pattern: string, pointer: string): boolean {
  const p = pattern.split('/');
  const f = pointer.split('/');
  return p.length === f.length && p.every((s, i) => s === f[i] || (s === '*' && /^\d+$/.test(f[i]!)));
}

/** The value at a pointer, through own properties only. */
function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const key of segments(pointer)) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function unitName(app: PbApp, id: string): string {
  if (!id) return '';
  try {
    return app.findRecordById('org_units', id).getString('name');
  } catch {
    return '';
  }
}

/** Reveals one field of a case to the signed-in officer, audited. */
export function revealField(app: PbApp, auth: PbRecord, caseId: string, rawBody: unknown): RouteAnswer {
  const body = parseBody<RevealBody>(rawBody, {
    field: { type: 'string', required: true, maxLength: 300 },
    reason: { type: 'string', required: true, maxLength: 500 },
  });
  if (!/^(\/[^/]+)+$/.test(body.field)) throw badRequest('请求格式不正确。', [{ path: '/field', message: '须为字段路径，如 "/household/members/0/idNumber"。' }]);
  if (body.reason.trim().length < 2) throw badRequest('请说明查看完整信息的理由。', [{ path: '/reason', message: '理由至少2个字。' }]);
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, auth, caseId);
  const offers = offersNotClaimedByOthers(app, record.id, wf, snapshot, actor, availableActions(wf.compiled, snapshot, actor, { data, recusedActors: recusedStaff(app, caseIdNumberHashes(data, wf.idFields)) }));
  if (!revealGrants(actor, snapshot, wf, offers).some((g) => granted(g, body.field))) throw forbidden('此步骤不允许您查看该字段的完整内容。', 'reveal_not_granted');
  const value = valueAt(data, body.field);
  if (typeof value !== 'string' || value === '') throw notFound('该字段没有内容。');
  app.runInTransaction((tx) => {
    recordAudit(tx, {
      action: 'field.reveal',
      actor: { id: auth.id, name: auth.getString('name'), role: auth.getString('role'), unit: unitName(tx, auth.getString('org_unit')) },
      at: now(tx),
      targetCollection: 'applications',
      targetId: record.id,
      application: record.id,
      field: body.field,
      reason: body.reason.trim(),
    });
  });
  return { status: 200, body: { field: body.field, value } };
}
