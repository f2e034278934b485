/**
 * What the 成立登记 documents (受理通知书, 补正材料通知书, 准予登记决定书, 登记证书, 不予登记决定书,
 * 终止办理告知书 in `templates/org-registration/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/** The 成立登记 document view: the organisation, the missing materials, the certificate, the reasons. */
export const documentView: DocumentView = ({ data, comment, now, format }) => {
  const organisation = obj(data.organisation);
  const registration = obj(data.registration);
  const review = obj(data.review);
  const given = typeof registration.reasons === 'string' && registration.reasons !== '' ? [registration.reasons] : [];
  const opinion = typeof review.opinion === 'string' && review.opinion !== '' ? [review.opinion] : [];
  const fallback = comment ? [comment] : [];
  const validUntil = typeof registration.validUntil === 'string' ? registration.validUntil : '';
  return {
    organisation: {
      name: organisation.name ?? '',
      orgType: organisation.orgType ?? '',
      creditCode: organisation.creditCode ?? '',
      legalRepresentative: organisation.legalRepresentative ?? '',
      registeredCapital: organisation.registeredCapital ?? 0,
      address: organisation.address ?? '',
      purpose: organisation.purpose ?? '',
    },
    missing: list(registration.missing).length > 0 ? list(registration.missing) : fallback,
    certificateNo: registration.certificateNo ?? '',
    validFrom: format.date(now),
    validUntil: validUntil ? format.date(new Date(`${validUntil}T12:00:00+08:00`)) : '',
    reasons: given.length > 0 ? given : fallback,
    reviewReasons: opinion.length > 0 ? opinion : fallback,
  };
};
