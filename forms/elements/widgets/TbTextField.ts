/** `<tb-text-field>`: one line of text (names, addresses, free answers). */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { TbField, fieldIds } from '../TbField.js';

/** A single-line text input. Subclasses adjust the keyboard and how typed text is cleaned. */
export class TbTextField extends TbField {
  /** `inputmode` for phone keyboards. */
  protected keyboardMode = 'text';
  /** `type` of the native input. */
  protected inputType = 'text';
  /** `autocomplete` token, if the field is a well-known one. */
  protected autocomplete = 'off';

  /** Cleans what was typed before it is stored (e.g. drops spaces from numbers). */
  protected clean(raw: string): string {
    return raw;
  }

  protected onInput = (event: Event): void => {
    this.commit(this.clean((event.target as HTMLInputElement).value));
  };

  protected override renderInput(): TemplateResult {
    const value = this.value;
    const max = typeof this.schema.maxLength === 'number' ? this.schema.maxLength : undefined;
    return html`<input
      id=${fieldIds.input}
      type=${this.inputType}
      inputmode=${this.keyboardMode}
      autocomplete=${this.autocomplete}
      .value=${live(value === undefined || value === null ? '' : String(value))}
      maxlength=${ifDefined(max)}
      placeholder=${this.control?.placeholder ?? (this.schema['x-placeholder'] as string | undefined) ?? ''}
      aria-describedby=${this.describedBy}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
      @input=${this.onInput}
      @blur=${this.markTouched}
    />`;
  }
}

customElements.define('tb-text-field', TbTextField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-text-field': TbTextField;
  }
}
