/** The hashed ID numbers of a case's applicant and household, for the 近亲属 register. */
import type { JsonValue } from '../../engine/index.js';
import { sha256 } from './pocketbase.js';

/** The household's ID numbers, hashed, for the 近亲属 register. */
export function householdIdHashes(data: Record<string, JsonValue>): string[] {
  const members = ((data.household as { members?: { idNumber?: string }[] } | undefined)?.members ?? []).map((m) => m.idNumber);
  const applicantId = (data.applicant as { idNumber?: string } | undefined)?.idNumber;
  return [...new Set([applicantId, ...members].filter((x): x is string => typeof x === 'string' && x.length > 0))].map((id) => sha256(id.toUpperCase()));
}
