/**
 * Validators and form rules compiled once per form version and kept by the caller (no module
 * state: the server keeps one cache for its process, a page one per form element tree).
 */
import { compileFormRules, type FormRules } from './compileFormRules.js';
import { createFormValidator } from './createFormValidator.js';
import type { FormSchema, FormValidator } from './types.js';

/** One compiled form version. */
export interface CompiledForm {
  validator: FormValidator;
  rules: FormRules;
}

/**
 * Compiled forms keyed by `key@version` (e.g. `dibao@3`). A published version never changes, so
 * entries never go stale; the oldest entries are dropped beyond `capacity`.
 */
export class FormValidatorCache {
  private readonly entries = new Map<string, CompiledForm>();

  constructor(private readonly capacity = 200) {}

  /** The compiled form of `key@version`, compiling `schema` on first use. */
  get(key: string, version: number | string, schema: FormSchema): CompiledForm {
    const id = `${key}@${version}`;
    const hit = this.entries.get(id);
    if (hit) return hit;
    const compiled: CompiledForm = { validator: createFormValidator(schema), rules: compileFormRules(schema) };
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(id, compiled);
    return compiled;
  }

  /** The validator of `key@version` (compiled on first use). */
  validator(key: string, version: number | string, schema: FormSchema): FormValidator {
    return this.get(key, version, schema).validator;
  }

  /** Whether `key@version` is compiled. */
  has(key: string, version: number | string): boolean {
    return this.entries.has(`${key}@${version}`);
  }

  /** How many versions are compiled. */
  get size(): number {
    return this.entries.size;
  }
}
