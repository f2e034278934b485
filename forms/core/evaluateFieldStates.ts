/**
 * Whether each conditional field is shown and required right now, at its concrete paths — what
 * the form elements need after every change. The server applies the same rules when it validates
 * (`x-required-if` there, see createFormValidator).
 */
import type { FormRules } from './compileFormRules.js';
import type { ExpressionContext } from './expression/evaluateExpression.js';
import { fieldInstances } from './fieldInstances.js';

/** The state of one conditional field at one place. */
export interface FieldState {
  visible: boolean;
  required: boolean;
}

/**
 * The state of every conditional field (`x-visible-if`, `x-required-if`) at every place it has in
 * `data`, keyed by concrete JSON pointer (`/household/members/1/disabilityCertificate`). Fields
 * without conditions are absent: they are always shown, and required as their schema says.
 */
export function evaluateFieldStates(rules: FormRules, data: unknown, params?: ExpressionContext['params']): Record<string, FieldState> {
  const states: Record<string, FieldState> = {};
  for (const field of rules.conditional) {
    for (const { path, holder } of fieldInstances(data, field.pointer)) {
      const context: ExpressionContext = { scope: holder, ...(params ? { params } : {}) };
      const visible = field.visibleIf ? field.visibleIf.test(data, context) : true;
      states[path] = { visible, required: visible && (field.requiredIf ? field.requiredIf.test(data, context) : false) };
    }
  }
  return states;
}
