/**
 * `<tb-table-field>`: a list of records as a table — the household members of a 低保 application,
 * the founders of a social organization. Add, remove and reorder rows; every cell is validated on
 * its own; everything works by keyboard (Tab through cells, Alt+↑/↓ moves the row you are in, the
 * row buttons say which row they act on). On a phone each row becomes a card with visible labels.
 * Only the edited row is drawn again on a keystroke.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { ownEntry, type FieldSchema } from '../../core/index.js';
import { fieldStyles } from '../chrome/fieldStyles.js';
import { formatValue } from '../chrome/formatValue.js';
import { TbField } from '../TbField.js';
import { enumOptions } from './enumOptions.js';

type Row = Record<string, unknown>;
const numberPattern = /^-?\d+(\.\d+)?$/;

/** A table of records with per-row validation. */
export class TbTableField extends TbField {
  protected override chromeKind = 'group' as const;

  static override styles = [
    fieldStyles,
    css`
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border: 1px solid var(--tb-border-light, #d0d7de); padding: 0.35em; vertical-align: top; text-align: start; }
      th { background: var(--tb-subtle, #f6f8fa); font-weight: 600; white-space: nowrap; }
      td input:not([type='checkbox']), td select { min-width: 7em; }
      td input.id-card { min-width: 13.5em; }
      /* Its size comes from width, min-width and min-height alone, so typing in one cell does not lay the whole table out again (test/bench/formRender.ts). */
      td input:not([type='checkbox']) { contain: size layout; }
      .row-actions { display: flex; gap: 0.3em; flex-wrap: nowrap; }
      .cell-label { font-weight: 600; }
      .add { margin-top: 0.5em; }
      @media (min-width: 641px) {
        .cell-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
      }
      @media (max-width: 640px) {
        table, tbody, tr, td { display: block; width: auto; }
        thead { display: none; }
        tr { border: 1px solid var(--tb-border, #6e7781); border-radius: 8px; margin-bottom: 0.75em; padding: 0.5em; }
        td { border: 0; display: grid; gap: 0.25em; }
      }
    `,
  ];

  private announcement = '';

  private get itemSchema(): FieldSchema {
    return (this.store.schemaAt(`${this.pointer}/0`) ?? {}) as FieldSchema;
  }

  private get columns(): { key: string; schema: FieldSchema }[] {
    const item = this.itemSchema;
    return Object.keys(item.properties ?? {}).map((key) => ({ key, schema: this.store.schemaAt(`${this.pointer}/0/${key}`) ?? {} }));
  }

  private get rows(): Row[] {
    return Array.isArray(this.value) ? (this.value as Row[]) : [];
  }

  private get household(): boolean {
    return this.control?.widget === 'household-table' || Boolean(this.itemSchema.properties?.relation);
  }

  /** Errors under this table that are shown, as one string, so a newly shown cell error re-renders. */
  private revealedErrors(prefix: string): string {
    let out = '';
    for (const e of this.store.errors) if (e.path.startsWith(prefix) && this.store.isRevealed(e.path)) out += `${e.path}\u0000${e.message}\u0001`;
    return out;
  }

  protected override slice(): unknown[] {
    return [...super.slice(), this.revealedErrors(`${this.pointer}/`)];
  }

  private cellId(row: number, key: string): string {
    return `r${row}-${key}`;
  }

