/**
 * The state of one rendered form: the case data (immutable, structurally shared), its computed
 * figures, validation errors by JSON pointer, conditional field states, permissions and which
 * fields the user has touched. Field elements subscribe and re-render only when their own slice
 * changed, so a keystroke costs one element, not the whole form.
 */
import {
  createFormValidator,
  compileFormRules,
  evaluateComputed,
  evaluateFieldStates,
  permissionAt,
  redactForView,
  schemaAtPath,
  type FieldError,
  type FieldPermission,
  type FieldPermissions,
  type FieldSchema,
  type FieldState,
  type FormRules,
  type FormSchema,
  type FormValidator,
} from '../../core/index.js';
import type { FormLanguage } from '../chrome/strings.js';
import { keepIdentity, pointerSegments, readAt, writeAt } from './jsonPointer.js';

/** What a form store is made from. */
export interface FormStoreOptions {
  schema: FormSchema;
  /** The case data to start from (not modified). */
  data?: Record<string, unknown>;
  /** Field permissions of the current step and role; without them every field is writable. */
  permissions?: FieldPermissions;
  /** `$parameters` of computed fields, e.g. `{ standard: 800 }` (低保标准). */
  params?: Record<string, number | string | boolean>;
  /** A compiled validator and rules (from a `FormValidatorCache`), so the schema is not compiled again. */
  compiled?: { validator: FormValidator; rules: FormRules };
  /** Language of the elements' own words (default zh-CN). */
  language?: FormLanguage;
}

/** Called after every change of the store. */
export type StoreListener = () => void;

const isSchemaPointer = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/0');

/** The parts of a pointer that depend only on the pointer and the schema. */
interface PointerFacts {
  segments: string[];
  /** The pointer and its parents, longest first (the keys of the field states). */
  chain: string[];
  /** Its parent's `required` lists it. */
  requiredByParent: boolean;
}

/** The observable state of a form. */
export class FormStore {
  readonly schema: FormSchema;
  readonly rules: FormRules;
  readonly permissions: FieldPermissions | undefined;
  readonly params: Record<string, number | string | boolean> | undefined;
  private readonly validator: FormValidator;
  private readonly listeners = new Set<StoreListener>();
  private readonly touched = new Set<string>();
  private readonly schemaCache = new Map<string, FieldSchema | undefined>();
  /** What never changes about a pointer, worked out once: every field asks on every change. */
  private readonly pointerCache = new Map<string, PointerFacts>();
  private currentData: Record<string, unknown> = {};
  private errorMap = new Map<string, FieldError[]>();
  private stateMap: Record<string, FieldState> = {};
  private revealAll = false;
  /** Errors the server reported, by path, until their field changes. */
  private serverErrors = new Map<string, FieldError>();
  private currentLanguage: FormLanguage;
  private printing = false;
  /** Increases with every change; elements compare it to skip work. */
  revision = 0;

  constructor(options: FormStoreOptions) {
    this.schema = options.schema;
    this.validator = options.compiled?.validator ?? createFormValidator(options.schema);
    this.rules = options.compiled?.rules ?? compileFormRules(options.schema);
    this.permissions = options.permissions;
    this.params = options.params;
    this.currentLanguage = options.language ?? 'zh-CN';
    this.recompute(options.data ?? {});
  }

  /** The whole data, computed fields filled. Treat as read-only. */
  get data(): Record<string, unknown> {
    return this.currentData;
  }

  /** The data to submit: hidden fields removed. */
  get value(): Record<string, unknown> {
    return this.permissions ? redactForView(this.permissions, this.currentData) : this.currentData;
  }

  /** Language of the elements' own words. */
  get language(): FormLanguage {
    return this.currentLanguage;
  }

  set language(language: FormLanguage) {
    if (language === this.currentLanguage) return;
    this.currentLanguage = language;
    this.revision++;
    this.notify();
  }

  /** Print view: every field as text, nothing editable. */
  get printView(): boolean {
    return this.printing;
  }

  set printView(on: boolean) {
    if (on === this.printing) return;
    this.printing = on;
    this.revision++;
    this.notify();
  }

  /** The value at a JSON pointer. */
  get(pointer: string): unknown {
    return readAt(this.currentData, this.facts(pointer).segments);
  }

  /** Sets the value at a JSON pointer (undefined removes it), recomputes and notifies. Ignored where the user may not write. */
  set(pointer: string, value: unknown): void {
    if (this.permission(pointer) !== 'write') return;
    const segments = pointerSegments(pointer);
    // An emptied text is no answer — except inside a list, where it is an item still being typed.
    const inList = /^\d+$/.test(segments.at(-1) ?? '');
    const normalized = value === '' && !inList ? undefined : value;
    this.dropServerErrors(pointer);
    this.recompute(writeAt(this.currentData, segments, normalized) as Record<string, unknown>);
    this.notify();
  }

