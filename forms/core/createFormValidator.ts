/**
 * Validators of form data: ajv (JSON Schema 2020-12, all errors) with Tongban's formats, Chinese
 * messages for every keyword naming the field by its title, messages declared in the schema
 * (`x-messages`) winning over the generic ones, and conditional requiredness (`x-required-if`).
 * Compile once per form version ({@link FormValidatorCache}); validating is then microseconds.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { compileFormRules, type ConditionalField } from './compileFormRules.js';
import { createAjv } from './createAjv.js';
import { readPath } from './expression/evaluateExpression.js';
import { fieldInstances } from './fieldInstances.js';
import { schemaAtPath } from './schemaFields.js';
import type { FieldError, FormSchema, FormValidator } from './types.js';
import { zhMessage } from './zhMessages.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The value at a JSON pointer of the data, or undefined. */
function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  const v = readPath(data, pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : unescape(p))));
  return v === null ? undefined : v;
}

/** Maps an ajv error to a field error at the path of the field concerned. */
function toFieldError(root: FormSchema, data: unknown, error: ErrorObject): FieldError {
  const p = error.params as Record<string, unknown>;
  let path = error.instancePath;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') path = `${path}/${escape(String(p.missingProperty))}`;
  else if (error.keyword === 'additionalProperties') path = `${path}/${escape(String(p.additionalProperty))}`;
  else if (error.keyword === 'unevaluatedProperties') path = `${path}/${escape(String(p.unevaluatedProperty))}`;
  const field = schemaAtPath(root, path);
  const custom = field?.['x-messages']?.[error.keyword];
  const lastKey = unescape(path.slice(path.lastIndexOf('/') + 1));
  const title = typeof field?.title === 'string' ? field.title : error.keyword === 'false schema' && lastKey ? lastKey : undefined;
  return { path, message: typeof custom === 'string' ? custom : zhMessage(error, title, valueAt(data, path)), keyword: error.keyword };
}

/** Errors inside the branches of anyOf/oneOf/not/contains: the combinator's own error says it better. */
const branchDetail = /\/(anyOf|oneOf|not|contains)\//;

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Errors for fields required by `x-required-if` and left empty. Only checked where the field's parent object exists. */
function conditionalRequiredErrors(root: FormSchema, rules: ConditionalField[], data: unknown, seen: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const rule of rules) {
    if (!rule.requiredIf) continue;
    for (const { path, holder, key } of fieldInstances(data, rule.pointer)) {
      if (seen.has(path) || !isBlank(holder[key]) || !rule.requiredIf.test(data, { scope: holder })) continue;
      if (rule.visibleIf && !rule.visibleIf.test(data, { scope: holder })) continue;
      const custom = schemaAtPath(root, path)?.['x-messages']?.['x-required-if'] ?? schemaAtPath(root, path)?.['x-messages']?.required;
      errors.push({ path, message: typeof custom === 'string' ? custom : `请填写“${rule.title}”。`, keyword: 'required' });
    }
  }
  return errors;
}

/** A validation function as ajv compiles it, or as a precompiled (standalone) module exports it. */
export interface SchemaValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Options of {@link createFormValidator}. */
export interface FormValidatorOptions {
  /**
   * The schema's ajv function precompiled at build time (see server/build/buildValidators.ts): no
   * compiling, no `new Function`, so it runs under a strict Content-Security-Policy.
   */
  precompiled?: SchemaValidateFunction;
}

/** Compiles a validator for one form schema; throws on a schema error (unknown keyword, bad expression). */
export function createFormValidator(schema: FormSchema, options: FormValidatorOptions = {}): FormValidator {
  const validate: SchemaValidateFunction = options.precompiled ?? createAjv().compile(schema);
  const conditional = compileFormRules(schema).conditional.filter((c) => c.requiredIf);
  return {
    validate(data) {
      const schemaValid = validate(data);
      if (schemaValid && conditional.length === 0) return { valid: true };
      const seen = new Set<string>();
      const errors: FieldError[] = [];
      for (const e of schemaValid ? [] : (validate.errors ?? [])) {
        if (e.keyword === 'if' || branchDetail.test(e.schemaPath)) continue;
        const fe = toFieldError(schema, data, e);
        const k = `${fe.path} ${fe.keyword}`;
        if (seen.has(k)) continue;
        seen.add(k);
        seen.add(fe.path);
        errors.push(fe);
      }
      errors.push(...conditionalRequiredErrors(schema, conditional, data, seen));
      return errors.length === 0 ? { valid: true } : { valid: false, errors };
    },
  };
}
