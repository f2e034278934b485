/**
 * What the 复核 notices (维持, 金额变更, 停发, 渐退, 停发公示 in `templates/dibao-review/`) show of a
 * case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthAfter } from '../_shared/documentValues.js';

/** The month `months` after the month after `now` (China time), e.g. `2026年8月`: when a 渐退期 ends. */
function monthsAfter(now: Date, months: number): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const index = china.getUTCFullYear() * 12 + china.getUTCMonth() + 1 + months;
  return `${Math.floor(index / 12)}年${(index % 12) + 1}月`;
}

/** The 复核 document view: the household head, the old and new amounts, the reasons, the 渐退期, the 公示 period. */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const proposal = obj(data.proposal);
  const review = obj(data.review);
  const previous = obj(data.previous);
  const listed = Array.isArray(review.reasons) ? review.reasons.filter((r) => typeof r === 'string' && r !== '') : [];
  const ground = typeof review.stopGround === 'string' && review.stopGround !== '无' ? [review.stopGround] : [];
  const reasons = [...ground, ...listed];
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  const gradualMonths = typeof proposal.gradualMonths === 'number' ? proposal.gradualMonths : 0;
  return {
    applicant: { name: applicant.name ?? '' },
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
    members: proposal.members ?? '',
    period: review.period ?? '',
    previousAmount: typeof previous.monthlyAmount === 'number' ? previous.monthlyAmount : (proposal.previousAmount ?? 0),
    monthlyAmount: proposal.monthlyAmount ?? 0,
    difference: typeof proposal.difference === 'number' ? Math.abs(proposal.difference) : 0,
    change: proposal.change ?? '',
    increase: proposal.change === '增发',
    perCapitaIncome: proposal.perCapitaIncome ?? 0,
    standard: proposal.standard ?? parameters.standard ?? 0,
    reasons: reasons.length > 0 ? reasons : comment ? [comment] : [],
    payFrom: monthAfter(now),
    gradualMonths,
    stopFrom: monthsAfter(now, gradualMonths),
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
  };
};
