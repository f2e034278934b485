/** `<tb-checkbox-group-field>`: several choices from a list (缺少的材料, 核对事项). */
import { html, type TemplateResult } from 'lit';
import type { FieldSchema } from '../../core/index.js';
import { TbField, fieldIds } from '../TbField.js';
import { enumOptions } from './enumOptions.js';

/** Checkboxes in a fieldset; the value is the list of checked choices in the schema's order. */
export class TbCheckboxGroupField extends TbField {
  protected override chromeKind = 'group' as const;

  private toggle(option: unknown, on: boolean): void {
    const options = enumOptions(this.schema.items as FieldSchema).map((o) => o.value);
    const current = new Set(Array.isArray(this.value) ? (this.value as unknown[]) : []);
    if (on) current.add(option);
    else current.delete(option);
    const next = options.filter((o) => current.has(o));
    this.commit(next.length ? next : undefined);
    this.markTouched();
  }

  protected override renderInput(): TemplateResult {
    const checked = new Set(Array.isArray(this.value) ? (this.value as unknown[]) : []);
    const invalid = this.error ? 'true' : 'false';
    return html`<div class="choices">
      ${enumOptions(this.schema.items as FieldSchema).map(
        (o, i) => html`<label class="choice">
          <input
            type="checkbox"
            id=${i === 0 ? fieldIds.input : `option-${i}`}
            .checked=${checked.has(o.value)}
            aria-describedby=${this.describedBy}
            aria-invalid=${invalid}
            @change=${(e: Event) => this.toggle(o.value, (e.target as HTMLInputElement).checked)}
          />${o.label}</label
        >`,
      )}
    </div>`;
  }
}

customElements.define('tb-checkbox-group-field', TbCheckboxGroupField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-checkbox-group-field': TbCheckboxGroupField;
  }
}
