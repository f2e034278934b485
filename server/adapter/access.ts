/**
 * Who may see a case: the same jurisdiction rule as the collections' API rules, checked again
 * inside the transaction (guarantee 7). Officers of the chain see their area's cases; officers of a
 * unit beside it only the cases their unit is or was assigned, never the whole county.
 */
import type { Actor } from '../../engine/index.js';
import type { PbRecord } from './pocketbase.js';

/**
 * Whether `actor` is the applicant party of `caseRecord`: the applicant, an account of the
 * applicant organisation, or the officer who filed for a resident without an account (代办) or
 * started the case about a subject — who act on its applicant steps and read its data as their own.
 */
export function actsAsApplicant(actor: Pick<Actor, 'id' | 'organisation'>, caseRecord: PbRecord): boolean {
  const applicant = caseRecord.getString('applicant');
  if (applicant !== '') return applicant === actor.id || (actor.organisation !== undefined && caseRecord.getString('applicant_org') === actor.organisation);
  if (actor.organisation !== undefined && caseRecord.getString('applicant_org') === actor.organisation) return true;
  return caseRecord.getString('filed_by') === actor.id && ['proxy', 'officer'].includes(caseRecord.getString('starter'));
}

/**
 * `actor` as they act on `caseRecord`: the village officer who filed it for a resident with an
 * account (代办 naming `applicant`) acts on its applicant steps for them (`filedFor`).
 */
export function actorOnCase(actor: Actor, caseRecord: PbRecord): Actor {
  const applicant = caseRecord.getString('applicant');
  const filing = applicant !== '' && applicant !== actor.id && caseRecord.getString('starter') === 'proxy' && caseRecord.getString('filed_by') === actor.id;
  return filing ? { ...actor, filedFor: applicant } : actor;
}

/** Whether `actor` may see `caseRecord`. */
export function canSeeCase(actor: Actor, caseRecord: PbRecord): boolean {
  if (actor.kind === 'admin') return true;
  if (actsAsApplicant(actor, caseRecord)) return true;
  if (actor.kind !== 'officer' || !actor.orgUnit) return false;
  const unit = actor.orgUnit.id;
  if (['county', 'township', 'village'].some((level) => caseRecord.getString(level) === unit)) return true;
  // A unit beside the chain (县残联, 业务主管单位 …) sees the cases it is or was assigned; a drawn pool member, the cases they were drawn for.
  return caseRecord.getStringSlice('assigned_units').includes(unit) || caseRecord.getStringSlice('assigned_users').includes(actor.id);
}
