/**
 * `<tb-playground>`: the schema, UI schema, data and permissions as editable JSON beside the live
 * `<tb-form>`, with its value and errors underneath. A mistake in the JSON or the schema is shown in
 * Chinese and the form keeps the last good version.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { checkUiSchema, createFormValidator, type FieldError, type FieldPermissions, type FormSchema, type UiSchema } from '../core/index.js';
import '../elements/index.js';
import type { FormChangeDetail } from '../elements/index.js';
import { applicantPermissions, dibaoData, dibaoSchema, dibaoUi } from './dibaoSample.js';

/** 低保标准 used by the computed 拟补助金额 (元/人·月). */
const standardParams = { standard: 800 };

type Panel = 'schema' | 'ui' | 'data' | 'permissions';

const panelLabels: Record<Panel, string> = { schema: '表单结构 (JSON Schema)', ui: '界面布局 (UI schema)', data: '数据', permissions: '权限' };

/** The playground page. */
export class TbPlayground extends LitElement {
  static override properties = {
    panel: { state: true },
    elder: { state: true },
    print: { state: true },
    english: { state: true },
    usePermissions: { state: true },
  };

  static override styles = css`
    :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 1rem; padding: 1rem; min-height: 100vh; box-sizing: border-box; }
    @media (max-width: 900px) { :host { grid-template-columns: minmax(0, 1fr); } }
    h1 { font-size: 1.3rem; margin: 0 0 0.5rem; grid-column: 1 / -1; }
    .panel, .preview { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 0.75rem; display: grid; gap: 0.5rem; align-content: start; }
    [role='tablist'] { display: flex; flex-wrap: wrap; gap: 0.25rem; }
    [role='tab'] { font: inherit; padding: 0.4rem 0.8rem; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; min-height: 44px; cursor: pointer; }
    [role='tab'][aria-selected='true'] { background: #0a62c9; border-color: #0a62c9; color: #fff; }
    textarea { width: 100%; box-sizing: border-box; min-height: 60vh; font: 13px/1.4 ui-monospace, monospace; }
    .problem { color: #b3261e; margin: 0; white-space: pre-wrap; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
    .toolbar label { display: flex; gap: 0.4rem; align-items: center; min-height: 44px; }
    pre { background: #f6f8fa; padding: 0.5rem; overflow: auto; max-height: 30vh; margin: 0; font-size: 12px; }
  `;

  declare panel: Panel;
  declare elder: boolean;
  declare print: boolean;
  declare english: boolean;
  declare usePermissions: boolean;

  private texts: Record<Panel, string> = {
    schema: JSON.stringify(dibaoSchema, null, 2),
    ui: JSON.stringify(dibaoUi, null, 2),
    data: JSON.stringify(dibaoData, null, 2),
    permissions: JSON.stringify(applicantPermissions, null, 2),
  };
  private schema: FormSchema = dibaoSchema;
  private ui: UiSchema = dibaoUi;
  private data: Record<string, unknown> = dibaoData;
  private permissions: FieldPermissions = applicantPermissions;
  private problem = '';
  private value: Record<string, unknown> = {};
  private errors: FieldError[] = [];

  constructor() {
    super();
    this.panel = 'schema';
    this.elder = false;
    this.print = false;
    this.english = false;
    this.usePermissions = false;
  }

  /** Parses the edited panel; keeps the last good version and says what is wrong. */
  private apply(panel: Panel, source: string): void {
    this.texts = { ...this.texts, [panel]: source };
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (e) {
      this.problem = `${panelLabels[panel]}不是合法的 JSON：${e instanceof Error ? e.message : String(e)}`;
      this.requestUpdate();
      return;
    }
    try {
      if (panel === 'schema') {
        createFormValidator(parsed as FormSchema);
        this.schema = parsed as FormSchema;
      } else if (panel === 'ui') {
        const problems = checkUiSchema(parsed as UiSchema, this.schema);
        if (problems.length) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
        this.ui = parsed as UiSchema;
      } else if (panel === 'data') this.data = parsed as Record<string, unknown>;
      else this.permissions = parsed as FieldPermissions;
      this.problem = '';
    } catch (e) {
      this.problem = `${panelLabels[panel]}有误：${e instanceof Error ? e.message : String(e)}`;
    }
    this.requestUpdate();
  }

  private onChange = (event: CustomEvent<FormChangeDetail>): void => {
    this.value = event.detail.value;
    this.errors = event.detail.errors;
    this.requestUpdate();
  };

  protected override render(): TemplateResult {
    const panels = Object.keys(panelLabels) as Panel[];
    return html`<h1>表单试验场 · Forms playground</h1>
      <section class="panel" aria-label="配置">
        <div role="tablist" aria-label="配置">
          ${panels.map((p) => html`<button role="tab" id=${`tab-${p}`} aria-controls="editor" aria-selected=${p === this.panel ? 'true' : 'false'} @click=${() => (this.panel = p)}>${panelLabels[p]}</button>`)}
        </div>
        <textarea id="editor" role="tabpanel" aria-labelledby=${`tab-${this.panel}`} spellcheck="false" .value=${this.texts[this.panel]}
          @input=${(e: Event) => this.apply(this.panel, (e.target as HTMLTextAreaElement).value)}></textarea>
        <p class="problem" role="alert">${this.problem}</p>
      </section>
      <section class="preview" aria-label="预览">
        <div class="toolbar">
          <label><input type="checkbox" .checked=${this.elder} @change=${(e: Event) => (this.elder = (e.target as HTMLInputElement).checked)} />长辈模式</label>
          <label><input type="checkbox" .checked=${this.print} @change=${(e: Event) => (this.print = (e.target as HTMLInputElement).checked)} />打印视图</label>
          <label><input type="checkbox" .checked=${this.english} @change=${(e: Event) => (this.english = (e.target as HTMLInputElement).checked)} />English</label>
          <label><input type="checkbox" .checked=${this.usePermissions} @change=${(e: Event) => (this.usePermissions = (e.target as HTMLInputElement).checked)} />按权限（申请人）</label>
        </div>
        <tb-form
          .schema=${this.schema}
          .ui=${this.ui}
          .data=${this.data}
          .permissions=${this.usePermissions ? this.permissions : undefined}
          .params=${standardParams}
          ?elder=${this.elder}
          ?print=${this.print}
          lang=${this.english ? 'en' : 'zh-CN'}
          @tb-change=${this.onChange}
        ></tb-form>
        <details>
          <summary>当前值与错误 (${this.errors.length})</summary>
          <pre>${JSON.stringify(this.value, null, 2)}</pre>
          <pre>${this.errors.map((e) => `${e.path}  ${e.message}`).join('\n')}</pre>
        </details>
      </section>`;
  }
}

customElements.define('tb-playground', TbPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'tb-playground': TbPlayground;
  }
}
