/**
 * What the 儿童基本生活保障 documents (受理通知书, 补正材料通知书, 确认通知书, 不予确认通知书 in
 * `templates/children-support/`) show of a case, beside the host's base view. No 公示 list exists:
 * the children's privacy (民发〔2019〕62号).
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthOf } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The 儿童基本生活保障 document view: the guardian and the child's name, the materials to correct,
 * the confirmed category and the month payment starts, and the reasons of a refusal (the county's
 * list, else the command's comment).
 */
export const documentView: DocumentView = ({ data, comment }) => {
  const applicant = obj(data.applicant);
  const child = obj(data.child);
  const county = obj(data.countyConfirm);
  const missing = list(obj(data.acceptance).missingMaterials);
  const written = list(county.refusalReasons);
  return {
    applicant: { name: applicant.name },
    child: { name: child.name },
    category: county.category ?? child.category,
    missingMaterials: missing.length > 0 ? missing : comment ? [comment] : [],
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    payFrom: monthOf(county.payFrom),
  };
};
