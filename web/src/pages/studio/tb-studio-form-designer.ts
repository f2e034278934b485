/**
 * `<tb-studio-form-designer>` (/studio/processes/:key/:version/form): the form designer of a
 * process's draft version. The outline lists the form's sections and fields (move and remove by
 * button), the palette adds fields of every registered widget, the field editor sets a field's
 * label, help, requiredness, limits, masking and condition, and the permissions grid sets what each
 * step may do with each section — every edit written to the draft's JSON Schema, UI schema and
 * definition, drawn at once in the live `<tb-form>` preview on the draft's sample (长辈模式 and phone
 * width at a switch), and checked by the server as `tongban check` would, each problem shown on its
 * field or cell. Saving sends `expectedUpdated`, so a draft someone else saved meanwhile is not
 * overwritten: the conflict is shown and the draft can be loaded again. Publishing is the process
 * designer's (the link at the top).
 */
import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { ClientResponseError } from 'pocketbase';
import type { DesignerDraft, DesignerProblem, JsonObject } from '../../../../engine/index.js';
import type { FormSchema, UiSchema } from '../../../../forms/core/index.js';
import { defaultWidgets } from '../../../../forms/elements/index.js';
import { checkDefinition, readDraft, saveDraft } from '../../api/designer.js';
import { errorMessage, pb } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import { designedSections, type DesignedForm, type DesignedSection } from './form-designer/designerForm.js';
import { placeProblems, type PlacedProblems } from './form-designer/designerProblems.js';
import { addField, addSection, moveField, moveSection, removeField, removeSection } from './form-designer/formEdits.js';
import { fieldSettings, writeFieldSettings } from './form-designer/fieldSettings.js';
import { forgetSection, setPermission } from './form-designer/stepPermissions.js';
import { widgetPalette } from './form-designer/widgetPalette.js';
import type { AddFieldDetail } from './form-designer/tb-widget-palette.js';
import type { FieldSettingsDetail } from './form-designer/tb-field-editor.js';
import type { OutlineDetail } from './form-designer/tb-form-outline.js';
import type { PermissionDetail } from './form-designer/tb-permission-grid.js';
import './form-designer/tb-widget-palette.js';
import './form-designer/tb-field-editor.js';
import './form-designer/tb-form-outline.js';
import './form-designer/tb-permission-grid.js';
import './form-designer/tb-form-preview.js';

/** How long the page waits after an edit before asking the server to check (ms). */
const checkDelay = 600;

/** The form as the wire carries it (a JSON Schema and a UI schema are JSON). */
const asJson = (form: DesignedForm) => ({ formSchema: form.schema as unknown as JsonObject, uiSchema: form.ui as unknown as JsonObject | null });

/** The form of a draft (a process without one starts empty). */
const formOf = (draft: DesignerDraft): DesignedForm => ({ schema: (draft.formSchema ?? { type: 'object', properties: {} }) as FormSchema, ui: (draft.uiSchema ?? null) as UiSchema | null });

