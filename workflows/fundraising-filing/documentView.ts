/**
 * What the 公开募捐方案备案 documents (备案回执, 补齐材料通知书, 不予备案告知书, 终止办理告知书 in
 * `templates/fundraising-filing/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const chineseDate = (value: unknown): string => {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
};

/** The 公开募捐方案备案 document view: the organisation, the campaign, the record, what is missing, the reasons. */
export const documentView: DocumentView = ({ data, comment }) => {
  const organisation = obj(data.organisation);
  const campaign = obj(data.campaign);
  const filing = obj(data.filing);
  const review = obj(data.review);
  const consent = obj(data.consent);
  const fallback = comment ? [comment] : [];
  const reasons = text(review.reasons) ? [text(review.reasons)] : fallback;
  const opinion = text(consent.opinion) ? [text(consent.opinion)] : fallback;
  const obligations = Array.isArray(obj(data.obligations).items) ? (obj(data.obligations).items as unknown[]) : [];
  return {
    organisation: { name: text(organisation.name), creditCode: text(organisation.creditCode) },
    campaign: {
      title: text(campaign.title),
      purpose: text(campaign.purpose),
      area: text(campaign.area),
      method: text(campaign.method),
      personInCharge: text(campaign.personInCharge),
      bankAccount: text(campaign.bankAccount),
      target: typeof campaign.target === 'number' ? campaign.target : 0,
      startDate: chineseDate(campaign.startDate),
      endDate: chineseDate(campaign.endDate),
      emergency: campaign.emergency === true,
    },
    changeFiling: filing.kind === '变更备案',
    originalRecordNo: text(filing.originalRecordNo),
    changes: text(filing.changes),
    recordNo: text(review.recordNo),
    missing: list(review.missing).length > 0 ? list(review.missing) : fallback,
    reasons,
    consentReasons: opinion,
    disclosures: obligations.map((o) => {
      const item = obj(o);
      return { kind: text(item.kind), periodEnd: chineseDate(item.periodEnd), dueDate: chineseDate(item.dueDate) };
    }),
  };
};
