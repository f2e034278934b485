/**
 * What the 临时救助 documents (受理通知书, 补正材料通知书, 不予受理通知书, 先行救助登记表, 公示,
 * 审批决定书, 不予临时救助通知书, 转介函 in `templates/linshi/`) show of a case, beside the host's
 * base view (case number, dates, authorities).
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const firstFilled = (...lists: unknown[][]): unknown[] => lists.find((l) => l.length > 0) ?? [];

/**
 * The 临时救助 document view: applicant, the hardship, the 先行救助 and its back-fill limit, the
 * amount approved and its instalments, the referral, the materials to correct, the 公示 period, and
 * the reasons of a refusal (the refusal's own list, else the command's comment).
 */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const hardship = obj(data.hardship);
  const review = obj(data.townshipReview);
  const approval = obj(data.approval);
  const acceptance = obj(data.acceptance);
  const emergency = obj(data.emergencyAid);
  const referral = obj(data.referral);
  const written = firstFilled(list(approval.refusalReasons), list(review.refusalReasons), list(acceptance.refusalReasons));
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  const backfill = obj(parameters.backfillDeadline);
  const amount = typeof approval.amount === 'number' ? approval.amount : typeof review.amount === 'number' ? review.amount : 0;
  return {
    applicant: { name: applicant.name },
    hardship: { type: hardship.type ?? '', cause: hardship.cause ?? '', description: hardship.description ?? '' },
    emergency: { amount: typeof emergency.amount === 'number' ? emergency.amount : 0, method: emergency.method ?? '', paidOn: emergency.paidOn ?? '', recipient: emergency.recipient ?? applicant.name ?? '', reason: emergency.reason ?? hardship.description ?? '' },
    backfillText: typeof backfill.workingDays === 'number' ? `${backfill.workingDays} 个工作日` : typeof backfill.days === 'number' ? `${backfill.days} 日` : '规定时限',
    amount,
    instalments: typeof approval.instalments === 'number' && approval.instalments > 1 ? approval.instalments : 0,
    paidFirst: typeof emergency.amount === 'number' ? emergency.amount : 0,
    referral: { organisation: referral.organisation ?? '', organisationKind: referral.organisationKind ?? '', need: referral.need ?? '', contact: referral.contact ?? '' },
    missingMaterials: list(acceptance.missingMaterials).length > 0 ? list(acceptance.missingMaterials) : comment ? [comment] : [],
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
    proposedAmount: typeof review.amount === 'number' ? review.amount : 0,
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
  };
};
