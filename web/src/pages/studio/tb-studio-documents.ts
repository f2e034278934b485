/**
 * `<tb-studio-documents>` (/studio/processes/:key/:version/documents): an administrator edits a
 * draft's document templates — the list of its templates, a template's Handlebars source in a text
 * editor, a live A4 preview on the process's sample beside it (rendered by the server through the
 * same isolated environment and helper whitelist as a case's documents, shown in a sandboxed frame
 * where nothing runs), the template's problems with their messages — and saves them into the draft.
 */
import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { ClientResponseError } from 'pocketbase';
import type { ApiErrorBody, DesignerDraft, DesignerProblem, JsonObject } from '../../../../engine/index.js';
import { draftToTry, previewTemplate, saveDraftTemplates } from '../../api/draftTrial.js';
import { errorMessage } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import { a4Frame, draftTabPath, draftTabs, draftTabStyles, isNoDraft } from './draftTabs.js';

/** The helpers a template may call (server/adapter/documentHelpers.ts), shown beside the editor. */
const helperNames = ['if', 'unless', 'each', 'with', 'cnDate', 'yuan', 'yuanInWords', 'maskId', 'maskName', 'issuingBody'];

/** How long the editor waits after typing before it asks for a preview. */
const previewDelayMs = 400;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The title the definition gives each template it renders (`renderDocument` effects), by template name. */
function documentTitles(definition: JsonObject, key: string): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (node: unknown, depth: number) => {
    if (depth > 32) return;
    if (Array.isArray(node)) node.forEach((n) => walk(n, depth + 1));
    else if (isObject(node)) {
      if (node.effect === 'renderDocument' && isObject(node.args) && typeof node.args.template === 'string' && typeof node.args.title === 'string' && node.args.template.startsWith(`${key}/`)) {
        const name = node.args.template.slice(key.length + 1);
        if (!titles.has(name)) titles.set(name, node.args.title);
      }
      for (const v of Object.values(node)) walk(v, depth + 1);
    }
  };
  walk(definition, 0);
  return titles;
}

