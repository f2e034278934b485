/**
 * `<tb-field-editor>`: edits one field — label, help, required, the limits its kind of value allows
 * (length and pattern for text, a range for figures, a count for lists), masking (`x-mask`) and the
 * condition it is shown on, built from a field, a comparison and a value or typed as an expression.
 * Each change answers a `tb-field-settings` event `{ section, key, settings }`; the page writes the
 * form. The checks' problems on the field are shown above its settings.
 */
import { LitElement, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { MaskKind } from '../../../../../forms/core/index.js';
import { sharedStyles } from '../../../components/sharedStyles.js';
import { comparisons, conditionOf, expressionProblem, type Comparison } from './conditionExpression.js';
import { designerStyles } from './designerStyles.js';
import type { DesignedField } from './designerForm.js';
import { limitKeywords, limitsFor, maskable, maskKinds, type FieldSettings, type LimitKeyword } from './fieldSettings.js';

/** What `tb-field-settings` carries. */
export interface FieldSettingsDetail {
  section: string;
  key: string;
  settings: FieldSettings;
}

const limitLabels = new Map<LimitKeyword, () => string>([
  ['minLength', () => msg('最少字数', { id: 'fdMinLength' })],
  ['maxLength', () => msg('最多字数', { id: 'fdMaxLength' })],
  ['minimum', () => msg('最小值', { id: 'fdMinimum' })],
  ['maximum', () => msg('最大值', { id: 'fdMaximum' })],
  ['minItems', () => msg('最少条数', { id: 'fdMinItems' })],
  ['maxItems', () => msg('最多条数', { id: 'fdMaxItems' })],
]);

const maskLabels = new Map<MaskKind, () => string>([
  ['id-card', () => msg('身份证号（前6后4）', { id: 'fdMaskIdCard' })],
  ['mobile', () => msg('手机号（前3后4）', { id: 'fdMaskMobile' })],
  ['bank-card', () => msg('银行卡号（前6后4）', { id: 'fdMaskBankCard' })],
  ['name', () => msg('姓名（隐去中间字）', { id: 'fdMaskName' })],
  ['address', () => msg('地址（只显示前6个字）', { id: 'fdMaskAddress' })],
  ['full', () => msg('全部隐去', { id: 'fdMaskFull' })],
]);

export class TbFieldEditor extends LitElement {
  static override styles = [sharedStyles, designerStyles];
  static override properties = { section: { attribute: false }, field: { attribute: false }, settings: { attribute: false }, fields: { attribute: false }, problems: { attribute: false } };
  /** The section of the field. */
  section = '';
  field: DesignedField | undefined;
  /** The field's settings as the form has them. */
  settings: FieldSettings | undefined;
  /** Every field of the form, for conditions (pointer and label). */
  fields: { pointer: string; label: string }[] = [];
  /** The checks' problems on this field. */
  problems: string[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private send(change: Partial<FieldSettings>) {
    if (!this.settings || !this.field) return;
    const settings = { ...this.settings, ...change };
    this.dispatchEvent(new CustomEvent<FieldSettingsDetail>('tb-field-settings', { detail: { section: this.section, key: this.field.key, settings }, bubbles: true, composed: true }));
  }

  private limit(keyword: LimitKeyword, value: string) {
    const limits = { ...this.settings!.limits };
    if (value.trim() === '' || !Number.isFinite(Number(value))) delete limits[keyword];
    else limits[keyword] = Number(value);
    this.send({ limits });
  }

  private buildCondition() {
    const root = this.renderRoot;
    const pointer = (root.querySelector('#when-field') as HTMLSelectElement).value;
    const comparison = (root.querySelector('#when-comparison') as HTMLSelectElement).value as Comparison;
    const value = (root.querySelector('#when-value') as HTMLInputElement).value;
    if (!pointer) return;
    this.send({ visibleIf: conditionOf(pointer, comparison, value) });
  }

  override render() {
    const field = this.field;
    const s = this.settings;
    if (!field || !s) return html`<p class="muted">${msg('在左侧选择一个字段进行编辑。', { id: 'fdPickField' })}</p>`;
    const kinds = limitsFor(field.resolved);
    const conditionProblem = expressionProblem(s.visibleIf);
    const others = this.fields.filter((f) => f.pointer !== field.pointer);
    return html`<section class="panel" aria-labelledby="editor-title">
      <h3 id="editor-title">${msg(str`字段设置：${s.label}`, { id: 'fdEditorTitle' })} <span class="muted">${field.pointer} · ${field.widget}</span></h3>
      ${this.problems.length > 0 ? html`<ul class="problem" aria-label=${msg('检查发现的问题', { id: 'fdFieldProblems' })}>${this.problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
      <label for="label">${msg('标题', { id: 'fdLabel' })}</label>
      <input id="label" .value=${s.label} @change=${(e: Event) => this.send({ label: (e.target as HTMLInputElement).value.trim() || field.key })}>
      <label for="help">${msg('填写说明', { id: 'fdHelp' })}</label>
      <textarea id="help" .value=${s.help} @change=${(e: Event) => this.send({ help: (e.target as HTMLTextAreaElement).value.trim() })}></textarea>
      <div class="check">
        <input type="checkbox" id="required" .checked=${s.required} @change=${(e: Event) => this.send({ required: (e.target as HTMLInputElement).checked })}>
        <label for="required">${msg('必填', { id: 'fdRequired' })}</label>
      </div>
      ${s.options ? html`<label for="options">${msg('选项（每行一个）', { id: 'fdOptions' })}</label>
        <textarea id="options" .value=${s.options.join('\n')} @change=${(e: Event) => this.send({ options: (e.target as HTMLTextAreaElement).value.split('\n') })}></textarea>` : nothing}
      ${kinds.length > 0 ? html`<fieldset>
        <legend>${msg('校验', { id: 'fdValidation' })}</legend>
        ${kinds.filter((k) => k !== 'pattern').flatMap((k) => limitKeywords[k as keyof typeof limitKeywords].map((keyword) => html`
          <label for=${keyword}>${limitLabels.get(keyword)!()}</label>
          <input id=${keyword} type="number" inputmode="decimal" .value=${s.limits[keyword] === undefined ? '' : String(s.limits[keyword])} @change=${(e: Event) => this.limit(keyword, (e.target as HTMLInputElement).value)}>`))}
        ${kinds.includes('pattern') ? html`<label for="pattern">${msg('格式（正则表达式）', { id: 'fdPattern' })}</label>
          <input id="pattern" .value=${s.pattern} spellcheck="false" @change=${(e: Event) => this.send({ pattern: (e.target as HTMLInputElement).value })}>` : nothing}
      </fieldset>` : nothing}
      ${maskable(field.resolved) ? html`<label for="mask">${msg('脱敏显示', { id: 'fdMask' })}</label>
        <select id="mask" @change=${(e: Event) => this.send({ mask: (e.target as HTMLSelectElement).value as MaskKind | '' })}>
          <option value="" ?selected=${s.mask === ''}>${msg('不脱敏', { id: 'fdMaskNone' })}</option>
          ${maskKinds.map((k) => html`<option value=${k} ?selected=${s.mask === k}>${maskLabels.get(k)!()}</option>`)}
        </select>` : nothing}
      <fieldset>
        <legend>${msg('显示条件', { id: 'fdCondition' })}</legend>
        <label for="when-field">${msg('当字段', { id: 'fdWhenField' })}</label>
        <select id="when-field">${others.map((f) => html`<option value=${f.pointer}>${f.label}（${f.pointer}）</option>`)}</select>
        <label for="when-comparison">${msg('比较', { id: 'fdWhenComparison' })}</label>
        <select id="when-comparison">${comparisons.map((c) => html`<option value=${c}>${c}</option>`)}</select>
        <label for="when-value">${msg('值', { id: 'fdWhenValue' })}</label>
        <input id="when-value" autocomplete="off">
        <div class="row"><button type="button" @click=${this.buildCondition}>${msg('设为显示条件', { id: 'fdSetCondition' })}</button></div>
        <label for="visible-if">${msg('显示条件表达式（留空则始终显示）', { id: 'fdVisibleIf' })}</label>
        <input id="visible-if" .value=${s.visibleIf} spellcheck="false" aria-invalid=${conditionProblem ? 'true' : 'false'} aria-describedby="visible-if-problem" @change=${(e: Event) => this.send({ visibleIf: (e.target as HTMLInputElement).value.trim() })}>
        <p id="visible-if-problem" class="problem" role="status">${conditionProblem}</p>
      </fieldset>
    </section>`;
  }
}

customElements.define('tb-field-editor', TbFieldEditor);

declare global {
  interface HTMLElementTagNameMap { 'tb-field-editor': TbFieldEditor }
}
