/**
 * The case data a command leaves behind before validation: computed fields (家庭月收入合计,
 * 人均月收入, 拟补助金额 …) recalculated from the merged data and the workflow's parameters, so
 * a client can neither skip nor forge them.
 */
import type { JsonValue } from '../../engine/index.js';
import { evaluateComputed } from '../../forms/core/index.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The merged data with its computed fields filled in. */
export function withComputedFields(wf: LoadedWorkflow, data: Record<string, JsonValue>): Record<string, JsonValue> {
  if (!wf.rules) return data;
  return evaluateComputed(wf.rules, data, { params: (wf.definition.parameters ?? {}) as Record<string, JsonValue> });
}