export class TbStudioFormDesigner extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    .layout { display: grid; gap: 1rem; }
    @media (min-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; } .preview { position: sticky; top: 0; max-height: 100vh; overflow: auto; } }
    .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0 0 1rem; }
    .problems { color: #a00; }
    .ok { color: #1e6b2f; }
    .warning { background: #fff8e1; border: 1px solid #f0c36d; padding: 0.75rem; border-radius: 6px; }
    section.block { margin: 1.5rem 0; }
  `];

  static override properties = {
    key: {}, version: {},
    draft: { state: true }, form: { state: true }, definition: { state: true }, problems: { state: true }, selected: { state: true },
    readOnly: { state: true }, dirty: { state: true }, checking: { state: true }, error: { state: true }, notice: { state: true }, conflict: { state: true }, saving: { state: true },
  };
  /** The process's key (route parameter). */
  key = '';
  /** The draft's version (route parameter). */
  version = '';
  draft: DesignerDraft | undefined;
  form: DesignedForm | undefined;
  definition: JsonObject = {};
  problems: DesignerProblem[] = [];
  /** The field being edited: its section and key. */
  selected: { section: string; field: string } | undefined;
  /** A published or retired version: shown, not edited. */
  readOnly = false;
  dirty = false;
  checking = false;
  error = '';
  notice = '';
  conflict = '';
  saving = false;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkRound = 0;
  private readonly palette = widgetPalette(defaultWidgets);

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
    clearTimeout(this.checkTimer);
  }

  private async load() {
    this.error = '';
    try {
      let readOnly = false;
      const draft = await readDraft(this.key, Number(this.version)).catch(async (e: unknown) => {
        if (!(e instanceof ClientResponseError && (e.response as { code?: string }).code === 'not_a_draft')) throw e;
        readOnly = true;
        return this.publishedVersion();
      });
      this.readOnly = readOnly;
      this.draft = draft;
      this.form = formOf(draft);
      this.definition = draft.definition;
      this.problems = draft.problems;
      this.dirty = false;
      this.conflict = '';
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  /** A published (or retired) version as the page shows it read-only: its form, definition and sample, with nothing to save. */
  private async publishedVersion(): Promise<DesignerDraft> {
    const r = await pb.collection('workflow_definitions').getFirstListItem(pb.filter('key = {:key} && version = {:version} && division = ""', { key: this.key, version: Number(this.version) }));
    return {
      id: r.id, key: this.key, version: Number(this.version), basedOn: 0, name: String(r.name ?? this.key),
      definition: r.definition as JsonObject, formSchema: (r.form_schema ?? null) as JsonObject | null, uiSchema: (r.ui_schema ?? null) as JsonObject | null,
      templates: { documents: {}, shared: {} }, sample: (r.sample ?? null) as JsonObject | null, problems: [], updated: '',
    };
  }

  /** Takes an edit: the new form and definition, drawn at once and checked a moment later. */
  private edit(form: DesignedForm, definition: JsonObject = this.definition) {
    this.form = form;
    this.definition = definition;
    this.dirty = true;
    this.notice = '';
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), checkDelay);
  }

  /** Asks the server to check what is on the page; an answer to an older round is ignored. */
  private async check() {
    if (!this.form) return;
    const round = ++this.checkRound;
    this.checking = true;
    try {
      const answer = await checkDefinition(this.key, { definition: this.definition, ...asJson(this.form), ...(this.draft ? { templates: this.draft.templates } : {}), ...(this.draft?.sample ? { sample: this.draft.sample } : {}), version: Number(this.version) });
      if (round === this.checkRound) this.problems = answer.problems;
    } catch (e) {
      if (round === this.checkRound) this.error = errorMessage(e);
    } finally {
      if (round === this.checkRound) this.checking = false;
    }
  }

  private act(change: () => void) {
    this.error = '';
    try {
      change();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private onOutline(event: CustomEvent<OutlineDetail>) {
    const d = event.detail;
    const form = this.form!;
    this.act(() => {
      if (d.action === 'select' && d.field) this.selected = { section: d.section, field: d.field };
      else if (d.action === 'add-section') this.edit(addSection(form, d.section, d.title ?? d.section));
      else if (d.action === 'move' && d.by) this.edit(d.field ? moveField(form, d.section, d.field, d.by) : moveSection(form, d.section, d.by));
      else if (d.action === 'remove') {
        if (d.field) this.edit(removeField(form, d.section, d.field));
        else this.edit(removeSection(form, d.section), forgetSection(this.definition, d.section));
        if (this.selected?.section === d.section && (!d.field || this.selected.field === d.field)) this.selected = undefined;
        this.notice = msg('已删除；保存前仍可重新载入草稿恢复。', { id: 'fdRemoved' });
      }
    });
  }

  private onAddField(event: CustomEvent<AddFieldDetail>) {
    const d = event.detail;
    this.act(() => {
      this.edit(addField(this.form!, d.section, d.key, d.title, d.schema, d.widget));
      this.selected = { section: d.section, field: d.key };
      this.notice = msg(str`已添加字段“${d.title}”。`, { id: 'fdFieldAdded' });
    });
  }

  private onSettings(event: CustomEvent<FieldSettingsDetail>) {
    const d = event.detail;
    this.act(() => this.edit(writeFieldSettings(this.form!, d.section, d.key, d.settings)));
  }

  private onPermission(event: CustomEvent<PermissionDetail>) {
    const d = event.detail;
    this.edit(this.form!, setPermission(this.definition, d.column, d.section, d.permission));
  }

  private async save() {
    if (!this.form || !this.draft) return;
    this.error = '';
    this.conflict = '';
    this.saving = true;
    try {
      const saved = await saveDraft(this.key, Number(this.version), { definition: this.definition, ...asJson(this.form), expectedUpdated: this.draft.updated });
      this.draft = saved;
      this.problems = saved.problems;
      this.dirty = false;
      this.notice = saved.problems.length === 0 ? msg('草稿已保存，检查通过。', { id: 'fdSavedClean' }) : msg(str`草稿已保存，仍有 ${saved.problems.length} 个问题，修正后才能发布。`, { id: 'fdSavedProblems' });
    } catch (e) {
      if (e instanceof ClientResponseError && e.status === 409) this.conflict = errorMessage(e);
      else this.error = errorMessage(e);
    } finally {
      this.saving = false;
    }
  }

  private renderProblems(placed: PlacedProblems) {
    const count = this.problems.length;
    return html`<section class="block" aria-labelledby="check-title">
      <h2 id="check-title">${msg('检查结果', { id: 'fdCheckTitle' })}</h2>
      <p role="status">${this.checking ? msg('正在检查…', { id: 'fdChecking' }) : count === 0 ? html`<span class="ok">${msg('没有发现问题。', { id: 'fdNoProblems' })}</span>` : html`<span class="problems">${msg(str`发现 ${count} 个问题：`, { id: 'fdProblems' })}</span>`}</p>
      ${count > 0 ? html`<ul class="problems">${this.problems.map((p) => html`<li><code>${p.path}</code> ${p.message}</li>`)}</ul>` : nothing}
      ${placed.fields.size + placed.cells.size > 0 ? html`<p class="muted">${msg('字段和权限格中的问题也标在各自位置。', { id: 'fdProblemsPlaced' })}</p>` : nothing}
    </section>`;
  }

  private renderEditor(sections: DesignedSection[], placed: PlacedProblems) {
    const section = sections.find((s) => s.key === this.selected?.section);
    const field = section?.fields.find((f) => f.key === this.selected?.field);
    const allFields = sections.flatMap((s) => s.fields.map((f) => ({ pointer: f.pointer, label: `${s.label} · ${f.label}` })));
    return html`<tb-field-editor .section=${section?.key ?? ''} .field=${field} .settings=${field && section ? fieldSettings(this.form!, section.key, field) : undefined}
      .fields=${allFields} .problems=${field ? placed.fields.get(field.pointer) ?? [] : []} @tb-field-settings=${this.onSettings}></tb-field-editor>`;
  }

  /** A published version: its preview and permissions, unchangeable, and where to change them. */
  private renderPublished(header: unknown, sections: DesignedSection[]) {
    return html`${header}
      <p class="warning">${msg(str`第 ${this.version} 版已发布，不能修改；要修改表单，请在流程列表中新建版本。`, { id: 'fdPublished' })} <a href="/studio/processes">${msg('返回流程列表', { id: 'designerBackToList' })}</a></p>
      <section class="block" aria-labelledby="preview-title">
        <h2 id="preview-title">${msg('预览（示例数据）', { id: 'fdPreview' })}</h2>
        <tb-form-preview .schema=${this.form!.schema} .ui=${this.form!.ui} .sample=${this.draft!.sample}></tb-form-preview>
      </section>
      <section class="block" aria-labelledby="grid-title">
        <h2 id="grid-title">${msg('各环节表单权限', { id: 'fdPermissions' })}</h2>
        <tb-permission-grid readonly .definition=${this.definition} .sections=${sections.map((s) => ({ key: s.key, label: s.label }))} .problems=${new Map()}></tb-permission-grid>
      </section>`;
  }

  override render() {
    const title = !this.draft ? msg('表单设计', { id: 'fdTitleLoading' })
      : this.readOnly ? msg(str`表单：${this.draft.name}（第 ${this.draft.version} 版，已发布）`, { id: 'fdTitlePublished' })
      : msg(str`表单设计：${this.draft.name}（第 ${this.draft.version} 版草稿）`, { id: 'fdTitle' });
    const header = html`<h1 tabindex="-1">${title}</h1>${studioNav('/studio/processes')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
    if (!this.form || !this.draft) return html`${header}${this.error ? nothing : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}`;
    const sections = designedSections(this.form);
    const placed = placeProblems(this.problems, this.form.ui as JsonObject | null);
    if (this.readOnly) return this.renderPublished(header, sections);
    return html`${header}
      <div class="bar">
        <a href=${`/studio/processes/${encodeURIComponent(this.key)}/${encodeURIComponent(this.version)}`}>${msg('返回流程设计（检查、模拟与发布）', { id: 'fdBackToProcess' })}</a>
        <button class="primary" type="button" ?disabled=${this.saving} @click=${this.save}>${msg('保存草稿', { id: 'fdSave' })}</button>
        <span role="status">${this.dirty ? msg('有未保存的修改', { id: 'fdDirty' }) : msg('已保存', { id: 'fdClean' })}</span>
      </div>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.conflict ? html`<div class="warning" role="alert"><p>${this.conflict}</p>
        <p>${msg('草稿已被他人修改并保存。重新载入会放弃本页未保存的修改。', { id: 'fdConflict' })}</p>
        <button type="button" @click=${() => void this.load()}>${msg('重新载入草稿', { id: 'fdReload' })}</button></div>` : nothing}
      ${this.renderProblems(placed)}
      <div class="layout">
        <div>
          <section class="block" aria-labelledby="outline-title">
            <h2 id="outline-title">${msg('部分与字段', { id: 'fdOutline' })}</h2>
            <tb-form-outline .sections=${sections} .selected=${sections.find((s) => s.key === this.selected?.section)?.fields.find((f) => f.key === this.selected?.field)?.pointer ?? ''} .problems=${placed.fields} @tb-outline=${this.onOutline}></tb-form-outline>
          </section>
          <tb-widget-palette .palette=${this.palette} .sections=${sections.map((s) => ({ key: s.key, label: s.label }))} .takenKeys=${Object.fromEntries(sections.map((s) => [s.key, s.fields.map((f) => f.key)]))} @tb-add-field=${this.onAddField}></tb-widget-palette>
          ${this.renderEditor(sections, placed)}
        </div>
        <section class="block preview" aria-labelledby="preview-title">
          <h2 id="preview-title">${msg('预览（示例数据）', { id: 'fdPreview' })}</h2>
          <tb-form-preview .schema=${this.form.schema} .ui=${this.form.ui} .sample=${this.draft.sample}></tb-form-preview>
        </section>
      </div>
      <section class="block" aria-labelledby="grid-title">
        <h2 id="grid-title">${msg('各环节表单权限', { id: 'fdPermissions' })}</h2>
        <p class="muted">${msg('可填写：本环节填写或修改；只读：可看不可改；脱敏：敏感内容部分隐去；隐藏：不显示。', { id: 'fdPermissionsHelp' })}</p>
        <tb-permission-grid .definition=${this.definition} .sections=${sections.map((s) => ({ key: s.key, label: s.label }))} .problems=${placed.cells} @tb-permission=${this.onPermission}></tb-permission-grid>
      </section>`;
  }
}

customElements.define('tb-studio-form-designer', TbStudioFormDesigner);

declare global {
  interface HTMLElementTagNameMap { 'tb-studio-form-designer': TbStudioFormDesigner }
}
