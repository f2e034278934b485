/** `<tb-date-field>`: a calendar date (`YYYY-MM-DD`) with the browser's date picker. */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { TbField, fieldIds } from '../TbField.js';

/** A date input; `formatMinimum`/`formatMaximum` become the picker's limits. */
export class TbDateField extends TbField {
  private onChange = (event: Event): void => {
    this.commit((event.target as HTMLInputElement).value || undefined);
  };

  protected override renderInput(): TemplateResult {
    const value = this.value;
    return html`<input
      id=${fieldIds.input}
      type="date"
      .value=${live(typeof value === 'string' ? value : '')}
      min=${ifDefined(this.schema.formatMinimum as string | undefined)}
      max=${ifDefined(this.schema.formatMaximum as string | undefined)}
      aria-describedby=${this.describedBy}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
      @change=${this.onChange}
      @input=${this.onChange}
      @blur=${this.markTouched}
    />`;
  }
}

customElements.define('tb-date-field', TbDateField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-date-field': TbDateField;
  }
}
