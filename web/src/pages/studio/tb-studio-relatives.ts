/**
 * `<tb-studio-relatives>` (/studio/relatives): the 近亲属备案 register — which staff member declared
 * which relative (names only; the ID numbers are kept as hashes and never shown) — and its import
 * from a spreadsheet. A case about a declared relative is flagged and kept from that officer.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RegisteredRelative, RowImportAnswer } from '../../../../engine/index.js';
import { errorMessage } from '../../api/client.js';
import { importRelatives, listRelatives } from '../../api/staff.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import type { SheetColumn } from './sheetColumns.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import './tb-sheet-import.js';
import type { ImportRun } from './tb-sheet-import.js';

function relativeColumns(): SheetColumn[] {
  return [
    { title: '工作人员邮箱', key: 'staffEmail', example: 'wang.wei@example.gov.cn', width: 28 },
    { title: '近亲属姓名', key: 'relativeName', example: '王大明' },
    { title: '近亲属身份证号', key: 'relativeIdNumber', example: '320685196001010015', width: 24 },
  ];
}

export class TbStudioRelatives extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; }
  `];

  static override properties = { relatives: { state: true }, error: { state: true } };
  relatives: RegisteredRelative[] | undefined;
  error = '';

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
      this.relatives = await listRelatives();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private runImport: ImportRun = (request) => importRelatives(request as never) as Promise<RowImportAnswer<unknown>>;

  override render() {
    return html`
      <h1 tabindex="-1">${msg('近亲属备案', { id: 'studioRelatives' })}</h1>
      ${studioNav('/studio/relatives')}
      <p class="muted">${msg('工作人员申报的近亲属：涉及他们的申请会标记“近亲属备案”，并且不分派给该工作人员。身份证号只保存摘要，不显示。', { id: 'relativesIntro' })}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.relatives === undefined ? html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>` : html`
        <div class="scroll" tabindex="0" role="region" aria-label=${msg('近亲属备案列表', { id: 'relativesList' })}>
          <table>
            <thead><tr><th scope="col">${msg('工作人员', { id: 'relativesStaff' })}</th><th scope="col">${msg('邮箱', { id: 'staffEmailShort' })}</th><th scope="col">${msg('近亲属姓名', { id: 'relativesName' })}</th></tr></thead>
            <tbody>${this.relatives.length === 0 ? html`<tr><td colspan="3" class="muted">${msg('暂无备案。', { id: 'relativesNone' })}</td></tr>` : this.relatives.map((r) => html`<tr><td>${r.staff.name}</td><td>${r.staff.email}</td><td>${r.relativeName}</td></tr>`)}</tbody>
          </table>
        </div>`}
      <tb-sheet-import .heading=${msg('从表格导入近亲属备案', { id: 'relativesImport' })} sheetName="近亲属备案导入模板" .columns=${relativeColumns()} .run=${this.runImport} @imported=${() => void this.load()}></tb-sheet-import>
    `;
  }
}
customElements.define('tb-studio-relatives', TbStudioRelatives);
