/**
 * `<tb-form-outline>`: the form's sections and their fields in the order the form draws them, each
 * with buttons to select it for editing, move it up or down and remove it — every move by button
 * (keyboard and screen reader usable), none by dragging only — and a small form to add a section.
 * The element only asks; the page changes the form on the `tb-outline` event:
 * `{ action: 'select' | 'move' | 'remove' | 'add-section', section, field?, by?, title? }`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { sharedStyles } from '../../../components/sharedStyles.js';
import { designerStyles } from './designerStyles.js';
import type { DesignedSection } from './designerForm.js';
import { keyPattern } from './formEdits.js';

/** What `tb-outline` carries. */
export interface OutlineDetail {
  action: 'select' | 'move' | 'remove' | 'add-section';
  section: string;
  field?: string;
  by?: -1 | 1;
  title?: string;
}

export class TbFormOutline extends LitElement {
  static override styles = [sharedStyles, designerStyles, css`
    ol { list-style: none; padding: 0; margin: 0; }
    ol.sections > li { border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 0.75rem 0.75rem; margin: 0 0 0.75rem; background: #fff; }
    .item { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; padding: 0.25rem 0; border-top: 1px solid #eee; }
    .item .name { flex: 1 1 10rem; text-align: left; }
    .item[aria-current='true'] .name { font-weight: 700; border-color: var(--tb-primary, #b3261e); border-width: 2px; }
    .widget { font-size: 0.875rem; }
    h3 { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .bad { color: #a00; }
  `];
  static override properties = { sections: { attribute: false }, selected: { attribute: false }, problems: { attribute: false }, problem: { state: true } };
  sections: DesignedSection[] = [];
  /** The selected field's pointer. */
  selected = '';
  /** Problems by field or section pointer. */
  problems: Map<string, string[]> = new Map();
  problem = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private ask(detail: OutlineDetail) {
    this.dispatchEvent(new CustomEvent<OutlineDetail>('tb-outline', { detail, bubbles: true, composed: true }));
  }

  private addSection(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const key = String(data.get('key') ?? '').trim();
    const title = String(data.get('title') ?? '').trim();
    if (!title || !keyPattern.test(key)) { this.problem = msg('请填写部分标题，名称须以英文字母开头，只含英文字母和数字。', { id: 'fdBadSection' }); return; }
    if (this.sections.some((s) => s.key === key)) { this.problem = msg('表单中已有同名部分。', { id: 'fdSectionTaken' }); return; }
    this.problem = '';
    this.ask({ action: 'add-section', section: key, title });
    form.reset();
  }

  private problemCount(pointer: string) {
    const n = [...this.problems.entries()].filter(([p]) => p === pointer || p.startsWith(`${pointer}/`)).reduce((sum, [, list]) => sum + list.length, 0);
    return n > 0 ? html`<span class="bad">${msg(str`${n} 个问题`, { id: 'fdProblemCount' })}</span>` : nothing;
  }

  override render() {
    const count = this.sections.length;
    return html`<ol class="sections">${repeat(this.sections, (s) => s.key, (s, i) => html`<li>
      <h3 id=${`section-${s.key}`}>${s.label} <span class="muted widget">${s.key}</span> ${this.problemCount(s.pointer)}</h3>
      <div class="row">
        <button type="button" aria-disabled=${i === 0 ? 'true' : 'false'} aria-label=${msg(str`上移部分：${s.label}`, { id: 'fdSectionUp' })} @click=${() => this.ask({ action: 'move', section: s.key, by: -1 })}>↑</button>
        <button type="button" aria-disabled=${i === count - 1 ? 'true' : 'false'} aria-label=${msg(str`下移部分：${s.label}`, { id: 'fdSectionDown' })} @click=${() => this.ask({ action: 'move', section: s.key, by: 1 })}>↓</button>
        <button type="button" @click=${() => this.ask({ action: 'remove', section: s.key })}>${msg(str`删除部分：${s.label}`, { id: 'fdSectionRemove' })}</button>
      </div>
      <ol aria-labelledby=${`section-${s.key}`}>${repeat(s.fields, (f) => f.key, (f, j) => html`<li class="item" aria-current=${f.pointer === this.selected ? 'true' : 'false'}>
        <button type="button" class="name" aria-pressed=${f.pointer === this.selected ? 'true' : 'false'} @click=${() => this.ask({ action: 'select', section: s.key, field: f.key })}>${f.label} <span class="muted widget">${f.widget}</span></button>
        ${this.problemCount(f.pointer)}
        <button type="button" aria-disabled=${j === 0 ? 'true' : 'false'} aria-label=${msg(str`上移：${f.label}`, { id: 'fdFieldUp' })} @click=${() => this.ask({ action: 'move', section: s.key, field: f.key, by: -1 })}>↑</button>
        <button type="button" aria-disabled=${j === s.fields.length - 1 ? 'true' : 'false'} aria-label=${msg(str`下移：${f.label}`, { id: 'fdFieldDown' })} @click=${() => this.ask({ action: 'move', section: s.key, field: f.key, by: 1 })}>↓</button>
        <button type="button" aria-label=${msg(str`删除：${f.label}`, { id: 'fdFieldRemove' })} @click=${() => this.ask({ action: 'remove', section: s.key, field: f.key })}>${msg('删除', { id: 'fdRemove' })}</button>
      </li>`)}</ol>
    </li>`)}</ol>
    <form class="panel" @submit=${this.addSection} aria-labelledby="add-section-title">
      <h3 id="add-section-title">${msg('添加部分', { id: 'fdAddSection' })}</h3>
      <label for="section-title">${msg('部分标题', { id: 'fdSectionTitle' })}</label>
      <input id="section-title" name="title" autocomplete="off">
      <label for="section-key">${msg('部分名称（英文，用于数据）', { id: 'fdSectionKey' })}</label>
      <input id="section-key" name="key" autocomplete="off" pattern="[A-Za-z][A-Za-z0-9]*">
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : ''}
      <div class="row"><button type="submit">${msg('添加部分', { id: 'fdAddSection' })}</button></div>
    </form>`;
  }
}

customElements.define('tb-form-outline', TbFormOutline);

declare global {
  interface HTMLElementTagNameMap { 'tb-form-outline': TbFormOutline }
}
