/**
 * What the 适老化改造 documents (受理通知书, 补正材料通知书, 批准通知书, 不予批准通知书 and the 竣工验收记录
 * in `templates/home-adaptation/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The 适老化改造 document view: the applicant and the older person, the materials to correct, the
 * numbered works of the plan, the approved amount, the reasons of a refusal (the approver's list,
 * else the command's comment), and for the 验收记录 the provider, dates, inspectors, findings, how
 * many photos each side filed, the conclusion and the rework asked for (else the comment).
 */
export const documentView: DocumentView = ({ data, comment }) => {
  const applicant = obj(data.applicant);
  const elder = obj(data.elder);
  const approval = obj(data.approval);
  const works = obj(data.works);
  const inspection = obj(data.inspection);
  const missing = list(obj(data.acceptance).missingMaterials);
  const written = list(approval.refusalReasons);
  const rework = list(inspection.rework);
  return {
    applicant: { name: applicant.name },
    elder: { name: elder.name },
    works: list(obj(data.plan).works).map((w, i) => ({ ...obj(w), no: i + 1 })),
    amount: approval.amount,
    missingMaterials: missing.length > 0 ? missing : comment ? [comment] : [],
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    provider: works.provider,
    finishedOn: works.finishedOn,
    worksPhotos: list(works.photos).length,
    inspectedOn: inspection.inspectedOn,
    inspectors: list(inspection.inspectors),
    findings: inspection.findings ?? '',
    inspectionPhotos: list(inspection.photos).length,
    passed: inspection.passed === true,
    rework: rework.length > 0 ? rework : comment ? [comment] : [],
  };
};
