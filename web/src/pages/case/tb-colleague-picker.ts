/**
 * `<tb-colleague-picker>`: whom a task verb names — 转办 and 加签 one colleague, 抄送 up to 20 —
 * chosen from the colleagues the server says the verb may name on this case (name, unit and
 * duties), never typed as ids. Inline on the page (not a modal: focus is never trapped); Escape or
 * 取消 closes it. Sends `tb-verb-chosen` with `{ verb, to, position? }`; the case page sends the command.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Colleague, VerbOffer } from '../../../../engine/index.js';
import { errorMessage } from '../../api/client.js';
import { colleaguesFor } from '../../api/officerLists.js';
import { sharedStyles } from '../../components/sharedStyles.js';

/** What the picker sends when the user confirms. */
export interface VerbChoice {
  verb: VerbOffer;
  to: string[];
  position?: 'before' | 'after';
}

/** Most people one 抄送 names (the server's limit). */
const maxCc = 20;

export class TbColleaguePicker extends LitElement {
  static override styles = [sharedStyles, css`
    section { background: #fff; border: 2px solid var(--tb-border, #767676); border-radius: 8px; padding: 0.5rem 1rem 1rem; margin: 0.75rem 0; }
    fieldset { border: 1px solid var(--tb-border, #767676); border-radius: 8px; margin: 0.5rem 0; }
    label.choice { display: flex; align-items: center; gap: 0.5rem; min-height: var(--tb-target, 48px); font-weight: 400; margin: 0; }
    label.choice input { width: 1.5rem; height: 1.5rem; min-height: 0; flex: none; }
    .unit { color: var(--tb-muted, #595959); }
    .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
  `];

  static override properties = { caseId: {}, verb: { attribute: false }, colleagues: { state: true }, chosen: { state: true }, position: { state: true }, error: { state: true } };
  caseId = '';
  verb: VerbOffer | undefined;
  colleagues: Colleague[] | undefined;
  chosen: string[] = [];
  position: 'before' | 'after' = 'before';
  error = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('verb') || changed.has('caseId')) && this.verb && this.caseId) void this.load();
  }

  private async load() {
    const verb = this.verb!.verb;
    if (verb !== 'transfer' && verb !== 'addSigner' && verb !== 'cc') return;
    this.colleagues = undefined;
    this.chosen = [];
    this.position = this.verb?.positions?.[0] ?? 'before';
    try {
      this.colleagues = await colleaguesFor(this.caseId, verb);
      this.error = '';
    } catch (e) {
      this.colleagues = [];
      this.error = errorMessage(e);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private get many(): boolean {
    return this.verb?.to === 'many';
  }

  private toggle(id: string, on: boolean) {
    if (!this.many) { this.chosen = on ? [id] : []; return; }
    this.chosen = on ? [...this.chosen.filter((c) => c !== id), id].slice(0, maxCc) : this.chosen.filter((c) => c !== id);
  }

  private confirm() {
    if (!this.verb) return;
    if (this.chosen.length === 0) {
      this.error = this.many ? msg('请至少选择一位同事。', { id: 'pickerChooseSome' }) : msg('请选择一位同事。', { id: 'pickerChooseOne' });
      return;
    }
    const detail: VerbChoice = { verb: this.verb, to: this.chosen, ...(this.verb.verb === 'addSigner' ? { position: this.position } : {}) };
    this.dispatchEvent(new CustomEvent<VerbChoice>('tb-verb-chosen', { detail, bubbles: true, composed: true }));
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent('tb-verb-cancelled', { bubbles: true, composed: true }));
  }

  override render() {
    const v = this.verb;
    if (!v) return '';
    const kind = this.many ? 'checkbox' : 'radio';
    return html`<section aria-labelledby="picker-title" @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.cancel(); }}>
      <h3 id="picker-title" tabindex="-1">${v.label}：${this.many ? msg('选择同事（可多选）', { id: 'pickerManyTitle' }) : msg('选择一位同事', { id: 'pickerOneTitle' })}</h3>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.colleagues === undefined ? html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>`
        : this.colleagues.length === 0 ? html`<p class="muted">${msg('没有可以选择的同事。', { id: 'pickerNobody' })}</p>`
        : html`<fieldset><legend>${msg('同事', { id: 'pickerColleagues' })}</legend>
          ${this.colleagues.map((c) => html`<label class="choice"><input type=${kind} name="colleague" value=${c.id} .checked=${this.chosen.includes(c.id)} @change=${(e: Event) => this.toggle(c.id, (e.target as HTMLInputElement).checked)} /> ${c.name} <span class="unit">· ${c.unit.name}</span></label>`)}
        </fieldset>`}
      ${v.verb === 'addSigner' && (v.positions?.length ?? 0) > 0 ? html`<label for="picker-position">${msg('加签位置', { id: 'pickerPosition' })}</label>
        <select id="picker-position" @change=${(e: Event) => { this.position = (e.target as HTMLSelectElement).value as 'before' | 'after'; }}>
          ${(v.positions ?? []).map((p) => html`<option value=${p} ?selected=${this.position === p}>${p === 'before' ? msg('在我之前（先听取其意见）', { id: 'pickerBefore' }) : msg('在我之后（由其审批）', { id: 'pickerAfter' })}</option>`)}
        </select>` : ''}
      <div class="bar">
        <button type="button" @click=${this.cancel}>${msg('取消', { id: 'pickerCancel' })}</button>
        <button type="button" class="primary" ?disabled=${!this.colleagues?.length} @click=${this.confirm}>${msg('确定', { id: 'pickerConfirm' })}${v.label}</button>
      </div>
    </section>`;
  }
}
customElements.define('tb-colleague-picker', TbColleaguePicker);
