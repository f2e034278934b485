/** `<tb-textarea-field>`: several lines of text (opinions, findings, notes). */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { TbField, fieldIds } from '../TbField.js';

/** A multi-line text input with a character count when the schema limits the length. */
export class TbTextareaField extends TbField {
  private onInput = (event: Event): void => {
    this.commit((event.target as HTMLTextAreaElement).value);
  };

  protected override renderInput(): TemplateResult {
    const value = this.value;
    const max = typeof this.schema.maxLength === 'number' ? this.schema.maxLength : undefined;
    const length = typeof value === 'string' ? value.length : 0;
    return html`<textarea
        id=${fieldIds.input}
        rows="4"
        .value=${live(typeof value === 'string' ? value : '')}
        maxlength=${ifDefined(max)}
        aria-describedby=${this.describedBy}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
        @input=${this.onInput}
        @blur=${this.markTouched}
      ></textarea
      >${max ? html`<p class="hint" aria-hidden="true">${length} / ${max}</p>` : ''}`;
  }
}

customElements.define('tb-textarea-field', TbTextareaField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-textarea-field': TbTextareaField;
  }
}