  /**
   * Shows errors the server found (paths into the data, e.g. from a 422 answer) at once, beside the
   * browser's own; each goes away when its field, a field inside it, or a field above it changes.
   */
  setServerErrors(errors: FieldError[]): void {
    this.serverErrors = new Map(errors.map((e) => [e.path, e]));
    this.revision++;
    this.notify();
  }

  private dropServerErrors(pointer: string): void {
    for (const path of [...this.serverErrors.keys()]) {
      if (path === pointer || path.startsWith(`${pointer}/`) || pointer.startsWith(`${path}/`)) this.serverErrors.delete(path);
    }
  }

  /** Replaces the whole data (e.g. after the server answered). */
  reset(data: Record<string, unknown>): void {
    this.touched.clear();
    this.serverErrors.clear();
    this.revealAll = false;
    this.recompute(data);
    this.notify();
  }

  /** Marks a field as visited: its errors are shown from now on. */
  touch(pointer: string): void {
    if (this.touched.has(pointer)) return;
    this.touched.add(pointer);
    this.revision++;
    this.notify();
  }

  /** Shows every error, e.g. when the user tries to submit. */
  revealErrors(): void {
    this.revealAll = true;
    this.revision++;
    this.notify();
  }

  /** Whether errors of this field are shown (touched, or after a submit attempt). */
  isRevealed(pointer: string): boolean {
    return this.revealAll || this.touched.has(pointer);
  }

  /** The field's first error message if it is to be shown. */
  errorAt(pointer: string): string | undefined {
    return (this.isRevealed(pointer) ? this.errorMap.get(pointer)?.[0]?.message : undefined) ?? this.serverErrors.get(pointer)?.message;
  }

  /** All current errors (shown or not), in document order of the schema walk. */
  get errors(): FieldError[] {
    const own = [...this.errorMap.values()].flat();
    return [...own, ...[...this.serverErrors.values()].filter((e) => !this.errorMap.has(e.path))];
  }

  /** Errors that block submitting: on fields this step may write and that are shown. */
  get blockingErrors(): FieldError[] {
    return this.errors.filter((e) => this.permission(e.path) === 'write' && this.isVisible(e.path));
  }

  /** The schema of a concrete data path (cached). */
  schemaAt(pointer: string): FieldSchema | undefined {
    const key = isSchemaPointer(pointer);
    if (!this.schemaCache.has(key)) this.schemaCache.set(key, schemaAtPath(this.schema, key));
    return this.schemaCache.get(key);
  }

  /** This step's permission for a field. */
  permission(pointer: string): FieldPermission {
    return this.permissions ? permissionAt(this.permissions, pointer) : 'write';
  }

  /** False when an `x-visible-if` hides the field (or one of its parents). */
  isVisible(pointer: string): boolean {
    for (const p of this.facts(pointer).chain) {
      const state = this.stateMap[p];
      if (state && !state.visible) return false;
    }
    return true;
  }

  /** Whether the field must be filled: its parent's `required`, or an `x-required-if` that holds. */
  isRequired(pointer: string): boolean {
    return this.stateMap[pointer]?.required === true || this.facts(pointer).requiredByParent;
  }

  private facts(pointer: string): PointerFacts {
    let facts = this.pointerCache.get(pointer);
    if (!facts) {
      const segments = pointerSegments(pointer);
      const escaped = segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'));
      const chain = escaped.map((_, i) => '/' + escaped.slice(0, escaped.length - i).join('/'));
      const key = segments.at(-1);
      const parent = key === undefined ? undefined : this.schemaAt(pointer.slice(0, pointer.lastIndexOf('/')));
      facts = { segments, chain, requiredByParent: key !== undefined && Array.isArray(parent?.required) && parent.required.includes(key) };
      this.pointerCache.set(pointer, facts);
    }
    return facts;
  }

  /** Listens to every change; returns the function that stops listening. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(data: Record<string, unknown>): void {
    const computed = evaluateComputed(this.rules, data, this.params ? { params: this.params } : {});
    this.currentData = keepIdentity(this.currentData, computed);
    this.stateMap = evaluateFieldStates(this.rules, this.currentData, this.params);
    const result = this.validator.validate(this.currentData);
    const map = new Map<string, FieldError[]>();
    if (!result.valid) for (const e of result.errors) map.set(e.path, [...(map.get(e.path) ?? []), e]);
    this.errorMap = map;
    this.revision++;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
