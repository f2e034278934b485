/**
 * How a schedule's bulk run opens each case: the run's origin key names the process, schedule and
 * period (`<process>/<schedule>/<period>`); the schedule says who owns the case (the subject
 * organisation as applicant, or the officers of the first step) and its opening data (from the
 * subject's facts, its name or credit code, the period). bulkRunChunks.ts asks here for every case
 * of a run whose origin is a schedule.
 */
import { ownEntry, periodByKey, scheduleOpeningData, type JsonValue, type ScheduleDefinition, type SchedulePeriod } from '../../engine/index.js';
import { setPointer } from './caseEffects.js';
import type { PbApp } from './pocketbase.js';
import { factsOf } from './subjects.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The origin key of the bulk run of a schedule's period. */
export function scheduleOriginKey(workflowKey: string, scheduleKey: string, periodKey: string): string {
  return `${workflowKey}/${scheduleKey}/${periodKey}`;
}

/** The schedule and period an origin key names in `wf`, or undefined. */
function scheduleOfOrigin(wf: LoadedWorkflow, originKey: string): { schedule: ScheduleDefinition; period: SchedulePeriod } | undefined {
  const [workflowKey, scheduleKey, periodKey] = originKey.split('/');
  if (workflowKey !== wf.definition.key || !scheduleKey || !periodKey) return undefined;
  const schedule = ownEntry(wf.definition.schedules ?? {}, scheduleKey);
  const period = schedule ? periodByKey(schedule.every, periodKey) : undefined;
  return schedule && period ? { schedule, period } : undefined;
}

/** How one case of a schedule's run opens. */
export interface ScheduledOpening {
  starter: 'organisation' | 'officer';
  /** Who acts on applicant steps: the organisation (its subject id), or no one. */
  party: string;
  applicantOrg: string;
  dataPatch: Record<string, JsonValue> | null;
}

/** The opening of the case about `subjectId` in the run of `originKey` (undefined: not a schedule of this version). */
export function scheduledOpening(tx: PbApp, wf: LoadedWorkflow, originKey: string, subjectId: string): ScheduledOpening | undefined {
  const found = scheduleOfOrigin(wf, originKey);
  if (!found) return undefined;
  const { schedule, period } = found;
  const record = tx.findRecordById('subjects', subjectId);
  const subject = { kind: record.getString('kind'), key: record.getString('key'), name: record.getString('name'), orgKind: record.getString('org_kind'), facts: factsOf(record) };
  const patch: Record<string, JsonValue> = {};
  for (const [pointer, value] of Object.entries(scheduleOpeningData(schedule, subject, period))) setPointer(patch, pointer, value);
  const organisation = schedule.starter === 'organisation';
  return { starter: schedule.starter, party: organisation ? subjectId : '', applicantOrg: organisation ? subjectId : '', dataPatch: Object.keys(patch).length > 0 ? patch : null };
}

/**
 * Whether the cases of a schedule's run differ by more than their subject, id, number and title —
 * the subject organisation is their applicant, or their data comes from the subject — so that none
 * may be a copy of another.
 */
export function scheduledCasesDiffer(wf: LoadedWorkflow, originKey: string): boolean {
  const found = scheduleOfOrigin(wf, originKey);
  if (!found) return false;
  return found.schedule.starter === 'organisation' || Object.values(found.schedule.data ?? {}).some((source) => !('period' in source));
}
