/**
 * Calendar versions: each distinct set of 工作日 overrides a decision used, stored once under the
 * hash of its content (hidden collection `calendar_versions`). An event records the hash, so
 * replaying it counts working days exactly as the decision did, whatever the overrides are now.
 */
import type { CalendarOverride } from '../../engine/index.js';
import { canonicalJson } from './hashChain.js';
import { newRecord, readJson, sha256, type PbApp } from './pocketbase.js';

/** The version hash of a set of overrides. */
export function calendarVersionHash(overrides: CalendarOverride[]): string {
  return sha256(canonicalJson(overrides));
}

/**
 * Versions known to be committed (found by a read), so a command reads `calendar_versions` only
 * until its version has been seen once. A version inserted by a transaction that may still roll back
 * is not remembered.
 */
const committedVersions = new Set<string>();

/** Stores `overrides` as a calendar version unless stored already; returns its hash. Inside the caller's transaction. */
export function saveCalendarVersion(tx: PbApp, overrides: CalendarOverride[]): string {
  const hash = calendarVersionHash(overrides);
  if (committedVersions.has(hash)) return hash;
  const found = tx.findRecordsByFilter('calendar_versions', 'hash = {:h}', '', 1, 0, { h: hash });
  if (found.length > 0) {
    committedVersions.add(hash);
    return hash;
  }
  const r = newRecord(tx, 'calendar_versions');
  r.set('hash', hash);
  r.set('overrides', overrides);
  tx.save(r);
  return hash;
}

/** The overrides of a stored calendar version, or undefined when none has that hash. */
export function calendarVersion(tx: PbApp, hash: string): CalendarOverride[] | undefined {
  const found = tx.findRecordsByFilter('calendar_versions', 'hash = {:h}', '', 1, 0, { h: hash })[0];
  return found ? readJson<CalendarOverride[]>(found, 'overrides') : undefined;
}
