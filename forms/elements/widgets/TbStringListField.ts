/** `<tb-string-list-field>`: a short list of texts (调查人员, 缺少的材料 written out). */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { TbField } from '../TbField.js';

/** One input per item, each with its own remove button and message; an add button below. */
export class TbStringListField extends TbField {
  protected override chromeKind = 'group' as const;

  private get items(): string[] {
    return Array.isArray(this.value) ? (this.value as unknown[]).map((v) => (typeof v === 'string' ? v : '')) : [];
  }

  protected override slice(): unknown[] {
    const revealed = this.store.errors.filter((e) => e.path.startsWith(`${this.pointer}/`) && this.store.isRevealed(e.path)).map((e) => e.message).join('|');
    return [...super.slice(), revealed];
  }

  /** Focuses the item of a pointer (for the error summary). */
  focusPointer(pointer: string): void {
    const index = pointer.slice(this.pointer.length + 1).split('/')[0];
    (this.renderRoot.querySelector<HTMLElement>(`#item-${index}`) ?? this.renderRoot.querySelector<HTMLElement>('input, button'))?.focus();
  }

  private add(): void {
    const items = this.items;
    this.commit([...items, '']);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#item-${items.length}`)?.focus());
  }

  private removeRow(index: number): void {
    const items = this.items.filter((_, i) => i !== index);
    this.commit(items.length ? items : undefined);
    this.store.touch(this.pointer);
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>(`#item-${Math.min(index, items.length - 1)}`) ?? this.renderRoot.querySelector<HTMLElement>('.add'))?.focus());
  }

  protected override renderInput(): TemplateResult {
    const items = this.items;
    const max = typeof this.schema.maxItems === 'number' ? this.schema.maxItems : Infinity;
    return html`${items.map((item, i) => {
        const pointer = `${this.pointer}/${i}`;
        const error = this.store.errorAt(pointer);
        return html`<div class="with-unit">
            <label class="visually-hidden" for=${`item-${i}`}>${this.label} ${this.t('row', { n: i + 1 })}</label>
            <input id=${`item-${i}`} type="text" .value=${live(item)} aria-describedby=${`item-${i}-error`} aria-invalid=${error ? 'true' : 'false'}
              @input=${(e: Event) => this.store.set(pointer, (e.target as HTMLInputElement).value)} @blur=${() => this.store.touch(pointer)} />
            <button type="button" aria-label=${`${this.t('remove')} ${this.label} ${this.t('row', { n: i + 1 })}`} @click=${() => this.removeRow(i)}>${this.t('remove')}</button>
          </div>
          <p class="error" id=${`item-${i}-error`}>${error ?? ''}</p>`;
      })}
      <button type="button" class="add" id=${items.length === 0 ? 'input' : 'add'} ?disabled=${items.length >= max} @click=${() => this.add()}>+ ${this.t('addRow')}</button>`;
  }
}

customElements.define('tb-string-list-field', TbStringListField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-string-list-field': TbStringListField;
  }
}
