/**
 * What the 高龄津贴 documents (补正材料通知书, 确认通知书, 不予确认通知书, 终止发放通知书 in
 * `templates/elderly-allowance/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthOf } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The 高龄津贴 document view: the elder's name, the tier and amount, the month payment starts, materials to correct, reasons, the termination's ground. */
export const documentView: DocumentView = ({ data, comment }) => {
  const elder = obj(data.elder);
  const verification = obj(data.verification);
  const termination = obj(data.termination);
  const decision = obj(data.decision);
  const written = list(verification.refusalReasons);
  const missing = list(verification.missingMaterials);
  return {
    elder: { name: elder.name ?? elder.registerName ?? '' },
    decision,
    payFrom: monthOf(decision.payFrom),
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    missingMaterials: missing.length > 0 ? missing : comment ? [comment] : [],
    terminationReason: termination.reason ?? comment ?? '',
  };
};
