/**
 * What the 特困 documents (受理通知书, 补正材料通知书, 公示, 认定结果通知书 — recognition or refusal —,
 * 不予受理通知书 in `templates/tekun/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthAfter } from '../_shared/documentValues.js';

/** The 特困 document view: applicant, category, care tier and amounts, missing materials, reasons, 公示 period. */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const decision = obj(data.decision);
  const refusalReasons = decision.refusalReasons;
  const reasons = Array.isArray(refusalReasons) && refusalReasons.length > 0 ? refusalReasons : comment ? [comment] : [];
  const missing = obj(data.acceptance).missingMaterials;
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  return {
    applicant: { name: applicant.name },
    category: obj(data.circumstances).category ?? '',
    careTier: decision.careTier ?? obj(data.assessment).careTier ?? '',
    decision,
    payFrom: monthAfter(now),
    reasons,
    missingMaterials: Array.isArray(missing) && missing.length > 0 ? missing : comment ? [comment] : [],
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
  };
};
