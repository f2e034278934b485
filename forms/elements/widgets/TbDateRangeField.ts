/**
 * `<tb-date-range-field>`: a start and an end date (公示期, 救助期间). Stores `YYYY-MM-DD/YYYY-MM-DD`
 * for `format: date-range`, or `{ start, end }` for an object with `dateRange: true`.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { TbField, fieldIds } from '../TbField.js';

/** Two date inputs in one fieldset; the end cannot be picked before the start. */
export class TbDateRangeField extends TbField {
  protected override chromeKind = 'group' as const;

  private get parts(): { start: string; end: string } {
    const v = this.value;
    if (typeof v === 'string') {
      const [start = '', end = ''] = v.split('/');
      return { start, end };
    }
    if (v && typeof v === 'object') {
      const o = v as { start?: unknown; end?: unknown };
      return { start: typeof o.start === 'string' ? o.start : '', end: typeof o.end === 'string' ? o.end : '' };
    }
    return { start: '', end: '' };
  }

  private update2(part: 'start' | 'end', date: string): void {
    const next = { ...this.parts, [part]: date };
    if (this.schema.type === 'object' || this.schema.dateRange === true) {
      const o: Record<string, string> = {};
      if (next.start) o.start = next.start;
      if (next.end) o.end = next.end;
      this.commit(Object.keys(o).length ? o : undefined);
    } else this.commit(next.start || next.end ? `${next.start}/${next.end}` : undefined);
  }

  private onStart = (e: Event): void => this.update2('start', (e.target as HTMLInputElement).value);
  private onEnd = (e: Event): void => this.update2('end', (e.target as HTMLInputElement).value);

  protected override renderInput(): TemplateResult {
    const { start, end } = this.parts;
    const invalid = this.error ? 'true' : 'false';
    return html`<div class="choices">
      <label class="choice">${this.t('start')}
        <input id=${fieldIds.input} type="date" .value=${live(start)} max=${end || ''} aria-describedby=${this.describedBy} aria-invalid=${invalid}
          @change=${this.onStart} @input=${this.onStart} @blur=${this.markTouched} /></label>
      <label class="choice">${this.t('end')}
        <input type="date" .value=${live(end)} min=${start || ''} aria-describedby=${this.describedBy} aria-invalid=${invalid}
          @change=${this.onEnd} @input=${this.onEnd} @blur=${this.markTouched} /></label>
    </div>`;
  }
}

customElements.define('tb-date-range-field', TbDateRangeField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-date-range-field': TbDateRangeField;
  }
}
