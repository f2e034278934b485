/**
 * Turns the signed-in PocketBase user into the engine's `Actor`, and finds the staff who must
 * recuse themselves from a case (近亲属备案).
 */
import type { Actor, OrgLevel } from '../../engine/index.js';
import { cachedRead } from './configCache.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';

/** The engine actor of a signed-in user. */
export function actorOf(tx: PbApp, auth: PbRecord): Actor {
  const role = auth.getString('role');
  const kind = role === 'officer' || role === 'admin' ? role : 'applicant';
  const unitId = auth.getString('org_unit');
  let orgUnit: Actor['orgUnit'];
  if (unitId) {
    // Cached per VM outside transactions (configCache.ts): every request of an officer reads it.
    const unit = cachedRead(tx, 'org_units', unitId, () => {
      const r = tx.findRecordById('org_units', unitId);
      return Object.freeze({ id: r.id, level: r.getString('level') as OrgLevel, path: Object.freeze([r.getString('county'), r.getString('township'), r.id].filter((id, i, all) => id && all.indexOf(id) === i)) });
    });
    orgUnit = { id: unit.id, level: unit.level, path: [...unit.path] };
  }
  const duties = readJson<string[] | null>(auth, 'duties') ?? [];
  // An organisation's account (its legal representative or contact) acts for the organisation.
  const organisation = kind === 'applicant' ? auth.getString('organisation') : '';
  return { id: auth.id, kind, roles: Array.isArray(duties) ? duties.map(String) : [], ...(orgUnit ? { orgUnit } : {}), ...(organisation ? { organisation } : {}) };
}

/** Staff who declared a close relative among the case's household members (by ID number hash). */
export function recusedStaff(tx: PbApp, idNumberHashes: string[]): string[] {
  const staff: string[] = [];
  for (const hash of idNumberHashes) {
    const rows = tx.findRecordsByFilter('staff_relatives', 'relative_id_hash = {:h}', '', 100, 0, { h: hash });
    for (const r of rows) staff.push(r.getString('staff'));
  }
  return staff;
}