export class TbStudioDocuments extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, draftTabStyles, css`
    .templates { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .templates button[aria-current='true'] { border-color: var(--tb-primary, #b3261e); box-shadow: inset 0 -4px 0 var(--tb-primary, #b3261e); font-weight: 700; }
    .workbench { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 900px) { .workbench { grid-template-columns: minmax(0, 1fr); } }
    textarea.source { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; min-height: 24rem; font-size: 0.95rem; line-height: 1.5; }
    .problems { color: #a00; background: #fdecea; border: 1px solid #f5c2c0; padding: 0.5rem 0.75rem 0.5rem 2rem; border-radius: 6px; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.75rem; }
    h2 { font-size: 1.15rem; }
  `];

  static override properties = { processKey: {}, version: {}, draft: { state: true }, selected: { state: true }, source: { state: true }, previewHtml: { state: true }, problems: { state: true }, error: { state: true }, notice: { state: true }, missing: { state: true }, saving: { state: true } };
  processKey = '';
  version = '';
  draft: DesignerDraft | undefined;
  selected = '';
  source = '';
  previewHtml = '';
  problems: DesignerProblem[] = [];
  error = '';
  notice = '';
  missing = false;
  saving = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async load() {
    try {
      this.draft = await draftToTry(this.processKey, this.version);
      const first = Object.keys(this.draft.templates.documents)[0];
      if (first) this.choose(first);
    } catch (e) {
      if (isNoDraft(e)) this.missing = true;
      else this.error = errorMessage(e);
    }
  }

  private get dirty(): boolean {
    return this.draft !== undefined && this.selected !== '' && this.draft.templates.documents[this.selected] !== this.source;
  }

  private choose(name: string) {
    if (!this.draft) return;
    this.selected = name;
    this.source = this.draft.templates.documents[name] ?? '';
    this.notice = '';
    void this.preview();
  }

  private edit(event: Event) {
    this.source = (event.target as HTMLTextAreaElement).value;
    this.notice = '';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.preview(), previewDelayMs);
  }

  /** Asks the server to render the editor's source; an older answer arriving late is dropped. */
  private async preview() {
    const asked = ++this.asked;
    try {
      const answer = await previewTemplate(this.processKey, this.version, this.selected, this.source);
      if (asked !== this.asked) return;
      this.previewHtml = answer.html;
      this.problems = [];
      this.error = '';
    } catch (e) {
      if (asked !== this.asked) return;
      const body = e instanceof ClientResponseError ? (e.response as Partial<ApiErrorBody>) : undefined;
      if (e instanceof ClientResponseError && e.status === 422 && body?.errors?.length) {
        this.problems = body.errors.map((p) => ({ path: p.path, message: p.message }));
        this.previewHtml = '';
      } else this.error = errorMessage(e);
    }
  }

  private async save() {
    if (!this.draft) return;
    this.saving = true;
    this.error = '';
    try {
      const templates = { documents: { ...this.draft.templates.documents, [this.selected]: this.source }, shared: this.draft.templates.shared };
      this.draft = await saveDraftTemplates(this.processKey, this.version, templates, this.draft.updated);
      const left = this.draft.problems.filter((p) => p.path === `/templates/documents/${this.selected}`);
      this.notice = left.length > 0 ? msg(str`已保存到草稿；此模板仍有 ${left.length} 个问题，修正前不能发布。`, { id: 'docSavedWithProblems' }) : msg('已保存到草稿。', { id: 'docSaved' });
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.saving = false;
    }
  }

  private renderWorkbench(draft: DesignerDraft) {
    const titles = documentTitles(draft.definition, draft.key);
    const names = Object.keys(draft.templates.documents);
    const label = (name: string) => (titles.has(name) ? `${titles.get(name)}（${name}）` : name);
    return html`
      <h2 id="list-title">${msg('本流程的文书模板', { id: 'docListTitle' })}</h2>
      ${names.length === 0 ? html`<p class="muted">${msg('此草稿没有文书模板。', { id: 'docNone' })}</p>` : html`
        <ul class="templates" aria-labelledby="list-title">
          ${names.map((n) => html`<li><button type="button" aria-current=${n === this.selected ? 'true' : 'false'} @click=${() => this.choose(n)}>${label(n)}</button></li>`)}
        </ul>`}
      ${this.selected ? html`<div class="workbench">
        <section aria-labelledby="editor-title">
          <h2 id="editor-title">${msg(str`编辑：${label(this.selected)}`, { id: 'docEditing' })}</h2>
          <label for="source">${msg(str`模板源码（Handlebars，${this.selected}.hbs）`, { id: 'docSourceLabel' })}</label>
          <textarea id="source" class="source" spellcheck="false" aria-describedby="helpers" .value=${this.source} @input=${this.edit}></textarea>
          <p id="helpers" class="muted">${msg(str`可用的助手：${helperNames.join('、')}。取值一律转义（不能用 {{{ }}}）；版式引用 {{#> layout title="…"}}。`, { id: 'docHelpers' })}</p>
          <div class="actions">
            <button type="button" class="primary" ?disabled=${this.saving || !this.dirty} @click=${() => void this.save()}>${msg('保存到草稿', { id: 'docSave' })}</button>
            <span class="muted">${this.dirty ? msg('有未保存的修改', { id: 'docUnsaved' }) : msg('与草稿一致', { id: 'docClean' })}</span>
          </div>
        </section>
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">${msg('A4 预览（样例数据）', { id: 'docPreviewTitle' })}</h2>
          <div role="status">${this.problems.length > 0 ? html`<p>${msg(str`模板有 ${this.problems.length} 个问题，无法预览：`, { id: 'docProblems' })}</p><ul class="problems">${this.problems.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}</div>
          ${this.problems.length === 0 && this.previewHtml ? a4Frame(this.previewHtml, msg(str`${label(this.selected)} 的 A4 预览`, { id: 'docFrameTitle' })) : nothing}
        </section>
      </div>` : nothing}`;
  }

  override render() {
    const name = this.draft ? msg(str`${this.draft.name} 第 ${this.draft.version} 版（草稿）`, { id: 'trialDraftName' }) : this.processKey;
    return html`
      <h1 tabindex="-1">${msg(str`文书模板：${name}`, { id: 'docTitle' })}</h1>
      ${studioNav('/studio/processes')}
      ${draftTabs(this.processKey, this.version, 'documents')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.missing ? html`<p role="status">${msg(str`第 ${this.version} 版不是可修改的草稿：已发布的版本不再改变。请在流程设计中打开草稿后再编辑文书。`, { id: 'docNotDraft' })} <a href=${draftTabPath(this.processKey, this.version, 'process')}>${msg('打开此版本的流程设计', { id: 'trialOpenDesigner' })}</a></p>` : nothing}
      ${this.draft ? this.renderWorkbench(this.draft) : this.missing || this.error ? nothing : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
    `;
  }
}

customElements.define('tb-studio-documents', TbStudioDocuments);
