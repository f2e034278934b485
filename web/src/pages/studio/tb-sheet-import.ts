/**
 * `<tb-sheet-import>`: importing rows from a spreadsheet, the same way for every register — a
 * template to download, the filled-in sheet chosen, a check of every row first (a dry run on the
 * server) with each problem by row and column, then either everything (when no row is wrong) or,
 * when the administrator chooses, only the valid rows. Fires `imported` with the server's answer.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { ImportProblem, RowImportAnswer, RowImportRequest } from '../../../../engine/index.js';
import { errorMessage } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { readSheet, sheetTemplate, type SheetColumn } from './sheetColumns.js';

/** Runs an import request on the server. */
export type ImportRun = (request: RowImportRequest<Record<string, string>>) => Promise<RowImportAnswer<unknown>>;

export class TbSheetImport extends LitElement {
  static override styles = [sharedStyles, css`
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; }
    input[type=file] { padding: 0.5rem; }
  `];

  static override properties = {
    heading: {}, sheetName: {}, columns: { attribute: false }, run: { attribute: false },
    rows: { state: true }, check: { state: true }, error: { state: true }, busy: { state: true }, done: { state: true },
  };

  /** The section's heading. */
  heading = '';
  /** The worksheet's (and template file's) name. */
  sheetName = '';
  columns: SheetColumn[] = [];
  run: ImportRun | undefined;
  rows: Record<string, string>[] | undefined;
  check: RowImportAnswer<unknown> | undefined;
  done: RowImportAnswer<unknown> | undefined;
  error = '';
  busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private async downloadTemplate() {
    const blob = await sheetTemplate(this.sheetName, this.columns);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${this.sheetName}.xlsx`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private async chooseFile(event: Event) {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.error = '';
    this.check = undefined;
    this.done = undefined;
    this.rows = undefined;
    if (!file || !this.run) return;
    this.busy = true;
    try {
      const sheet = await readSheet(file, this.columns);
      if (sheet.missingColumns.length > 0) {
        this.error = msg(str`表格缺少这些列：${sheet.missingColumns.join('、')}。请使用下载的模板。`, { id: 'sheetMissingColumns' });
      } else if (sheet.rows.length === 0) {
        this.error = msg('表格里没有数据行。', { id: 'sheetEmpty' });
      } else {
        this.rows = sheet.rows;
        this.check = await this.run({ rows: sheet.rows, dryRun: true });
      }
    } catch (e) {
      this.error = errorMessage(e) || msg('无法读取这个文件，请选择 .xlsx 表格。', { id: 'sheetUnreadable' });
    } finally {
      this.busy = false;
    }
  }

  private async apply(applyValid: boolean) {
    if (!this.rows || !this.run) return;
    this.busy = true;
    this.error = '';
    try {
      this.done = await this.run({ rows: this.rows, applyValid });
      this.check = undefined;
      this.dispatchEvent(new CustomEvent('imported', { detail: this.done, bubbles: true, composed: true }));
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  /** The column title of a problem's path `/rows/<i>/<key>`. */
  private columnOf(problem: ImportProblem): string {
    const key = problem.path.split('/')[3] ?? '';
    return this.columns.find((c) => c.key === key)?.title ?? key;
  }

  private renderCheck(check: RowImportAnswer<unknown>): TemplateResult {
    const wrong = check.total - check.valid;
    return html`
      <p role="status">${msg(str`共 ${check.total} 行：${check.valid} 行正确，${wrong} 行有误。`, { id: 'sheetChecked' })}</p>
      ${check.problems.length > 0 ? html`
        <table>
          <caption class="muted">${msg('有误的行（改正表格后重新选择，或只导入正确的行）', { id: 'sheetProblemsCaption' })}</caption>
          <thead><tr><th scope="col">${msg('列', { id: 'sheetColumn' })}</th><th scope="col">${msg('问题', { id: 'sheetProblem' })}</th></tr></thead>
          <tbody>${check.problems.map((p) => html`<tr><td>${this.columnOf(p)}</td><td>${p.message}</td></tr>`)}</tbody>
        </table>` : ''}
      <div class="actions">
        ${wrong === 0 ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.apply(false)}>${msg(str`导入全部 ${check.total} 行`, { id: 'sheetApplyAll' })}</button>` : ''}
        ${wrong > 0 && check.valid > 0 ? html`<button ?disabled=${this.busy} @click=${() => this.apply(true)}>${msg(str`只导入正确的 ${check.valid} 行`, { id: 'sheetApplyValid' })}</button>` : ''}
      </div>`;
  }

  override render() {
    return html`
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">${this.heading}</h2>
        <div class="actions">
          <button @click=${this.downloadTemplate}>${msg('下载模板', { id: 'sheetTemplate' })}</button>
        </div>
        <label for="sheet-file">${msg('选择填好的表格（.xlsx）', { id: 'sheetChoose' })}</label>
        <input id="sheet-file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${this.chooseFile} ?disabled=${this.busy}>
        ${this.busy ? html`<p class="muted" role="status">${msg('正在处理…', { id: 'sheetBusy' })}</p>` : ''}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${this.check ? this.renderCheck(this.check) : ''}
        ${this.done ? html`<p role="status">${msg(str`已导入 ${this.done.applied} 行。`, { id: 'sheetApplied' })}</p><slot name="result"></slot>` : ''}
      </section>
    `;
  }
}
customElements.define('tb-sheet-import', TbSheetImport);
