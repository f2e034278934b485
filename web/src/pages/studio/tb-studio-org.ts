/**
 * `<tb-studio-org>` (/studio/org): the org tree — the county, its townships and villages, and the
 * departments beside the chain (县残联, 登记管理机关 …) — with their codes. An administrator adds a
 * unit under another or renames one; units are never deleted (cases and users point at them).
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage, fieldProblems } from '../../api/client.js';
import { createOrgUnit, listOrgUnits, renameOrgUnit, type OrgUnit } from '../../api/staff.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';

const levelLabels = new Map<string, () => string>([
  ['county', () => msg('县（市、区）', { id: 'levelCounty' })],
  ['township', () => msg('乡镇（街道）', { id: 'levelTownship' })],
  ['village', () => msg('村（社区）', { id: 'levelVillage' })],
  ['department', () => msg('部门', { id: 'levelDepartment' })],
]);

const kindLabels = new Map<string, () => string>([
  ['disabled_persons_federation', () => msg('残联', { id: 'kindDpf' })],
  ['registration_authority', () => msg('登记管理机关', { id: 'kindRegistration' })],
  ['supervisory_unit', () => msg('业务主管单位', { id: 'kindSupervisory' })],
  ['assessor', () => msg('第三方评估机构', { id: 'kindAssessor' })],
  ['expert_pool', () => msg('专家库', { id: 'kindExpertPool' })],
]);

/** The levels a unit may have under a parent of `level`. */
function childLevels(level: OrgUnit['level']): OrgUnit['level'][] {
  if (level === 'county') return ['township', 'department'];
  if (level === 'township') return ['village'];
  return [];
}

interface AddDraft {
  parent: OrgUnit;
  level: OrgUnit['level'];
  kind: string;
  code: string;
  name: string;
}

