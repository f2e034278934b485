/**
 * What the 居家养老服务补贴 documents (受理通知书, 补正材料通知书, 批准通知书, 不予批准通知书 in
 * `templates/home-care-subsidy/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthOf } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The 居家养老服务补贴 document view: the applicant and the older person, the materials to correct,
 * the assessed service level and services, the monthly amount and the month payment starts, and the
 * reasons of a refusal (the approver's list, else the command's comment).
 */
export const documentView: DocumentView = ({ data, comment }) => {
  const applicant = obj(data.applicant);
  const elder = obj(data.elder);
  const assessment = obj(data.assessment);
  const approval = obj(data.approval);
  const missing = list(obj(data.acceptance).missingMaterials);
  const written = list(approval.refusalReasons);
  return {
    applicant: { name: applicant.name },
    elder: { name: elder.name },
    serviceLevel: assessment.serviceLevel,
    services: list(assessment.services),
    amount: approval.amount,
    missingMaterials: missing.length > 0 ? missing : comment ? [comment] : [],
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    payFrom: monthOf(approval.payFrom),
  };
};
