/**
 * A draft (an action of kind `save`) is checked loosely: what is filled in must be well-formed, but
 * what is still missing is fine. Submitting checks strictly.
 */
import type { FieldError } from '../../forms/core/index.js';

/** The keywords that say something is missing rather than wrong. */
const missingKeywords = new Set(['required', 'dependentRequired', 'minItems', 'minProperties']);

/** The validation errors that still count for a draft. */
export function draftProblems(errors: FieldError[]): FieldError[] {
  return errors.filter((e) => !missingKeywords.has(e.keyword));
}
