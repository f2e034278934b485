/**
 * What the 低保 documents (受理通知书, 公示, 确认通知书, 不予确认通知书, 不予受理通知书, 终止办理告知书 in `templates/dibao/`) show
 * of a case, beside the host's base view (case number, dates, authorities, statutory limit).
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthAfter } from '../_shared/documentValues.js';

/** The 低保 document view: applicant, household size, decision and amount, refusal reasons, 公示 period. */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const decision = obj(data.decision);
  const members = Array.isArray(obj(data.household).members) ? (obj(data.household).members as unknown[]).length : 0;
  const refusalReasons = decision.refusalReasons;
  const reasons = Array.isArray(refusalReasons) && refusalReasons.length > 0 ? refusalReasons : comment ? [comment] : [];
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  return {
    applicant: { name: applicant.name },
    decision,
    payFrom: monthAfter(now),
    reasons,
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
    members,
    proposedAmount: obj(data.townshipReview).proposedAmount ?? '',
  };
};
