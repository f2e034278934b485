/**
 * `<tb-form-preview>`: the form being designed as applicants and officers will see it — the real
 * `<tb-form>` on the draft's sample data — with switches for 长辈模式 and the width of a phone
 * (390 px). The preview validates nothing (the page's policy forbids compiling a validator in the
 * browser; the server's check is the one that counts) but runs the form's conditions and computed
 * figures; a form that cannot be drawn names its problem and keeps the last good preview.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { compileFormRules, type FormRules, type FormSchema, type FormValidator, type UiSchema } from '../../../../../forms/core/index.js';
import '../../../../../forms/elements/index.js';
import type { JsonObject } from '../../../../../engine/index.js';
import { sharedStyles } from '../../../components/sharedStyles.js';
import { designerStyles } from './designerStyles.js';

/** The data of a form without a sample. */
const emptyData: JsonObject = {};

/** A validator that finds nothing: the preview shows the form, the server checks it. */
const noValidation: FormValidator = { validate: () => ({ valid: true }) };

export class TbFormPreview extends LitElement {
  static override styles = [sharedStyles, designerStyles, css`
    .frame { border: 1px dashed var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem; background: #fafafa; margin-top: 0.75rem; }
    .frame.phone { max-width: 390px; box-sizing: border-box; margin-left: auto; margin-right: auto; }
    .frame.elder { --tb-font-size: 20px; --tb-target: 60px; font-size: 20px; }
  `];
  static override properties = { schema: { attribute: false }, ui: { attribute: false }, sample: { attribute: false }, elder: { state: true }, phone: { state: true }, shown: { state: true }, problem: { state: true } };
  schema: FormSchema | undefined;
  ui: UiSchema | null = null;
  sample: JsonObject | null = null;
  elder = false;
  phone = false;
  /** The last form that could be drawn. */
  shown: { schema: FormSchema; ui: UiSchema | undefined; compiled: { validator: FormValidator; rules: FormRules } } | undefined;
  problem = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('schema') || changed.has('ui')) && this.schema) {
      try {
        this.shown = { schema: this.schema, ui: this.ui ?? undefined, compiled: { validator: noValidation, rules: compileFormRules(this.schema) } };
        this.problem = '';
      } catch (e) {
        this.problem = e instanceof Error ? e.message : String(e);
      }
    }
  }

  override render() {
    return html`
      <div class="row">
        <div class="check"><input type="checkbox" id="elder" .checked=${this.elder} @change=${(e: Event) => { this.elder = (e.target as HTMLInputElement).checked; }}><label for="elder">${msg('长辈模式', { id: 'fdElder' })}</label></div>
        <div class="check"><input type="checkbox" id="phone" .checked=${this.phone} @change=${(e: Event) => { this.phone = (e.target as HTMLInputElement).checked; }}><label for="phone">${msg('手机宽度（390 像素）', { id: 'fdPhone' })}</label></div>
      </div>
      ${this.problem ? html`<p class="problem" role="alert">${msg('表单暂时无法预览：', { id: 'fdPreviewProblem' })}${this.problem}</p>` : nothing}
      <div class="frame ${this.phone ? 'phone' : ''} ${this.elder ? 'elder' : ''}" data-width=${this.phone ? '390' : 'full'}>
        ${this.shown ? html`<tb-form .schema=${this.shown.schema} .ui=${this.shown.ui} .compiled=${this.shown.compiled} .data=${this.sample ?? emptyData} ?elder=${this.elder}></tb-form>` : nothing}
      </div>`;
  }
}

customElements.define('tb-form-preview', TbFormPreview);

declare global {
  interface HTMLElementTagNameMap { 'tb-form-preview': TbFormPreview }
}
