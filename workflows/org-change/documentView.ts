/**
 * What the 变更登记 documents (受理通知书, 补正材料通知书, 准予变更登记决定书, 不予变更登记决定书,
 * 终止办理告知书 in `templates/org-change/`) show of a case, beside the host's base view.
 */
import type { DocumentView, JsonValue } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';
import { requestedChanges } from './changedParticulars.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);

/** The 变更登记 document view: the organisation, the changes asked for, the missing materials, the reasons. */
export const documentView: DocumentView = ({ data, comment }) => {
  const organisation = obj(data.organisation);
  const change = obj(data.change);
  const decision = obj(data.decision);
  const fallback = comment ? [comment] : [];
  const reasons = text(decision.reasons);
  const opinion = text(obj(data.review).opinion);
  return {
    organisation: { name: organisation.name ?? '', orgType: organisation.orgType ?? '', creditCode: organisation.creditCode ?? '' },
    changes: requestedChanges(change as Record<string, JsonValue>).map((c) => ({ label: c.label, value: String(c.value) })),
    changeReason: change.reason ?? '',
    missing: list(decision.missing).length > 0 ? list(decision.missing) : fallback,
    reasons: reasons.length > 0 ? reasons : fallback,
    reviewReasons: opinion.length > 0 ? opinion : fallback,
  };
};
