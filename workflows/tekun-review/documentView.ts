/**
 * What the 特困 复核 notices (照料护理等级变更, 评估结果, 终止公示, 终止救助供养 in
 * `templates/tekun-review/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthAfter } from '../_shared/documentValues.js';

/** The 特困 复核 document view: the person, the old and new tiers and amounts, the termination grounds and reasons, the 公示 period. */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const previous = obj(data.previous);
  const assessment = obj(data.assessment);
  const termination = obj(data.termination);
  const change = obj(data.change);
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
  const reasons = [...strings(termination.reasons)];
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  return {
    applicant: { name: applicant.name ?? '' },
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
    changeKind: change.kind ?? '',
    changeDescription: change.description ?? '',
    previousTier: previous.careTier ?? '',
    previousAmount: typeof previous.monthlyAmount === 'number' ? previous.monthlyAmount : 0,
    careTier: assessment.careTier ?? '',
    unableCount: assessment.unableCount ?? 0,
    monthlyAmount: typeof assessment.monthlyAmount === 'number' ? assessment.monthlyAmount : 0,
    grounds: strings(termination.grounds),
    reasons: reasons.length > 0 ? reasons : comment ? [comment] : [],
    payFrom: monthAfter(now),
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
  };
};
