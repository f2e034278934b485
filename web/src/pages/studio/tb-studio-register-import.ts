/**
 * `<tb-studio-register-import>` (/studio/subjects/import and /studio/organisations/import): the
 * subject register filled from a bureau's spreadsheet as older systems export it — recipients
 * (name, 身份证号, village, household, programme …; the number is kept only as the register's
 * keyed hash) or social organisations (统一社会信用代码, kind, status, 业务主管单位 …). Two tabs, one
 * per register; each a template to download, a row-by-row check, and the choice to import all
 * rows or only the correct ones. Importing the same sheet again updates the same entries.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { ImportedOrganisation, ImportedSubject, RowImportAnswer } from '../../../../engine/index.js';
import { importOrganisations, importSubjects } from '../../api/registerImport.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import type { SheetColumn } from './sheetColumns.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import './tb-sheet-import.js';
import type { ImportRun } from './tb-sheet-import.js';

/** Which register the page imports into. */
export type RegisterKind = 'subjects' | 'organisations';

function subjectColumns(): SheetColumn[] {
  return [
    { title: '姓名', key: 'name', example: '周桂英' },
    { title: '身份证号', key: 'idNumber', example: '320685194506110020', width: 24 },
    { title: '出生日期', key: 'birthDate', example: '1945-06-11' },
    { title: '性别', key: 'sex', example: '女', width: 8 },
    { title: '户号或户主', key: 'household', example: 'QT-0031' },
    { title: '村（社区）代码或名称', key: 'village', example: '320685102290', width: 24 },
    { title: '救助项目', key: 'programme', example: '低保' },
    { title: '享受起始日期', key: 'since', example: '2025-07-01' },
  ];
}

function organisationColumns(): SheetColumn[] {
  return [
    { title: '组织名称', key: 'name', example: '海安市老年书法协会', width: 28 },
    { title: '统一社会信用代码', key: 'creditCode', example: '51320685MJ5899L70X', width: 24 },
    { title: '组织类型', key: 'orgKind', example: '社会团体' },
    { title: '登记日期', key: 'registeredOn', example: '2016-05-18' },
    { title: '业务主管单位', key: 'supervisorUnit', example: '海安市教育体育局', width: 24 },
    { title: '法定代表人', key: 'legalRepresentative', example: '陈晓雯' },
    { title: '住所', key: 'address', example: '海安市中坝南路18号', width: 28 },
    { title: '登记状态', key: 'status', example: '正常' },
    { title: '登记机关所在县（市、区）', key: 'county', example: '', width: 24 },
  ];
}

export class TbStudioRegisterImport extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    .tabs { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; }
    .tabs a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 1rem; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 6px; text-decoration: none; background: #fff; }
    .tabs a[aria-current='page'] { background: var(--tb-primary, #b3261e); border-color: var(--tb-primary, #b3261e); color: #fff; font-weight: 700; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; }
    ul { padding-left: 1.25rem; }
  `];

  static override properties = { kind: {}, results: { state: true } };
  kind: RegisterKind = 'subjects';
  results: (ImportedSubject | ImportedOrganisation)[] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('kind')) this.results = undefined;
  }

  private runSubjects: ImportRun = (request) => importSubjects(request as never) as Promise<RowImportAnswer<unknown>>;
  private runOrganisations: ImportRun = (request) => importOrganisations(request as never) as Promise<RowImportAnswer<unknown>>;

  private imported(event: CustomEvent<RowImportAnswer<ImportedSubject | ImportedOrganisation>>) {
    this.results = event.detail.results;
  }

  private renderResults() {
    if (!this.results || this.results.length === 0) return '';
    return html`<div slot="result" class="scroll" tabindex="0" role="region" aria-label=${msg('导入结果', { id: 'registerImportResults' })}><table>
      <thead><tr><th scope="col">${msg('表格行', { id: 'registerImportRow' })}</th><th scope="col">${msg('名称', { id: 'registerImportName' })}</th><th scope="col">${msg('结果', { id: 'bulkOutcome' })}</th></tr></thead>
      <tbody>${this.results.map((r) => html`<tr><td>${r.row}</td><td>${r.name}</td><td>${r.created ? msg('新增', { id: 'registerImportCreated' }) : msg('已更新', { id: 'registerImportUpdated' })}</td></tr>`)}</tbody>
    </table></div>`;
  }

  override render() {
    const subjects = this.kind === 'subjects';
    return html`
      <h1 tabindex="-1">${msg('对象导入', { id: 'studioRegisterImport' })}</h1>
      ${studioNav('/studio/subjects/import')}
      <nav class="tabs" aria-label=${msg('导入哪个名册', { id: 'registerImportTabs' })}>
        <a href="/studio/subjects/import" aria-current=${subjects ? 'page' : 'false'}>${msg('救助对象', { id: 'registerImportSubjects' })}</a>
        <a href="/studio/organisations/import" aria-current=${subjects ? 'false' : 'page'}>${msg('社会组织', { id: 'registerImportOrganisations' })}</a>
      </nav>
      ${subjects ? html`
        <ul class="muted">
          <li>${msg('身份证号按校验码核对，只保存加密摘要，不保存也不显示号码；姓名脱敏保存。', { id: 'registerImportIdNote' })}</li>
          <li>${msg('出生日期、性别可不填；填写的须与身份证号一致。村（社区）填代码或名称。救助项目：低保、特困、低保边缘、高龄津贴。', { id: 'registerImportSubjectNote' })}</li>
          <li>${msg('同一张表再次导入时更新已有对象，不重复新增；空白单元格保留原有内容。', { id: 'registerImportAgainNote' })}</li>
        </ul>
        <tb-sheet-import .heading=${msg('从表格导入救助对象', { id: 'registerImportSubjectsHeading' })} sheetName="救助对象导入模板" .columns=${subjectColumns()} .run=${this.runSubjects} @imported=${this.imported}>${this.renderResults()}</tb-sheet-import>` : html`
        <ul class="muted">
          <li>${msg('统一社会信用代码按 GB 32100 校验。组织类型：社会团体、民办非企业单位、基金会；登记状态：筹备、正常、责令整改、注销、撤销。', { id: 'registerImportOrgNote' })}</li>
          <li>${msg('业务主管单位填单位的代码或名称；登记机关所在县可不填（按信用代码中的行政区划）。', { id: 'registerImportOrgUnitNote' })}</li>
          <li>${msg('同一张表再次导入时更新已有对象，不重复新增；空白单元格保留原有内容。', { id: 'registerImportAgainNote' })}</li>
        </ul>
        <tb-sheet-import .heading=${msg('从表格导入社会组织', { id: 'registerImportOrganisationsHeading' })} sheetName="社会组织导入模板" .columns=${organisationColumns()} .run=${this.runOrganisations} @imported=${this.imported}>${this.renderResults()}</tb-sheet-import>`}
    `;
  }
}
customElements.define('tb-studio-register-import', TbStudioRegisterImport);
