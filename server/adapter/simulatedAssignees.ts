/**
 * Who would get each task of a simulated case (the studio's simulation): the simulated case is an
 * applicant's of one village of the org tree — the village of the first applicant account created
 * (the demo county's first applicant, of 曲塘镇杨庄村), or the first village by code when there is no
 * applicant — and each task goes to the unit of its level on that village's chain (the village, its
 * township, its county) and to the active officers of that unit who hold the task's duty (any
 * officer of the unit when the task names none). Read only; nothing is written.
 */
import type { CaseSnapshot } from '../../engine/index.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { SimulatedPlaces } from './simulatedDocuments.js';

/** A unit of the chain a simulated case runs along. */
export interface ChainUnit {
  id: string;
  name: string;
}

/** The chain of the simulated applicant's village, by level. */
export interface SimulatedChain {
  village?: ChainUnit;
  township?: ChainUnit;
  county?: ChainUnit;
}

/** One open task of a simulated state and who would get it. */
export interface SimulatedAssignee {
  task: string;
  level: string;
  unit: string;
  officers: string[];
}

const unitOf = (tx: PbApp, id: string): PbRecord | undefined => {
  if (!id) return undefined;
  try {
    return tx.findRecordById('org_units', id);
  } catch {
    return undefined;
  }
};

const chainUnit = (r: PbRecord | undefined): ChainUnit | undefined => (r ? { id: r.id, name: r.getString('name') } : undefined);

/** The village a simulated case is filed in, and its township and county; empty when the org tree has no village. */
export function simulatedChain(tx: PbApp): SimulatedChain {
  let village: PbRecord | undefined;
  for (const user of tx.findRecordsByFilter('users', 'role = "applicant" && org_unit != ""', 'created,id', 20, 0)) {
    const unit = unitOf(tx, user.getString('org_unit'));
    if (unit && unit.getString('level') === 'village') {
      village = unit;
      break;
    }
  }
  village ??= tx.findRecordsByFilter('org_units', 'level = "village"', 'code', 1, 0)[0];
  if (!village) return {};
  const township = unitOf(tx, village.getString('township'));
  const county = unitOf(tx, village.getString('county'));
  return { village: chainUnit(village)!, ...(township ? { township: chainUnit(township)! } : {}), ...(county ? { county: chainUnit(county)! } : {}) };
}

/** The names a simulated case's documents are issued under: the chain's township and county (without 民政局/人民政府, as the units are named). */
export function chainPlaces(chain: SimulatedChain): SimulatedPlaces {
  return { countyName: chain.county?.name ?? '某县', townshipName: chain.township?.name ?? '某镇' };
}

const chainLevels = ['village', 'township', 'county'] as const;

/** Who would get each open task of `snapshot`: the unit of its level on the chain (or the unit it names) and the officers there with its duty. */
export function simulatedAssignees(tx: PbApp, chain: SimulatedChain, snapshot: CaseSnapshot): SimulatedAssignee[] {
  const officersCache = new Map<string, PbRecord[]>();
  const officersOf = (unitId: string): PbRecord[] => {
    let list = officersCache.get(unitId);
    if (!list) {
      list = tx.findRecordsByFilter('users', 'org_unit = {:u} && role = "officer" && disabled != true', 'name', 200, 0, { u: unitId });
      officersCache.set(unitId, list);
    }
    return list;
  };
  return snapshot.tasks.map((t) => {
    if (t.level === 'applicant') return { task: t.key, level: t.level, unit: '申请人', officers: [] };
    const onChain = (chainLevels as readonly string[]).includes(t.assigneeUnit) ? chain[t.assigneeUnit as (typeof chainLevels)[number]] : chainUnit(unitOf(tx, t.assigneeUnit));
    if (!onChain) return { task: t.key, level: t.level, unit: t.assigneeUnit, officers: [] };
    const officers = officersOf(onChain.id).filter((u) => {
      if (t.assigneeUser) return u.id === t.assigneeUser;
      if (!t.role) return true;
      const duties = readJson<unknown[] | null>(u, 'duties');
      return Array.isArray(duties) && duties.map(String).includes(t.role);
    });
    return { task: t.key, level: t.level, unit: onChain.name, officers: officers.map((u) => u.getString('name')) };
  });
}
