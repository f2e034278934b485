/** `<tb-money-field>`: an amount in 元 with two decimals (收入, 补助金额). */
import { TbNumberField } from './TbNumberField.js';

/** A money input: decimal keyboard, 元 after it, shown with two decimals when not being typed in. */
export class TbMoneyField extends TbNumberField {
  protected override get unit(): string {
    return this.t('yuan');
  }

  protected override display(value: unknown): string {
    return typeof value === 'number' ? value.toFixed(2) : super.display(value);
  }
}

customElements.define('tb-money-field', TbMoneyField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-money-field': TbMoneyField;
  }
}
