/** `<tb-number-field>`: a number or whole number, typed as text so phones show the number pad. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { TbField, fieldIds } from '../TbField.js';

const numberPattern = /^-?\d+(\.\d+)?$/;

/**
 * A number input. What is typed is stored as a number when it is one; anything else is kept as
 * typed so the validator names the mistake (“应为数字”) instead of the input silently eating it.
 */
export class TbNumberField extends TbField {
  /** The unit shown after the input (`x-unit`). */
  protected get unit(): string | undefined {
    return typeof this.schema['x-unit'] === 'string' ? (this.schema['x-unit'] as string) : undefined;
  }

  /** The text shown in the input for a stored value. */
  protected display(value: unknown): string {
    return value === undefined || value === null ? '' : String(value);
  }

  private draft: string | undefined;

  private onInput = (event: Event): void => {
    const raw = (event.target as HTMLInputElement).value.trim().replace(/，/g, '.').replace(/,/g, '');
    this.draft = raw;
    this.commit(raw === '' ? undefined : numberPattern.test(raw) ? Number(raw) : raw);
  };

  /** While focused the input shows the plain number (`300`, not `300.00`), so typing does not append to the decimals. */
  private onFocus = (event: FocusEvent): void => {
    if (this.draft !== undefined) return;
    const input = event.target as HTMLInputElement;
    const plain = this.value === undefined || this.value === null ? '' : String(this.value);
    if (plain === input.value) return;
    const allSelected = input.value.length > 0 && input.selectionStart === 0 && input.selectionEnd === input.value.length;
    this.draft = plain;
    this.requestUpdate();
    if (allSelected) void this.updateComplete.then(() => input.select());
  };

  private onBlur = (): void => {
    this.draft = undefined;
    this.markTouched();
    this.requestUpdate();
  };

  protected override renderInput(): TemplateResult {
    const integer = this.schema.type === 'integer';
    const shown = this.draft ?? this.display(this.value);
    const input = html`<input
      id=${fieldIds.input}
      type="text"
      inputmode=${integer ? 'numeric' : 'decimal'}
      autocomplete="off"
      .value=${live(shown)}
      aria-describedby=${this.describedBy}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
      @input=${this.onInput}
      @focus=${this.onFocus}
      @blur=${this.onBlur}
    />`;
    const unit = this.unit;
    return unit ? html`<span class="with-unit">${input}<span aria-hidden="true">${unit}</span></span>` : input;
  }

  protected override renderText(): TemplateResult {
    const computed = this.schema['x-computed'] as { label?: string } | undefined;
    return html`${super.renderText()}${computed?.label ? html`<p class="hint">${this.t('formula')}：${computed.label}</p>` : nothing}`;
  }
}

customElements.define('tb-number-field', TbNumberField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-number-field': TbNumberField;
  }
}
