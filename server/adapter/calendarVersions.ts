/**
 * Calendar versions: each distinct set of 工作日 overrides a decision used, with the rules it
 * counted by, stored once under the hash of its content (hidden collection `calendar_versions`). An
 * event records the hash, so replaying it counts working days exactly as the decision did, whatever
 * the overrides and the rules are now.
 */
import { createWorkingCalendar, currentCalendarRules, type CalendarOverride, type CalendarRules, type WorkingCalendar } from '../../engine/index.js';
import { canonicalJson } from './hashChain.js';
import { newRecord, readJson, sha256, type PbApp } from './pocketbase.js';

/**
 * The version hash of a set of overrides under the current rules. (Versions stored before the rules
 * existed hash the overrides alone and count `tables-only`.)
 */
export function calendarVersionHash(overrides: CalendarOverride[]): string {
  return sha256(canonicalJson({ overrides, rules: currentCalendarRules }));
}

/**
 * Versions known to be committed (found by a read), so a command reads `calendar_versions` only
 * until its version has been seen once. A version inserted by a transaction that may still roll back
 * is not remembered.
 */
const committedVersions = new Set<string>();

/**
 * Stores `overrides` as a calendar version unless stored already; returns its hash (`hash`, when
 * the caller has it already). Inside the caller's transaction.
 */
export function saveCalendarVersion(tx: PbApp, overrides: CalendarOverride[], hash: string = calendarVersionHash(overrides)): string {
  if (committedVersions.has(hash)) return hash;
  const found = tx.findRecordsByFilter('calendar_versions', 'hash = {:h}', '', 1, 0, { h: hash });
  if (found.length > 0) {
    committedVersions.add(hash);
    return hash;
  }
  const r = newRecord(tx, 'calendar_versions');
  r.set('hash', hash);
  r.set('overrides', overrides);
  r.set('rules', currentCalendarRules);
  tx.save(r);
  return hash;
}

/** The calendar of a stored version (its overrides, counted by its rules), or undefined when none has that hash. */
export function calendarVersion(tx: PbApp, hash: string): WorkingCalendar | undefined {
  const found = tx.findRecordsByFilter('calendar_versions', 'hash = {:h}', '', 1, 0, { h: hash })[0];
  if (!found) return undefined;
  const rules: CalendarRules = found.getString('rules') === 'statutory-2024' ? 'statutory-2024' : 'tables-only';
  return createWorkingCalendar(readJson<CalendarOverride[]>(found, 'overrides') ?? [], rules);
}
