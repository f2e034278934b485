/**
 * What the 低保边缘 documents (受理通知书, 补正材料通知书, 公示, 认定通知书, 不予认定通知书, 不予受理通知书
 * in `templates/dibao-edge/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The 低保边缘 document view: applicant, household size, the test's figures, materials to correct, refusal reasons, 公示 period. */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const decision = obj(data.decision);
  const members = list(obj(data.household).members).length;
  const written = list(decision.refusalReasons);
  const missing = list(obj(data.acceptance).missingMaterials);
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  return {
    applicant: { name: applicant.name },
    decision,
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    missingMaterials: missing.length > 0 ? missing : comment ? [comment] : [],
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
    maskedName: format.mask(String(applicant.name ?? ''), 'name'),
    members,
  };
};
