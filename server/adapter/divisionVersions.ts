/**
 * Which version a new case starts on (local rules, overlayPublishing.ts): the newest published
 * national version of the process, or — when a division the case is in has published local rules
 * over that version — the overlay of the most specific such division (village → township → county
 * → city → province), its newest overlay version. A running case keeps the version record it
 * started on; retiring an overlay record returns new cases to the wider rules.
 */
import { divisionChain, type OrgPath } from '../../engine/index.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { latestPublished, workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** The division code of an org unit id ('' when unknown). */
function codeOf(tx: PbApp, unitId: string | undefined): string {
  if (!unitId) return '';
  try {
    return tx.findRecordById('org_units', unitId).getString('code');
  } catch {
    return '';
  }
}

/** The org path a case record was opened in (its own village/township/county fields). */
export function caseOrg(record: PbRecord): OrgPath {
  const org: OrgPath = {};
  for (const level of ['village', 'township', 'county'] as const) if (record.getString(level)) org[level] = record.getString(level);
  return org;
}

/** The published record of version `version` of `key` for a case in `org`: its most specific division's overlay, else the national record. */
export function versionFor(tx: PbApp, key: string, version: number, org: OrgPath): PbRecord | undefined {
  const records = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && version = {:version} && status = "published"', '-overlay_version', 1000, 0, { key, version });
  const chain = divisionChain({ village: codeOf(tx, org.village), township: codeOf(tx, org.township), county: codeOf(tx, org.county) });
  for (const division of chain) {
    const record = records.find((r) => r.getString('division') === division);
    if (record) return record;
  }
  return records.find((r) => r.getString('division') === '');
}

/** The version a new case of `key` in `org` starts on, or undefined when the process is not published. */
export function publishedFor(tx: PbApp, key: string, org: OrgPath): LoadedWorkflow | undefined {
  const national = latestPublished(tx, key);
  if (!national) return undefined;
  const record = versionFor(tx, key, national.definition.version, org);
  return record && record.id !== national.recordId ? workflowByRecord(tx, record.id) : national;
}
