/** `<tb-bank-card-field>`: a bank or social-security card number, checked by Luhn in forms/core. */
import { html, nothing, type TemplateResult } from 'lit';
import { TbTextField } from './TbTextField.js';

/** A card number: digits only, shown back in groups of four so it can be read aloud and compared. */
export class TbBankCardField extends TbTextField {
  protected override keyboardMode = 'numeric';

  protected override clean(raw: string): string {
    return raw.replace(/[\s-]/g, '');
  }

  protected override renderHint(): TemplateResult | typeof nothing {
    const v = this.value;
    if (typeof v !== 'string' || v.length < 8) return nothing;
    return html`<p class="hint" aria-hidden="true">${v.replace(/(.{4})(?=.)/g, '$1 ')}</p>`;
  }
}

customElements.define('tb-bank-card-field', TbBankCardField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-bank-card-field': TbBankCardField;
  }
}
