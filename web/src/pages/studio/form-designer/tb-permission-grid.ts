/**
 * `<tb-permission-grid>`: who may do what with each form section on each step — a table of the
 * sections (rows) by the task steps and parallel branches (columns), each cell a select of 可填写 /
 * 只读 / 脱敏 / 隐藏 labelled with its section and step. A change answers a `tb-permission` event
 * `{ column, section, permission }`; the page writes the definition's `form.sections`.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { JsonObject } from '../../../../../engine/index.js';
import { sharedStyles } from '../../../components/sharedStyles.js';
import { designerStyles } from './designerStyles.js';
import { permissionColumns, permissionOf, sectionPermissions, type PermissionColumn, type SectionPermission } from './stepPermissions.js';

/** What `tb-permission` carries. */
export interface PermissionDetail {
  column: PermissionColumn;
  section: string;
  permission: SectionPermission;
}

const permissionLabels = new Map<SectionPermission, () => string>([
  ['write', () => msg('可填写', { id: 'fdPermWrite' })],
  ['read', () => msg('只读', { id: 'fdPermRead' })],
  ['masked', () => msg('脱敏', { id: 'fdPermMasked' })],
  ['hidden', () => msg('隐藏', { id: 'fdPermHidden' })],
]);

export class TbPermissionGrid extends LitElement {
  static override styles = [sharedStyles, designerStyles, css`
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.25rem 0.5rem; text-align: left; vertical-align: middle; }
    thead th { min-width: 7rem; }
    td select { min-width: 6.5rem; }
    td.write select { background: #e8f5e9; }
    td.hidden select { color: var(--tb-muted, #595959); }
    .bad { outline: 3px solid #a00; }
  `];
  static override properties = { readonly: { type: Boolean }, definition: { attribute: false }, sections: { attribute: false }, problems: { attribute: false } };
  /** Shown only (a published version). */
  readonly = false;
  definition: JsonObject = {};
  sections: { key: string; label: string }[] = [];
  /** Problems by `<step>/<section>` (or `<step>/<branch>/<section>`). */
  problems: Map<string, string[]> = new Map();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private change(column: PermissionColumn, section: string, event: Event) {
    const permission = (event.target as HTMLSelectElement).value as SectionPermission;
    this.dispatchEvent(new CustomEvent<PermissionDetail>('tb-permission', { detail: { column, section, permission }, bubbles: true, composed: true }));
  }

  override render() {
    const columns = permissionColumns(this.definition);
    if (columns.length === 0) return html`<p class="muted">${msg('该流程没有办理环节。', { id: 'fdNoSteps' })}</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${msg('表单权限表（可横向滚动）', { id: 'fdPermissionsTable' })}><table>
      <thead><tr><th scope="col">${msg('部分', { id: 'fdSection' })}</th>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
      <tbody>${this.sections.map((s) => html`<tr>
        <th scope="row">${s.label}</th>
        ${columns.map((c) => {
          const value = permissionOf(this.definition, c, s.key);
          const problems = this.problems.get(`${c.id}/${s.key}`) ?? [];
          return html`<td class=${value}>
            <select ?disabled=${this.readonly} class=${problems.length > 0 ? 'bad' : ''} aria-label=${msg(str`${s.label} · ${c.label}`, { id: 'fdPermCell' })} title=${problems.join(' ')} @change=${(e: Event) => this.change(c, s.key, e)}>
              ${sectionPermissions.map((p) => html`<option value=${p} ?selected=${p === value}>${permissionLabels.get(p)!()}</option>`)}
            </select>
            ${problems.map((p) => html`<p class="problem">${p}</p>`)}
          </td>`;
        })}
      </tr>`)}</tbody>
    </table></div>`;
  }
}

customElements.define('tb-permission-grid', TbPermissionGrid);

declare global {
  interface HTMLElementTagNameMap { 'tb-permission-grid': TbPermissionGrid }
}
