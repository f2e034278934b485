/**
 * What the 注销登记 documents (受理通知书, 补正材料通知书, 准予注销登记决定书, 注销登记证明书,
 * 不予注销登记决定书, 终止办理告知书 in `templates/org-deregistration/`) show of a case, beside the
 * host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);
const dateText = (value: unknown, format: (d: Date) => string): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? format(new Date(`${value}T12:00:00+08:00`)) : '');

/** The 注销登记 document view: the organisation, why it ends, its liquidation, the missing materials, the reasons. */
export const documentView: DocumentView = ({ data, comment, now, format }) => {
  const organisation = obj(data.organisation);
  const dissolution = obj(data.dissolution);
  const liquidation = obj(data.liquidation);
  const decision = obj(data.decision);
  const fallback = comment ? [comment] : [];
  const reasons = text(decision.reasons);
  const opinion = text(obj(data.review).opinion);
  return {
    organisation: {
      name: organisation.name ?? '',
      orgType: organisation.orgType ?? '',
      creditCode: organisation.creditCode ?? '',
      legalRepresentative: organisation.legalRepresentative ?? '',
    },
    dissolutionReason: dissolution.reason ?? '',
    liquidationCompletedOn: dateText(liquidation.completedOn, format.date),
    assetsDisposal: liquidation.assetsDisposal ?? '',
    deregisteredOn: format.date(now),
    missing: list(decision.missing).length > 0 ? list(decision.missing) : fallback,
    reasons: reasons.length > 0 ? reasons : fallback,
    reviewReasons: opinion.length > 0 ? opinion : fallback,
  };
};
