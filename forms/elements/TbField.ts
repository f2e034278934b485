/**
 * The base of every field element: it binds to one JSON pointer of a {@link FormStore}, re-renders
 * only when its own slice changed (value, message, visibility, requiredness, permission, language),
 * and draws the field chrome — label, required mark, help, error — in the same shadow root as the
 * input, so `aria-describedby` and `aria-invalid` reach it. Subclasses implement `renderInput`;
 * `renderText` gives the read-only and print view (text, not disabled inputs).
 */
import { LitElement, html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import type { FieldPermission, FieldSchema, UiControl } from '../core/index.js';
import { fieldStyles } from './chrome/fieldStyles.js';
import { formatValue } from './chrome/formatValue.js';
import { text, type StringKey } from './chrome/strings.js';
import type { FormStore } from './store/FormStore.js';

/** How the chrome frames the input: a `<label for>` for one input, a `<fieldset>`/`<legend>` for a group of them. */
export type ChromeKind = 'label' | 'group';

/** What the element shows: an input, text, or nothing. */
export type FieldMode = 'edit' | 'text' | 'hidden';

/** Ids inside the shadow root that the input refers to. */
export const fieldIds = { input: 'input', label: 'label', help: 'help', error: 'error' } as const;

/** Base class of the field elements. */
export abstract class TbField extends LitElement {
  static override styles: CSSResultGroup = fieldStyles;
  static override properties = {
    store: { attribute: false },
    pointer: { type: String },
    control: { attribute: false },
  };

  /** The form's state. */
  declare store: FormStore;
  /** The field's concrete JSON pointer. */
  declare pointer: string;
  /** The UI schema control that placed this field, if any. */
  declare control: UiControl | undefined;

  /** How the chrome frames the input; groups of inputs use a fieldset. */
  protected chromeKind: ChromeKind = 'label';
  private unsubscribe: (() => void) | undefined;
  private lastSlice: unknown[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store') && this.isConnected) this.subscribe();
    this.lastSlice = this.store ? this.slice() : [];
    const mode = this.store ? this.mode : 'hidden';
    this.toggleAttribute('hidden', mode === 'hidden');
  }

  private subscribe(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.store?.subscribe(() => {
      const next = this.slice();
      if (next.length !== this.lastSlice.length || next.some((v, i) => v !== this.lastSlice[i])) this.requestUpdate();
    });
  }

  /** What this element shows; anything in it changing re-renders the element. */
  protected slice(): unknown[] {
    const s = this.store;
    return [s.get(this.pointer), s.errorAt(this.pointer), s.isVisible(this.pointer), s.isRequired(this.pointer), s.language, s.printView];
  }

  /** The field's schema. */
  protected get schema(): FieldSchema {
    return this.store.schemaAt(this.pointer) ?? {};
  }

  /** The current value. */
  protected get value(): unknown {
    return this.store.get(this.pointer);
  }

  /** This step's permission for the field. */
  protected get permission(): FieldPermission {
    return this.store.permission(this.pointer);
  }

  /** Edit, text (read, masked, computed, print) or hidden. */
  get mode(): FieldMode {
    const s = this.store;
    if (this.permission === 'hidden' || !s.isVisible(this.pointer)) return 'hidden';
    if (s.printView || this.permission !== 'write' || this.control?.readOnly === true || this.schema.readOnly === true) return 'text';
    return 'edit';
  }

  /** The label: the control's, the schema title (English `x-title-en`), or the key. */
  protected get label(): string {
    const english = this.store.language === 'en' && typeof this.schema['x-title-en'] === 'string' ? (this.schema['x-title-en'] as string) : undefined;
    return this.control?.label ?? english ?? this.schema.title ?? this.pointer.split('/').at(-1) ?? '';
  }

  /** Help text: the control's, `x-help`, or the schema description. */
  protected get help(): string | undefined {
    return this.control?.help ?? (this.schema['x-help'] as string | undefined) ?? this.schema.description;
  }

  /** The shown error message. */
  protected get error(): string | undefined {
    return this.store.errorAt(this.pointer);
  }

  /** The element's own words in the form's language. */
  protected t(key: StringKey, values?: Record<string, string | number>): string {
    return text(this.store.language, key, values);
  }

  /** Writes a new value. */
  protected commit(value: unknown): void {
    this.store.set(this.pointer, value);
  }

  /** Marks the field visited so its error shows (on blur). */
  protected markTouched = (): void => {
    this.store.touch(this.pointer);
  };

  /** `aria-describedby` for the input: help and error ids. */
  protected get describedBy(): string {
    return [this.help ? fieldIds.help : '', fieldIds.error].filter(Boolean).join(' ');
  }

  /** The input(s) in edit mode. */
  protected abstract renderInput(): TemplateResult;

  /** The value as text for read-only and print views. */
  protected renderText(): TemplateResult {
    return html`<p class="text">${formatValue(this.value, this.schema, this.store.language)}</p>`;
  }

  /** Extra lines under the input (e.g. the birth date from an ID number). */
  protected renderHint(): TemplateResult | typeof nothing {
    return nothing;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.store) return nothing;
    const mode = this.mode;
    if (mode === 'hidden') return nothing;
    const required = this.store.isRequired(this.pointer);
    const mark = required && mode === 'edit' ? html`<span class="required" aria-hidden="true">*</span>` : nothing;
    const help = this.help && mode === 'edit' ? html`<p class="help" id=${fieldIds.help}>${this.help}</p>` : nothing;
    if (mode === 'text') {
      return html`<div class="field read" part="field"><span class="label" id=${fieldIds.label}>${this.label}</span>${this.renderText()}</div>`;
    }
    const error = html`<p class="error" id=${fieldIds.error} aria-live="polite">${this.error ?? ''}</p>`;
    if (this.chromeKind === 'group') {
      return html`<fieldset class="field" part="field" aria-describedby=${this.describedBy}>
        <legend id=${fieldIds.label}>${this.label}${mark}${required ? html`<span class="visually-hidden">（${this.t('required')}）</span>` : nothing}</legend>
        ${help}${this.renderInput()}${this.renderHint()}${error}
      </fieldset>`;
    }
    return html`<div class="field" part="field">
      <label id=${fieldIds.label} for=${fieldIds.input}>${this.label}${mark}</label>
      ${help}${this.renderInput()}${this.renderHint()}${error}
    </div>`;
  }
}
