/**
 * Types of the form layer: the JSON Schema of a form (2020-12 with Tongban's `x-` keywords), field
 * errors keyed by JSON pointer, and per-step field permissions.
 */

/** How a value is masked for viewers with `masked` permission. */
export type MaskKind = 'id-card' | 'mobile' | 'bank-card' | 'name' | 'address' | 'full';

/** A computed field: an expression of the expression language, and its formula in words for the UI. */
export interface ComputedSpec {
  /** E.g. `round(income.monthlyTotal / count(household.members), 2)`. */
  expr: string;
  /** E.g. `家庭人均月收入 = 家庭月收入合计 ÷ 共同生活家庭成员人数`. */
  label?: string;
}

/**
 * A JSON Schema (2020-12) node of a form, with Tongban's keywords:
 * `x-messages` (keyword → message that wins over the generic Chinese one), `x-mask`, `x-computed`,
 * `x-required-if` / `x-visible-if` (expressions; `this.x` is a sibling field).
 */
export interface FieldSchema {
  $ref?: string;
  $defs?: Record<string, FieldSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema | boolean;
  required?: string[];
  allOf?: FieldSchema[];
  anyOf?: FieldSchema[];
  oneOf?: FieldSchema[];
  if?: FieldSchema;
  then?: FieldSchema;
  else?: FieldSchema;
  readOnly?: boolean;
  'x-messages'?: Record<string, string>;
  'x-mask'?: MaskKind;
  'x-computed'?: ComputedSpec;
  'x-required-if'?: string;
  'x-visible-if'?: string;
  /** Any other JSON Schema keyword. */
  [keyword: string]: unknown;
}

/** The JSON Schema of a whole form: an object schema at the root. */
export type FormSchema = FieldSchema;

/** One problem with one field: JSON pointer, Chinese message and the failing keyword. */
export interface FieldError {
  /** JSON pointer into the data, e.g. `/household/members/1/idNumber`; for a missing field, the field's own path. */
  path: string;
  /** The message in Chinese, naming the field by its title where known. */
  message: string;
  /** The JSON-Schema keyword (`required`, `format` …) or Tongban's check (`forbiddenKey`, `permission` …). */
  keyword: string;
}

/** The answer of a validator. */
export type ValidationResult = { valid: true } | { valid: false; errors: FieldError[] };

/** A compiled validator of one form schema version. */
export interface FormValidator {
  /** Validates the whole case data: the schema, then conditional requiredness (`x-required-if`). */
  validate(data: unknown): ValidationResult;
}

/** How a field may be used on a step. */
export type FieldPermission = 'write' | 'read' | 'masked' | 'hidden';

/** JSON pointer → permission; the longest matching prefix wins; paths not covered are hidden. */
export type FieldPermissions = Record<string, FieldPermission>;
