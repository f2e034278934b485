/** `<tb-phone-field>`: a mobile number (手机号) with the phone's number pad. */
import { TbTextField } from './TbTextField.js';

/** A mobile number: digits only, telephone keyboard. */
export class TbPhoneField extends TbTextField {
  protected override keyboardMode = 'tel';
  protected override inputType = 'tel';
  protected override autocomplete = 'tel-national';

  protected override clean(raw: string): string {
    return raw.replace(/[\s-]/g, '');
  }
}

customElements.define('tb-phone-field', TbPhoneField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-phone-field': TbPhoneField;
  }
}
