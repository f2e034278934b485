/** `<tb-select-field>`: one choice from a longer list (关系, 就业状况). */
import { html, type TemplateResult } from 'lit';
import { TbField, fieldIds } from '../TbField.js';
import { enumOptions } from './enumOptions.js';

/** A native select: familiar on phones, read well by screen readers. */
export class TbSelectField extends TbField {
  private onChange = (event: Event): void => {
    const index = (event.target as HTMLSelectElement).selectedIndex - 1;
    this.commit(index >= 0 ? enumOptions(this.schema)[index]?.value : undefined);
  };

  protected override renderInput(): TemplateResult {
    const value = this.value;
    return html`<select
      id=${fieldIds.input}
      aria-describedby=${this.describedBy}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
      @change=${this.onChange}
      @blur=${this.markTouched}
    >
      <option value="" ?selected=${value === undefined}>${this.t('choose')}</option>
      ${enumOptions(this.schema).map((o, i) => html`<option value=${i} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  }
}

customElements.define('tb-select-field', TbSelectField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-select-field': TbSelectField;
  }
}
