/**
 * Who may see a case: the same jurisdiction rule as the collections' API rules, checked again
 * inside the transaction (guarantee 7).
 */
import type { Actor } from '../../engine/index.js';
import type { PbRecord } from './pocketbase.js';

/** Whether `actor` may see `caseRecord`. */
export function canSeeCase(actor: Actor, caseRecord: PbRecord): boolean {
  if (actor.kind === 'admin') return true;
  if (caseRecord.getString('applicant') === actor.id) return true;
  if (actor.kind !== 'officer' || !actor.orgUnit) return false;
  const unit = actor.orgUnit.id;
  return ['county', 'township', 'village'].some((level) => caseRecord.getString(level) === unit);
}
