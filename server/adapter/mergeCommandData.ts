/**
 * The case data after a command's data patch: the sections the step lets the command write merged
 * into the stored data, then the computed fields recalculated. Shared by the routes that take data
 * and by replay, so replaying a recorded patch gives exactly the data the command left.
 */
import { ownEntry, type JsonValue } from '../../engine/index.js';
import { applyPermissions, type FieldError } from '../../forms/core/index.js';
import { stepPermissions } from './caseView.js';
import { withComputedFields } from './withComputedFields.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The merged data, or the fields the patch may not write. */
export type MergedData = { ok: true; data: Record<string, JsonValue> } | { ok: false; errors: FieldError[] };

/** Merges `patch` into `stored` as step `stepName` allows, writing the sections `writes`. */
export function mergeCommandData(wf: LoadedWorkflow, stepName: string, writes: string[], patch: Record<string, JsonValue>, stored: Record<string, JsonValue>): MergedData {
  const merged = applyPermissions(stepPermissions(wf, stepName, writes), patch, stored);
  if (!merged.ok) return { ok: false, errors: merged.errors };
  return { ok: true, data: withComputedFields(wf, merged.data as Record<string, JsonValue>) };
}

/** The sections the first step of a workflow lets the opener write. */
export function openingWrites(wf: LoadedWorkflow): string[] {
  const step = ownEntry(wf.definition.steps, wf.definition.initial);
  return step && step.type === 'task' ? Object.entries(step.form?.sections ?? {}).filter(([, p]) => p === 'write').map(([s]) => s) : [];
}
