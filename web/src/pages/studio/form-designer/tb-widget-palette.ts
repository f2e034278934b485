/**
 * `<tb-widget-palette>`: adds a field to a section from the palette of the registered widgets. The
 * administrator picks the section, a widget (radio buttons: keyboard and screen-reader usable), the
 * field's label and its name in the data, and presses 添加字段; the element answers with a
 * `tb-add-field` event `{ section, widget, key, title, schema }` and the page writes the form.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { sharedStyles } from '../../../components/sharedStyles.js';
import { designerStyles } from './designerStyles.js';
import { keyPattern } from './formEdits.js';
import type { PaletteEntry } from './widgetPalette.js';
import type { FieldSchema } from '../../../../../forms/core/index.js';

/** What `tb-add-field` carries. */
export interface AddFieldDetail {
  section: string;
  widget: string;
  key: string;
  title: string;
  schema: FieldSchema;
}

export class TbWidgetPalette extends LitElement {
  static override styles = [sharedStyles, designerStyles, css`.widgets { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0 1rem; }`];
  static override properties = { palette: { attribute: false }, sections: { attribute: false }, takenKeys: { attribute: false }, section: { state: true }, problem: { state: true } };
  /** The widgets to offer (from the registry). */
  palette: PaletteEntry[] = [];
  /** The form's sections. */
  sections: { key: string; label: string }[] = [];
  /** The field names each section already has, by section. */
  takenKeys: Record<string, string[]> = {};
  /** The section chosen (the first by default). */
  section = '';
  problem = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The next free `fieldN` of a section. */
  private freeKey(section: string): string {
    const taken = new Set(this.takenKeys[section] ?? []);
    let n = 1;
    while (taken.has(`field${n}`)) n++;
    return `field${n}`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const section = String(data.get('section') ?? '');
    const entry = this.palette.find((p) => p.widget === data.get('widget'));
    const title = String(data.get('title') ?? '').trim();
    const key = String(data.get('key') ?? '').trim() || this.freeKey(section);
    if (!entry) { this.problem = msg('请选择一种控件。', { id: 'fdPickWidget' }); return; }
    if (!title) { this.problem = msg('请填写字段标题。', { id: 'fdNeedTitle' }); return; }
    if (!keyPattern.test(key)) { this.problem = msg('字段名须以英文字母开头，只含英文字母和数字。', { id: 'fdBadKey' }); return; }
    if ((this.takenKeys[section] ?? []).includes(key)) { this.problem = msg('该部分已有同名字段。', { id: 'fdKeyTaken' }); return; }
    this.problem = '';
    this.dispatchEvent(new CustomEvent<AddFieldDetail>('tb-add-field', { detail: { section, widget: entry.widget, key, title, schema: structuredClone(entry.schema) }, bubbles: true, composed: true }));
    (form.elements.namedItem('title') as HTMLInputElement).value = '';
    (form.elements.namedItem('key') as HTMLInputElement).value = '';
  }

  override render() {
    const section = this.sections.some((s) => s.key === this.section) ? this.section : this.sections[0]?.key ?? '';
    return html`<form class="panel" @submit=${this.submit} aria-labelledby="palette-title">
      <h3 id="palette-title">${msg('添加字段', { id: 'fdAddField' })}</h3>
      <label for="section">${msg('加入部分', { id: 'fdIntoSection' })}</label>
      <select id="section" name="section" @change=${(e: Event) => { this.section = (e.target as HTMLSelectElement).value; }}>
        ${this.sections.map((s) => html`<option value=${s.key} ?selected=${s.key === section}>${s.label}（${s.key}）</option>`)}
      </select>
      <fieldset>
        <legend>${msg('控件', { id: 'fdWidget' })}</legend>
        <div class="widgets">${this.palette.map((p, i) => html`<div class="check">
          <input type="radio" id=${`widget-${p.widget}`} name="widget" value=${p.widget} ?checked=${i === 0}>
          <label for=${`widget-${p.widget}`}>${p.description} <span class="muted">${p.widget}</span></label>
        </div>`)}</div>
      </fieldset>
      <label for="title">${msg('字段标题', { id: 'fdFieldTitle' })}</label>
      <input id="title" name="title" autocomplete="off">
      <label for="key">${msg('字段名（英文，用于数据；留空自动生成）', { id: 'fdFieldKey' })}</label>
      <input id="key" name="key" autocomplete="off" placeholder=${this.freeKey(section)} pattern="[A-Za-z][A-Za-z0-9]*">
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : ''}
      <div class="row"><button class="primary" type="submit">${msg('添加字段', { id: 'fdAddField' })}</button></div>
    </form>`;
  }
}

customElements.define('tb-widget-palette', TbWidgetPalette);

declare global {
  interface HTMLElementTagNameMap { 'tb-widget-palette': TbWidgetPalette }
}
