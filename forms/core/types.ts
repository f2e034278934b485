/**
 * Types of the form layer: the JSON Schema of a form (2020-12 with Tongban's `x-` keywords), field
 * errors keyed by JSON pointer, and per-step field permissions.
 */

/** A JSON Schema (2020-12) of a form, with `x-messages` (keyword → message), `x-mask`, `x-computed`. */
export type FormSchema = Record<string, unknown>;

/** One problem with one field: JSON pointer, Chinese message and the failing keyword. */
export interface FieldError {
  path: string;
  message: string;
  keyword: string;
}

/** The answer of a validator. */
export type ValidationResult = { valid: true } | { valid: false; errors: FieldError[] };

/** A compiled validator of one form schema version. */
export interface FormValidator {
  validate(data: unknown): ValidationResult;
}

/** How a field may be used on a step. */
export type FieldPermission = 'write' | 'read' | 'masked' | 'hidden';

/** JSON pointer → permission; the longest matching prefix wins; paths not covered are hidden. */
export type FieldPermissions = Record<string, FieldPermission>;
