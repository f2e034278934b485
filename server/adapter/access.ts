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
  return actorAmongParties(actor, { applicant: caseRecord.getString('applicant'), starter: caseRecord.getString('starter'), filedBy: caseRecord.getString('filed_by') });
}

/** Who a case is for and who filed it, as {@link actorOnCase} reads them from its record. */
export interface CaseParties {
  /** The resident's user ('' for none). */
  applicant: string;
  starter: string;
  filedBy: string;
}

/** {@link actorOnCase} for a case not written yet (the opening route decides its answer before the lock). */
export function actorAmongParties(actor: Actor, parties: CaseParties): Actor {
  const filing = parties.applicant !== '' && parties.applicant !== actor.id && parties.starter === 'proxy' && parties.filedBy === actor.id;
  return filing ? { ...actor, filedFor: parties.applicant } : actor;
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
