/**
 * `<tb-studio-people>` (/studio/people): the administrators' list of staff accounts — search, the
 * unit, each account's role, unit, duties and whether it is in use; edit one, disable or enable
 * it (never delete: history keeps its name), add one, or import many from a spreadsheet.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { CreatedStaff, RowImportAnswer } from '../../../../engine/index.js';
import { errorMessage, fieldProblems } from '../../api/client.js';
import { createStaff, importStaff, listOrgUnits, listStaff, updateStaff, type OrgUnit, type StaffMember } from '../../api/staff.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import type { SheetColumn } from './sheetColumns.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import './tb-sheet-import.js';
import type { ImportRun } from './tb-sheet-import.js';

const roleLabels = new Map<string, () => string>([
  ['officer', () => msg('经办人员', { id: 'roleOfficer' })],
  ['admin', () => msg('管理员', { id: 'roleAdmin' })],
]);

/** The staff sheet's columns (titles in Chinese, as bureaus keep them). */
function staffColumns(): SheetColumn[] {
  return [
    { title: '姓名', key: 'name', example: '王伟' },
    { title: '邮箱', key: 'email', example: 'wang.wei@example.gov.cn', width: 28 },
    { title: '角色', key: 'role', example: '经办人员', read: (t) => (t === '经办人员' ? 'officer' : t === '管理员' ? 'admin' : t) },
    { title: '单位代码', key: 'unitCode', example: '320685102290', width: 22 },
    { title: '职责', key: 'duties', example: 'dibao_officer', width: 24 },
    { title: '手机号', key: 'phone', example: '13800000000' },
  ];
}

interface Draft {
  email: string;
  name: string;
  role: 'officer' | 'admin';
  orgUnit: string;
  duties: string;
  phone: string;
  password: string;
}

const emptyDraft = (): Draft => ({ email: '', name: '', role: 'officer', orgUnit: '', duties: '', phone: '', password: '' });