  /** Focuses the cell of a pointer inside this table (for the error summary). */
  focusPointer(pointer: string): void {
    const rest = pointer.slice(this.pointer.length + 1).split('/');
    const [row, key] = rest;
    const target = row !== undefined && key !== undefined ? this.renderRoot.querySelector<HTMLElement>(`#${this.cellId(Number(row), key)}`) : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('input, select, button'))?.focus();
  }

  private setCell(row: number, key: string, value: unknown): void {
    this.store.set(`${this.pointer}/${row}/${key}`, value);
  }

  private add(): void {
    const rows = this.rows;
    const max = typeof this.schema.maxItems === 'number' ? this.schema.maxItems : Infinity;
    if (rows.length >= max) return;
    this.commit([...rows, {}]);
    this.announce(this.t('rowAdded', { n: rows.length + 1 }));
    void this.updateComplete.then(() => this.focusRow(rows.length));
  }

  private removeRow(index: number): void {
    const rows = this.rows.filter((_, i) => i !== index);
    this.commit(rows);
    this.store.touch(this.pointer);
    this.announce(this.t('rowRemoved', { n: index + 1 }));
    void this.updateComplete.then(() => {
      if (rows.length === 0) this.renderRoot.querySelector<HTMLElement>('.add')?.focus();
      else this.focusRow(Math.min(index, rows.length - 1));
    });
  }

  private move(index: number, by: number, focus: 'button' | 'cell', key?: string): void {
    const rows = [...this.rows];
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    [rows[index], rows[to]] = [rows[to]!, rows[index]!];
    this.commit(rows);
    this.announce(this.t('rowMoved', { n: to + 1 }));
    void this.updateComplete.then(() => {
      if (focus === 'cell' && key) this.renderRoot.querySelector<HTMLElement>(`#${this.cellId(to, key)}`)?.focus();
      else {
        const selector = by < 0 ? (to === 0 ? '.down' : '.up') : to === rows.length - 1 ? '.up' : '.down';
        this.renderRoot.querySelector<HTMLElement>(`tr[data-row="${to}"] ${selector}`)?.focus();
      }
    });
  }

  private focusRow(index: number): void {
    this.renderRoot.querySelector<HTMLElement>(`tr[data-row="${index}"] input, tr[data-row="${index}"] select`)?.focus();
  }

  private announce(message: string): void {
    this.announcement = message;
    this.requestUpdate();
  }

  private onRowKey(event: KeyboardEvent, index: number): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const key = (event.target as HTMLElement).dataset.key;
    this.move(index, event.key === 'ArrowUp' ? -1 : 1, 'cell', key);
  }

  private renderCell(row: Row, index: number, key: string, schema: FieldSchema): TemplateResult {
    const pointer = `${this.pointer}/${index}/${key}`;
    const id = this.cellId(index, key);
    const title = schema.title ?? key;
    if (!this.store.isVisible(pointer)) return html`<td><span class="cell-label">${title}</span><span aria-hidden="true">—</span></td>`;
    const value = ownEntry(row, key);
    const error = this.store.errorAt(pointer);
    const required = this.store.isRequired(pointer);
    const label = html`<label class="cell-label" for=${id}><span class="visually-hidden">${this.t('row', { n: index + 1 })} </span>${title}${required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}</label>`;
    const common = { id, errorId: `${id}-error`, invalid: error ? 'true' : 'false' };
    const touch = () => this.store.touch(pointer);
    let input: TemplateResult;
    const options = enumOptions(schema);
    const writable = this.store.permission(pointer) === 'write' && schema.readOnly !== true;
    if (!writable) {
      return html`<td><span class="cell-label">${title}</span>${formatValue(value, schema, this.store.language)}</td>`;
    } else if (options.length) {
      input = html`<select id=${id} data-key=${key} aria-describedby=${common.errorId} aria-invalid=${common.invalid} aria-required=${required ? 'true' : 'false'}
        @change=${(e: Event) => { const i = (e.target as HTMLSelectElement).selectedIndex - 1; this.setCell(index, key, i >= 0 ? options[i]?.value : undefined); touch(); }} @blur=${touch}>
        <option value="" ?selected=${value === undefined}>${this.t('choose')}</option>
        ${options.map((o, i) => html`<option value=${i} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
    } else if (schema.type === 'boolean') {
      input = html`<input type="checkbox" id=${id} data-key=${key} .checked=${value === true} aria-describedby=${common.errorId}
        @change=${(e: Event) => { this.setCell(index, key, (e.target as HTMLInputElement).checked); touch(); }} />`;
    } else if (schema.type === 'number' || schema.type === 'integer') {
      input = html`<input type="text" inputmode=${schema.type === 'integer' ? 'numeric' : 'decimal'} id=${id} data-key=${key}
        .value=${live(value === undefined || value === null ? '' : String(value))} aria-describedby=${common.errorId} aria-invalid=${common.invalid} aria-required=${required ? 'true' : 'false'}
        @input=${(e: Event) => { const raw = (e.target as HTMLInputElement).value.trim(); this.setCell(index, key, raw === '' ? undefined : numberPattern.test(raw) ? Number(raw) : raw); }} @blur=${touch} />`;
    } else {
      const idCard = schema.format === 'cn-id-card';
      input = html`<input type="text" id=${id} class=${idCard ? 'id-card' : ''} data-key=${key} autocomplete="off" .value=${live(typeof value === 'string' ? value : '')}
        aria-describedby=${common.errorId} aria-invalid=${common.invalid} aria-required=${required ? 'true' : 'false'}
        @input=${(e: Event) => { const raw = (e.target as HTMLInputElement).value; this.setCell(index, key, idCard ? raw.replace(/\s/g, '').toUpperCase() : raw); }} @blur=${touch} />`;
    }
    return html`<td>${label}${input}<p class="error" id=${common.errorId}>${error ?? ''}</p></td>`;
  }

  private renderRow(row: Row, index: number, count: number): TemplateResult {
    const n = index + 1;
    return html`<tr data-row=${index} @keydown=${(e: KeyboardEvent) => this.onRowKey(e, index)}>
      <th scope="row">${n}</th>
      ${this.columns.map((c) => this.renderCell(row, index, c.key, c.schema))}
      <td>
        <div class="row-actions">
          <button type="button" class="up" ?disabled=${index === 0} aria-label=${`${this.t('moveUp')} ${this.t('row', { n })}`} @click=${() => this.move(index, -1, 'button')}>↑</button>
          <button type="button" class="down" ?disabled=${index === count - 1} aria-label=${`${this.t('moveDown')} ${this.t('row', { n })}`} @click=${() => this.move(index, 1, 'button')}>↓</button>
          <button type="button" class="remove" aria-label=${`${this.t('removeRow')} ${this.t('row', { n })}`} @click=${() => this.removeRow(index)}>${this.t('removeRow')}</button>
        </div>
      </td>
    </tr>`;
  }

  protected override renderInput(): TemplateResult {
    const rows = this.rows;
    const columns = this.columns;
    const max = typeof this.schema.maxItems === 'number' ? this.schema.maxItems : Infinity;
    const revealedPrefix = (i: number) => this.revealedErrors(`${this.pointer}/${i}/`);
    return html`<div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              ${columns.map((c) => html`<th scope="col">${c.schema.title ?? c.key}</th>`)}
              <th scope="col">${this.t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((row, i) => guard([row, i, rows.length, revealedPrefix(i), this.store.language], () => this.renderRow(row, i, rows.length)))}
          </tbody>
        </table>
      </div>
      ${rows.length === 0 ? html`<p class="hint">${this.t('noRows')}</p>` : nothing}
      <button type="button" class="add" ?disabled=${rows.length >= max} @click=${() => this.add()}>+ ${this.t(this.household ? 'addMember' : 'addRow')}</button>
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  protected override renderText(): TemplateResult {
    const rows = this.rows;
    const columns = this.columns.filter((c) => rows.some((r) => ownEntry(r, c.key) !== undefined));
    if (rows.length === 0) return html`<p class="text">${this.t('empty')}</p>`;
    return html`<div class="scroll"><table>
      <thead><tr><th scope="col">#</th>${columns.map((c) => html`<th scope="col">${c.schema.title ?? c.key}</th>`)}</tr></thead>
      <tbody>${rows.map((row, i) => html`<tr><th scope="row">${i + 1}</th>${columns.map((c) => html`<td>${ownEntry(row, c.key) === undefined ? '' : formatValue(ownEntry(row, c.key), c.schema, this.store.language)}</td>`)}</tr>`)}</tbody>
    </table></div>`;
  }
}

customElements.define('tb-table-field', TbTableField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-table-field': TbTableField;
  }
}
