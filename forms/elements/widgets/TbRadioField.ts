/** `<tb-radio-field>`: one choice from a few, all visible at once (决定, 调查方式). */
import { html, type TemplateResult } from 'lit';
import { TbField, fieldIds } from '../TbField.js';
import { enumOptions } from './enumOptions.js';

/** Radio buttons in a fieldset; arrow keys move between them (native radio group). */
export class TbRadioField extends TbField {
  protected override chromeKind = 'group' as const;

  protected override renderInput(): TemplateResult {
    const value = this.value;
    const invalid = this.error ? 'true' : 'false';
    return html`<div class="choices">
      ${enumOptions(this.schema).map(
        (o, i) => html`<label class="choice">
          <input
            type="radio"
            name="choice"
            id=${i === 0 ? fieldIds.input : `option-${i}`}
            .checked=${o.value === value}
            aria-describedby=${this.describedBy}
            aria-invalid=${invalid}
            @change=${() => this.commit(o.value)}
            @blur=${this.markTouched}
          />${o.label}</label
        >`,
      )}
    </div>`;
  }
}

customElements.define('tb-radio-field', TbRadioField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-radio-field': TbRadioField;
  }
}