export class TbStudioPeople extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; }
    td.actions { white-space: nowrap; }
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    form { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; margin: 1rem 0; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 1rem; }
    .disabled { color: var(--tb-muted, #595959); }
  `];

  static override properties = {
    units: { state: true }, members: { state: true }, page: { state: true }, totalPages: { state: true },
    search: { state: true }, unit: { state: true }, editing: { state: true }, draft: { state: true },
    adding: { state: true }, error: { state: true }, notice: { state: true }, created: { state: true },
  };

  units: OrgUnit[] = [];
  members: StaffMember[] | undefined;
  page = 1;
  totalPages = 1;
  search = '';
  unit = '';
  /** The account being edited, or undefined. */
  editing: StaffMember | undefined;
  adding = false;
  draft: Draft = emptyDraft();
  error = '';
  notice = '';
  created: CreatedStaff[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listOrgUnits().then((units) => { this.units = units; }, (e) => { this.error = errorMessage(e); });
    void this.load();
  }

  private async load() {
    try {
      const list = await listStaff({ search: this.search.trim(), unit: this.unit, page: this.page });
      this.members = list.items;
      this.totalPages = Math.max(1, list.totalPages);
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private unitName(id: string): string {
    return this.units.find((u) => u.id === id)?.name ?? '';
  }

  private startEdit(member: StaffMember) {
    this.adding = false;
    this.editing = member;
    this.draft = { email: member.email, name: member.name, role: member.role === 'admin' ? 'admin' : 'officer', orgUnit: member.orgUnit, duties: member.duties.join(', '), phone: member.phone, password: '' };
    this.notice = '';
  }

  private startAdd() {
    this.editing = undefined;
    this.adding = true;
    this.draft = emptyDraft();
    this.notice = '';
  }

  private duties(): string[] {
    return this.draft.duties.split(/[,，;；\s]+/).map((d) => d.trim()).filter((d) => d !== '');
  }

  private async save(event: Event) {
    event.preventDefault();
    this.error = '';
    try {
      const fields = { name: this.draft.name.trim(), role: this.draft.role, orgUnit: this.draft.orgUnit, duties: this.duties(), phone: this.draft.phone.trim() };
      if (this.editing) {
        await updateStaff(this.editing.id, fields);
        this.notice = msg(str`已保存 ${fields.name} 的信息。`, { id: 'staffSaved' });
      } else {
        await createStaff({ ...fields, email: this.draft.email.trim() }, this.draft.password);
        this.notice = msg(str`已新增 ${fields.name}。`, { id: 'staffAdded' });
      }
      this.editing = undefined;
      this.adding = false;
      await this.load();
    } catch (e) {
      const problems = fieldProblems(e).map((p) => p.message).join(' ');
      this.error = [errorMessage(e), problems].filter(Boolean).join(' ');
    }
  }

  private async toggleDisabled(member: StaffMember) {
    this.error = '';
    try {
      await updateStaff(member.id, { disabled: !member.disabled });
      this.notice = member.disabled ? msg(str`已启用 ${member.name}。`, { id: 'staffEnabled' }) : msg(str`已停用 ${member.name}：不能再登录，历史记录保留。`, { id: 'staffDisabled' });
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private set(field: keyof Draft, value: string) {
    this.draft = { ...this.draft, [field]: value };
  }

  private runImport: ImportRun = (request) => importStaff(request as never) as Promise<RowImportAnswer<unknown>>;

  private onImported(event: CustomEvent<RowImportAnswer<CreatedStaff>>) {
    this.created = event.detail.results;
    void this.load();
  }

  private renderForm() {
    const d = this.draft;
    return html`
      <form @submit=${this.save} aria-labelledby="form-heading">
        <h2 id="form-heading">${this.editing ? msg(str`编辑 ${this.editing.name || this.editing.email}`, { id: 'staffEditing' }) : msg('新增人员', { id: 'staffAdd' })}</h2>
        ${this.editing ? '' : html`
          <label for="email">${msg('邮箱（登录账号）', { id: 'staffEmail' })}</label>
          <input id="email" type="email" required autocomplete="off" .value=${d.email} @input=${(e: Event) => this.set('email', (e.target as HTMLInputElement).value)}>`}
        <label for="name">${msg('姓名', { id: 'staffName' })}</label>
        <input id="name" required .value=${d.name} @input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)}>
        <label for="role">${msg('角色', { id: 'staffRole' })}</label>
        <select id="role" .value=${d.role} @change=${(e: Event) => this.set('role', (e.target as HTMLSelectElement).value)}>
          ${[...roleLabels].map(([value, label]) => html`<option value=${value} ?selected=${d.role === value}>${label()}</option>`)}
        </select>
        <label for="unit">${msg('单位', { id: 'staffUnit' })}</label>
        <select id="unit" @change=${(e: Event) => this.set('orgUnit', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${d.orgUnit === ''}>${msg('（无）', { id: 'staffNoUnit' })}</option>
          ${this.units.map((u) => html`<option value=${u.id} ?selected=${d.orgUnit === u.id}>${u.name}（${u.code}）</option>`)}
        </select>
        <label for="duties">${msg('职责（用逗号分隔，如 dibao_officer）', { id: 'staffDuties' })}</label>
        <input id="duties" .value=${d.duties} @input=${(e: Event) => this.set('duties', (e.target as HTMLInputElement).value)}>
        <label for="phone">${msg('手机号', { id: 'staffPhone' })}</label>
        <input id="phone" inputmode="numeric" .value=${d.phone} @input=${(e: Event) => this.set('phone', (e.target as HTMLInputElement).value)}>
        ${this.editing ? '' : html`
          <label for="password">${msg('初始密码（至少 8 位）', { id: 'staffPassword' })}</label>
          <input id="password" type="password" minlength="8" required autocomplete="new-password" .value=${d.password} @input=${(e: Event) => this.set('password', (e.target as HTMLInputElement).value)}>`}
        <div class="row">
          <button class="primary" type="submit">${msg('保存', { id: 'save' })}</button>
          <button type="button" @click=${() => { this.editing = undefined; this.adding = false; }}>${msg('取消', { id: 'cancel' })}</button>
        </div>
      </form>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('人员管理', { id: 'studioPeopleTitle' })}</h1>
      ${studioNav('/studio/people')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : ''}
      <div class="filters">
        <div>
          <label for="search">${msg('按姓名搜索', { id: 'staffSearch' })}</label>
          <input id="search" type="search" .value=${this.search} @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; this.page = 1; void this.load(); }}>
        </div>
        <div>
          <label for="unit-filter">${msg('单位', { id: 'staffUnit' })}</label>
          <select id="unit-filter" @change=${(e: Event) => { this.unit = (e.target as HTMLSelectElement).value; this.page = 1; void this.load(); }}>
            <option value="">${msg('全部单位', { id: 'staffAllUnits' })}</option>
            ${this.units.map((u) => html`<option value=${u.id} ?selected=${this.unit === u.id}>${u.name}</option>`)}
          </select>
        </div>
      </div>
      <div class="row"><button @click=${this.startAdd}>${msg('新增人员', { id: 'staffAdd' })}</button></div>
      ${this.editing || this.adding ? this.renderForm() : ''}
      ${this.members === undefined ? html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>` : html`
        <div class="scroll" tabindex="0" role="region" aria-label=${msg('人员列表', { id: 'staffList' })}>
          <table>
            <thead><tr>
              <th scope="col">${msg('姓名', { id: 'staffName' })}</th><th scope="col">${msg('邮箱', { id: 'staffEmailShort' })}</th>
              <th scope="col">${msg('角色', { id: 'staffRole' })}</th><th scope="col">${msg('单位', { id: 'staffUnit' })}</th>
              <th scope="col">${msg('职责', { id: 'staffDutiesShort' })}</th><th scope="col">${msg('状态', { id: 'staffState' })}</th>
              <th scope="col">${msg('操作', { id: 'staffActions' })}</th>
            </tr></thead>
            <tbody>${this.members.map((m) => html`<tr class=${m.disabled ? 'disabled' : ''}>
              <td>${m.name}</td><td>${m.email}</td><td>${roleLabels.get(m.role)?.() ?? m.role}</td><td>${this.unitName(m.orgUnit)}</td>
              <td>${m.duties.join(', ')}</td><td>${m.disabled ? msg('已停用', { id: 'staffIsDisabled' }) : msg('在用', { id: 'staffInUse' })}</td>
              <td class="actions">
                <button @click=${() => this.startEdit(m)} aria-label=${msg(str`编辑 ${m.name}`, { id: 'staffEditOne' })}>${msg('编辑', { id: 'edit' })}</button>
                <button @click=${() => this.toggleDisabled(m)} aria-label=${m.disabled ? msg(str`启用 ${m.name}`, { id: 'staffEnableOne' }) : msg(str`停用 ${m.name}`, { id: 'staffDisableOne' })}>${m.disabled ? msg('启用', { id: 'enable' }) : msg('停用', { id: 'disable' })}</button>
              </td>
            </tr>`)}</tbody>
          </table>
        </div>
        ${this.totalPages > 1 ? html`<div class="row">
          <button ?disabled=${this.page <= 1} @click=${() => { this.page -= 1; void this.load(); }}>${msg('上一页', { id: 'prevPage' })}</button>
          <span class="muted">${msg(str`第 ${this.page} / ${this.totalPages} 页`, { id: 'pageOf' })}</span>
          <button ?disabled=${this.page >= this.totalPages} @click=${() => { this.page += 1; void this.load(); }}>${msg('下一页', { id: 'nextPage' })}</button>
        </div>` : ''}`}
      <tb-sheet-import .heading=${msg('从表格导入人员', { id: 'staffImport' })} sheetName="人员导入模板" .columns=${staffColumns()} .run=${this.runImport} @imported=${this.onImported}>
        ${this.created.length > 0 ? html`<div slot="result" class="scroll">
          <p>${msg('这些账号的初始密码只显示这一次，请通过单位渠道交给本人：', { id: 'staffInitialPasswords' })}</p>
          <table>
            <thead><tr><th scope="col">${msg('表格行', { id: 'sheetRow' })}</th><th scope="col">${msg('姓名', { id: 'staffName' })}</th><th scope="col">${msg('邮箱', { id: 'staffEmailShort' })}</th><th scope="col">${msg('初始密码', { id: 'staffInitialPassword' })}</th></tr></thead>
            <tbody>${this.created.map((c) => html`<tr><td>${c.row}</td><td>${c.name}</td><td>${c.email}</td><td><code>${c.initialPassword}</code></td></tr>`)}</tbody>
          </table>
        </div>` : ''}
      </tb-sheet-import>
    `;
  }
}
customElements.define('tb-studio-people', TbStudioPeople);
