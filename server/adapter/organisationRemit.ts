/**
 * Whose organisations an account may read in the register of social organisations: an officer of
 * a 登记管理机关 those registered in its county, an officer of a 业务主管单位 those it supervises (the
 * subject's fact `supervisorUnit`), an administrator every one, anyone else none. Shared by the
 * register route (organisationRegister.ts) and the subject history route (subjectHistory.ts).
 */
import type { PbApp, PbRecord } from './pocketbase.js';
import { factsOf } from './subjects.js';

/** Whose organisations an account may read: every one, a county's, a supervisory unit's, or none. */
export type OrganisationRemit = { all: true } | { county: string } | { supervisor: string } | undefined;

/** The remit of a signed-in account over the register. */
export function organisationRemit(app: PbApp, auth: PbRecord): OrganisationRemit {
  const role = auth.getString('role');
  if (role === 'admin') return { all: true };
  if (role !== 'officer' || !auth.getString('org_unit')) return undefined;
  const unit = app.findRecordById('org_units', auth.getString('org_unit'));
  if (unit.getString('level') !== 'department') return undefined;
  if (unit.getString('kind') === 'registration_authority' && unit.getString('county')) return { county: unit.getString('county') };
  if (unit.getString('kind') === 'supervisory_unit') return { supervisor: unit.id };
  return undefined;
}

/** Whether an organisation's subject record lies within `remit`. */
export function inOrganisationRemit(remit: OrganisationRemit, subject: PbRecord): boolean {
  if (!remit || subject.getString('kind') !== 'organisation') return false;
  if ('all' in remit) return true;
  if ('county' in remit) return subject.getString('county') === remit.county;
  return factsOf(subject).supervisorUnit === remit.supervisor;
}
