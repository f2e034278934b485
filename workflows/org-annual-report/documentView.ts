/**
 * What the 年检 documents (年度检查催报通知书, 年度工作报告补正通知书, 年度检查结论通知书 in
 * `templates/org-annual-report/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);

/** The 年检 document view: the organisation, the year inspected and the year reported on, the conclusion, the problems. */
export const documentView: DocumentView = ({ data, comment }) => {
  const organisation = obj(data.organisation);
  const report = obj(data.report);
  const result = obj(data.result);
  const review = obj(data.review);
  const fallback = comment ? [comment] : [];
  const year = typeof report.year === 'number' ? report.year : 0;
  const reasons = text(result.reasons);
  const missing = [...list(result.missing), ...text(review.opinion)];
  const conclusion = typeof result.conclusion === 'string' ? result.conclusion : '';
  return {
    organisation: { name: organisation.name ?? '', creditCode: organisation.creditCode ?? '', orgType: organisation.orgType ?? '' },
    year,
    reportYear: year > 0 ? year - 1 : '',
    conclusion,
    qualified: conclusion === '合格',
    reasons: reasons.length > 0 ? reasons : fallback,
    missing: missing.length > 0 ? missing : fallback,
  };
};
