/**
 * The org directory of a case's county, for steps routed beside the administrative chain: the
 * county's departments and outside bodies (org units of level `department`) and the active members
 * of its pools. Read only for definitions that route beside the chain, inside the command's
 * transaction, and recorded with the event so replay resolves and draws the same.
 */
import { unitKinds, usesOrgDirectory, type OrgDirectory, type PoolMember, type WorkflowDefinition } from '../../engine/index.js';
import type { PbApp } from './pocketbase.js';

/** The directory of `countyId`, or undefined when `definition` routes nothing beside the chain. `seed` fixes pool draws (the command id). */
export function orgDirectoryFor(tx: PbApp, definition: WorkflowDefinition, countyId: string, seed: string): OrgDirectory | undefined {
  if (!countyId || !usesOrgDirectory(definition)) return undefined;
  const rows = tx.findRecordsByFilter('org_units', 'county = {:c} && level = "department"', 'code', 1000, 0, { c: countyId });
  const units = rows.map((r) => ({ id: r.id, kind: r.getString('kind'), name: r.getString('name') }));
  const members: Record<string, PoolMember[]> = {};
  for (const unit of units) {
    if (!unitKinds.get(unit.kind)?.pool) continue;
    const users = tx.findRecordsByFilter('users', 'org_unit = {:u} && disabled != true', 'id', 1000, 0, { u: unit.id });
    Object.defineProperty(members, unit.id, {
      value: users.map((u) => (u.getString('affiliation') ? { id: u.id, affiliation: u.getString('affiliation') } : { id: u.id })),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { units, members, seed };
}
