/**
 * The data patch of a command as its sender meant it. A form sent back as it was shown carries the
 * masks the sender saw (`320621********0023`): those become the stored values again, so they change
 * nothing; any other mask in a sensitive field is refused (a mask never becomes data); and a field
 * the sender may not change — a masked one included — is refused with its path.
 */
import type { Actor, CaseSnapshot, JsonValue } from '../../engine/index.js';
import { applyPermissions, maskedValueErrors, restoreMaskedValues } from '../../forms/core/index.js';
import { permissionsFor, visibleData } from './caseView.js';
import { invalidData } from './httpError.js';
import type { PbRecord } from './pocketbase.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The patch to merge and record; throws 422 for masks and forbidden changes. */
export function commandPatch(actor: Actor, record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, writes: string[], patch: Record<string, JsonValue>, stored: Record<string, JsonValue>): Record<string, JsonValue> {
  const permissions = permissionsFor(actor, record, snapshot, wf, writes);
  const meant = restoreMaskedValues(patch, stored, visibleData(actor, record, wf, stored, permissions)) as Record<string, JsonValue>;
  const masks = maskedValueErrors(meant, stored, wf.masks);
  if (masks.length > 0) throw invalidData('不能提交屏蔽显示的值。', masks.map((e) => ({ path: `/data${e.path}`, message: e.message })));
  const allowed = applyPermissions(permissions, meant, stored);
  if (!allowed.ok) throw invalidData('提交了不允许修改的字段。', allowed.errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
  return meant;
}

/** Refuses a mask in a sensitive field of the data a case is opened with. */
export function refuseMasks(wf: LoadedWorkflow, data: Record<string, JsonValue>): void {
  const masks = maskedValueErrors(data, {}, wf.masks);
  if (masks.length > 0) throw invalidData('不能提交屏蔽显示的值。', masks.map((e) => ({ path: `/data${e.path}`, message: e.message })));
}