export class TbStudioOrg extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    ul.tree { list-style: none; padding-left: 0; }
    ul.tree ul { list-style: none; padding-left: 1.5rem; border-left: 2px solid #ddd; margin-left: 0.5rem; }
    .unit { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0.25rem 0; }
    .code { font-family: ui-monospace, monospace; color: var(--tb-muted, #595959); }
    form { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; margin: 0.5rem 0 1rem; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 1rem; }
  `];

  static override properties = { units: { state: true }, adding: { state: true }, renaming: { state: true }, newName: { state: true }, error: { state: true }, notice: { state: true } };
  units: OrgUnit[] | undefined;
  adding: AddDraft | undefined;
  renaming: OrgUnit | undefined;
  newName = '';
  error = '';
  notice = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.units = await listOrgUnits();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private startAdd(parent: OrgUnit) {
    this.renaming = undefined;
    this.adding = { parent, level: childLevels(parent.level)[0]!, kind: '', code: '', name: '' };
  }

  private async add(event: Event) {
    event.preventDefault();
    const draft = this.adding;
    if (!draft) return;
    this.error = '';
    try {
      const unit = await createOrgUnit({ code: draft.code.trim(), name: draft.name.trim(), level: draft.level, kind: draft.level === 'department' ? draft.kind : '' }, draft.parent);
      this.notice = msg(str`已新增 ${unit.name}。`, { id: 'unitAdded' });
      this.adding = undefined;
      await this.load();
    } catch (e) {
      this.error = [errorMessage(e), ...fieldProblems(e).map((p) => p.message)].filter(Boolean).join(' ');
    }
  }

  private async rename(event: Event) {
    event.preventDefault();
    if (!this.renaming) return;
    this.error = '';
    try {
      const unit = await renameOrgUnit(this.renaming.id, this.newName.trim());
      this.notice = msg(str`已改名为 ${unit.name}。`, { id: 'unitRenamed' });
      this.renaming = undefined;
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private renderAddForm(draft: AddDraft): TemplateResult {
    const levels = childLevels(draft.parent.level);
    return html`<form @submit=${this.add} aria-labelledby="add-heading">
      <h2 id="add-heading">${msg(str`在 ${draft.parent.name} 下新增单位`, { id: 'unitAddUnder' })}</h2>
      <label for="level">${msg('层级', { id: 'unitLevel' })}</label>
      <select id="level" @change=${(e: Event) => { this.adding = { ...draft, level: (e.target as HTMLSelectElement).value as OrgUnit['level'] }; }}>
        ${levels.map((l) => html`<option value=${l} ?selected=${draft.level === l}>${levelLabels.get(l)?.() ?? l}</option>`)}
      </select>
      ${draft.level === 'department' ? html`
        <label for="kind">${msg('部门类别', { id: 'unitKind' })}</label>
        <select id="kind" required @change=${(e: Event) => { this.adding = { ...draft, kind: (e.target as HTMLSelectElement).value }; }}>
          <option value="">${msg('请选择', { id: 'choose' })}</option>
          ${[...kindLabels].map(([k, label]) => html`<option value=${k} ?selected=${draft.kind === k}>${label()}</option>`)}
        </select>` : ''}
      <label for="code">${draft.level === 'department' ? msg('统一社会信用代码', { id: 'unitUscc' }) : msg('区划代码', { id: 'unitDivisionCode' })}</label>
      <input id="code" required inputmode=${draft.level === 'department' ? 'text' : 'numeric'} .value=${draft.code} @input=${(e: Event) => { this.adding = { ...draft, code: (e.target as HTMLInputElement).value }; }}>
      <label for="unit-name">${msg('名称', { id: 'unitName' })}</label>
      <input id="unit-name" required .value=${draft.name} @input=${(e: Event) => { this.adding = { ...draft, name: (e.target as HTMLInputElement).value }; }}>
      <div class="row">
        <button class="primary" type="submit">${msg('保存', { id: 'save' })}</button>
        <button type="button" @click=${() => { this.adding = undefined; }}>${msg('取消', { id: 'cancel' })}</button>
      </div>
    </form>`;
  }

  private renderRenameForm(unit: OrgUnit): TemplateResult {
    return html`<form @submit=${this.rename} aria-labelledby="rename-heading">
      <h2 id="rename-heading">${msg(str`修改 ${unit.name} 的名称`, { id: 'unitRenameTitle' })}</h2>
      <label for="new-name">${msg('新名称', { id: 'unitNewName' })}</label>
      <input id="new-name" required .value=${this.newName} @input=${(e: Event) => { this.newName = (e.target as HTMLInputElement).value; }}>
      <div class="row">
        <button class="primary" type="submit">${msg('保存', { id: 'save' })}</button>
        <button type="button" @click=${() => { this.renaming = undefined; }}>${msg('取消', { id: 'cancel' })}</button>
      </div>
    </form>`;
  }

  private renderUnit(unit: OrgUnit, all: OrgUnit[]): TemplateResult {
    const children = all.filter((u) => u.parent === unit.id);
    const kind = unit.kind ? kindLabels.get(unit.kind)?.() ?? unit.kind : '';
    return html`<li>
      <div class="unit">
        <strong>${unit.name}</strong>
        <span class="muted">${levelLabels.get(unit.level)?.() ?? unit.level}${kind ? `（${kind}）` : ''}</span>
        <span class="code">${unit.code}</span>
        ${childLevels(unit.level).length > 0 ? html`<button @click=${() => this.startAdd(unit)} aria-label=${msg(str`新增下级：${unit.name}`, { id: 'unitAddUnderShort' })}>${msg('新增下级', { id: 'unitAddChild' })}</button>` : ''}
        <button @click=${() => { this.adding = undefined; this.renaming = unit; this.newName = unit.name; }} aria-label=${msg(str`改名：${unit.name}`, { id: 'unitRenameShort' })}>${msg('改名', { id: 'unitRename' })}</button>
      </div>
      ${this.adding?.parent.id === unit.id ? this.renderAddForm(this.adding) : ''}
      ${this.renaming?.id === unit.id ? this.renderRenameForm(unit) : ''}
      ${children.length > 0 ? html`<ul>${children.map((c) => this.renderUnit(c, all))}</ul>` : ''}
    </li>`;
  }

  override render() {
    const all = this.units ?? [];
    const roots = all.filter((u) => u.parent === '' || !all.some((p) => p.id === u.parent));
    return html`
      <h1 tabindex="-1">${msg('组织机构', { id: 'studioOrg' })}</h1>
      ${studioNav('/studio/org')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : ''}
      ${this.units === undefined ? html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>` : html`
        <ul class="tree" aria-label=${msg('组织机构树', { id: 'unitTree' })}>${roots.map((r) => this.renderUnit(r, all))}</ul>`}
    `;
  }
}
customElements.define('tb-studio-org', TbStudioOrg);
