/** `<tb-switch-field>`: a yes/no question (按单人保申请, 材料齐全). */
import { html, type TemplateResult } from 'lit';
import { TbField, fieldIds } from '../TbField.js';

/** A switch (a checkbox with `role="switch"`) with 是/否 spelt out next to it. */
export class TbSwitchField extends TbField {
  private onChange = (event: Event): void => {
    this.commit((event.target as HTMLInputElement).checked);
    this.markTouched();
  };

  protected override renderInput(): TemplateResult {
    const on = this.value === true;
    // The 是/否 beside the switch is part of its target (a label), so the whole row is clickable.
    return html`<label class="choice">
      <input
        id=${fieldIds.input}
        type="checkbox"
        role="switch"
        .checked=${on}
        aria-describedby=${this.describedBy}
        aria-invalid=${this.error ? 'true' : 'false'}
        @change=${this.onChange}
      /><span aria-hidden="true">${this.t(on ? 'yes' : 'no')}</span>
    </label>`;
  }
}

customElements.define('tb-switch-field', TbSwitchField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-switch-field': TbSwitchField;
  }
}
