/**
 * What the routes answer about a case: its state, open tasks, clock, and the data the asker may
 * see on the current step (hidden parts dropped, sensitive fields masked).
 */
import { redactForView, type FieldPermissions } from '../../forms/core/index.js';
import { ownEntry, type ActionOffer, type Actor, type CaseSnapshot, type JsonValue } from '../../engine/index.js';
import type { PbRecord } from './pocketbase.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The permissions of the current step for an actor: their written sections writable, the rest as configured. */
export function stepPermissions(wf: LoadedWorkflow, stepName: string, writes: string[] = []): FieldPermissions {
  const step = ownEntry(wf.definition.steps, stepName);
  const perms: FieldPermissions = {};
  const sections = step && (step.type === 'task') && step.form ? step.form.sections : {};
  for (const [section, perm] of Object.entries(sections)) perms[`/${section}`] = perm === 'write' && !writes.includes(section) ? 'read' : perm;
  for (const section of writes) perms[`/${section}`] = 'write';
  return perms;
}

/** The case summary every route answers with. */
export function caseSummary(record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow): Record<string, unknown> {
  return {
    id: record.id,
    caseNo: record.getString('case_no'),
    workflow: { key: wf.definition.key, version: wf.definition.version, name: wf.definition.name },
    step: snapshot.step,
    stepName: ownEntry(wf.definition.steps, snapshot.step)?.name ?? snapshot.step,
    status: snapshot.status,
    outcome: snapshot.outcome ?? null,
    version: snapshot.version,
    flags: snapshot.flags,
    clock: snapshot.clock,
    tasks: snapshot.tasks,
  };
}

/** The case data as `actor` may see it. */
export function visibleData(actor: Actor, record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, data: Record<string, JsonValue>): Record<string, unknown> {
  if (actor.id === record.getString('applicant')) return data;
  const perms: FieldPermissions = {};
  for (const section of Object.keys(data)) perms[`/${section}`] = 'masked';
  Object.assign(perms, stepPermissions(wf, snapshot.step));
  for (const [k, v] of Object.entries(perms)) if (v === 'hidden') perms[k] = 'masked';
  return redactForView(perms, data, wf.masks);
}

/**
 * The field permissions of the case form for `actor` now, for `<tb-form>`: the sections the offered
 * actions write are writable; everything else is shown as `visibleData` shows it — read for the
 * applicant (their own data), masked unless the step's form says otherwise for officers.
 */
export function formPermissions(actor: Actor, record: PbRecord, snapshot: CaseSnapshot, wf: LoadedWorkflow, offers: ActionOffer[]): FieldPermissions {
  const writes = [...new Set(offers.flatMap((o) => o.writes ?? []))];
  const sections = Object.keys(wf.formSchema?.properties ?? {});
  const perms: FieldPermissions = {};
  if (actor.id === record.getString('applicant')) {
    for (const section of sections) perms[`/${section}`] = 'read';
    for (const section of writes) perms[`/${section}`] = 'write';
    return perms;
  }
  for (const section of sections) perms[`/${section}`] = 'masked';
  Object.assign(perms, stepPermissions(wf, snapshot.step, writes));
  for (const [k, v] of Object.entries(perms)) if (v === 'hidden') perms[k] = 'masked';
  return perms;
}
