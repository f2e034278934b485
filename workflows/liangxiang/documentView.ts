/**
 * What the 残疾人两项补贴 documents (受理通知书, 补正材料通知书, 公示, the 生活补贴 and 护理补贴 notices,
 * the refusals in `templates/liangxiang/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj, monthOf } from '../_shared/documentValues.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The 两项补贴 document view: applicant and disabled person, the materials to correct, the 公示
 * period, the month payment starts, and the reasons of a refusal (the refusal's own list, else the
 * command's comment).
 */
export const documentView: DocumentView = ({ data, parameters, comment, now, format }) => {
  const applicant = obj(data.applicant);
  const person = obj(data.disabledPerson);
  const dpf = obj(data.dpfReview);
  const county = obj(data.countyDecision);
  const township = obj(data.townshipReview);
  const written = list(county.refusalReasons).length > 0 ? list(county.refusalReasons) : list(township.refusalReasons);
  const noticeDays = typeof obj(parameters.publicNotice).days === 'number' ? (obj(parameters.publicNotice).days as number) : 7;
  return {
    applicant: { name: applicant.name },
    disabledPerson: { name: person.name, disabilityType: dpf.disabilityType ?? person.disabilityType, grade: dpf.grade ?? person.grade },
    maskedName: format.mask(String(person.name ?? ''), 'name'),
    missingMaterials: list(obj(data.acceptance).missingMaterials).length > 0 ? list(obj(data.acceptance).missingMaterials) : comment ? [comment] : [],
    reasons: written.length > 0 ? written : comment ? [comment] : [],
    payFrom: monthOf(county.payFrom),
    noticeDays,
    from: format.date(now),
    until: format.date(new Date(now.getTime() + noticeDays * 86_400_000)),
  };
};
