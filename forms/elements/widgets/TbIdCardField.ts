/** `<tb-id-card-field>`: a 公民身份号码 that shows the birth date and sex it encodes. */
import { html, nothing, type TemplateResult } from 'lit';
import { parseIdCard } from '../../core/index.js';
import { TbTextField } from './TbTextField.js';

/** An ID number input: 18 characters, a lower-case x becomes X; once valid, 出生日期 and 性别 appear under it. */
export class TbIdCardField extends TbTextField {
  protected override clean(raw: string): string {
    return raw.replace(/\s/g, '').toUpperCase();
  }

  protected override renderHint(): TemplateResult | typeof nothing {
    const v = this.value;
    const info = typeof v === 'string' && v.length === 18 ? parseIdCard(v) : undefined;
    if (!info) return nothing;
    return html`<p class="hint" aria-live="polite">${this.t('birthDate')}：${info.birthDate}　${this.t('sex')}：${this.t(info.sex)}</p>`;
  }
}

customElements.define('tb-id-card-field', TbIdCardField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-id-card-field': TbIdCardField;
  }
}
