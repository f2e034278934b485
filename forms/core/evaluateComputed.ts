/**
 * Fills the computed fields of case data (家庭月收入合计, 人均月收入, 测算保障金额 …) in dependency
 * order. The input is not changed; the answer is a copy. A field whose parent object is absent is
 * not created (a section the step does not show stays absent); a field that cannot be computed
 * from the data (division by zero, text in arithmetic) is removed rather than left stale; a field
 * whose `$parameters` were not given is left as it is (it cannot be computed here, e.g. without
 * the county's 低保标准).
 */
import { compileFormRules, type FormRules } from './compileFormRules.js';
import type { ExpressionContext } from './expression/evaluateExpression.js';
import { fieldInstances } from './fieldInstances.js';
import type { FormSchema } from './types.js';

/** What computed fields may read besides the data: `$parameters` such as `$standard` (低保标准). */
export interface ComputeOptions {
  params?: ExpressionContext['params'];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Returns a copy of `data` with every computed field filled. Pass compiled {@link FormRules} to avoid
 * re-parsing the expressions on every call (compile once per form version).
 */
export function evaluateComputed<T>(schemaOrRules: FormSchema | FormRules, data: T, options: ComputeOptions = {}): T {
  const rules = isRules(schemaOrRules) ? schemaOrRules : compileFormRules(schemaOrRules);
  if (rules.computed.length === 0 || !isObj(data)) return data;
  const copy = JSON.parse(JSON.stringify(data)) as T;
  const given = options.params ?? {};
  for (const field of rules.computed) {
    if (field.expression.dependencies.params.some((p) => !Object.prototype.hasOwnProperty.call(given, p))) continue;
    for (const { holder, key } of fieldInstances(copy, field.pointer)) {
      const value = field.expression.evaluate(copy, { params: options.params, scope: holder });
      if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) || (typeof value === 'object' && value !== null)) delete holder[key];
      else holder[key] = value;
    }
  }
  return copy;
}

function isRules(v: FormSchema | FormRules): v is FormRules {
  return Array.isArray((v as FormRules).computed) && Array.isArray((v as FormRules).conditional);
}
