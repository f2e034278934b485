/**
 * `<tb-studio-bulk-run>` (/studio/bulk/:run): one bulk start — its progress, updated every two
 * seconds while it runs (a progress bar, and a polite announcement for screen readers at each
 * quarter and when it ends), a button that continues a stopped run, and the per-row results: each
 * subject with the case it started (its case number linking to the case) or the row's error.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { BulkRunRowsAnswer, BulkRunView } from '../../../../engine/index.js';
import { bulkRun, bulkRunRows, resumeBulkRun } from '../../api/bulkStarts.js';
import { errorMessage } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaTime, runStatusLabel, runUnfinished } from './bulkRunLabels.js';
import { studioNav, studioNavStyles } from './studioNav.js';

const pollMs = 2000;
const rowsPerPage = 50;

export class TbStudioBulkRun extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    section { margin: 1.5rem 0; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; }
    progress { width: 100%; height: 1.5rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 0.5rem; }
    .failed-row { color: #a00; }
    a.case { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); }
    .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
  `];

  static override properties = { runId: {}, run: { state: true }, rows: { state: true }, page: { state: true }, error: { state: true }, announcement: { state: true }, busy: { state: true } };
  /** The run's id (from the address). */
  runId = '';
  run: BulkRunView | undefined;
  rows: BulkRunRowsAnswer | undefined;
  page = 1;
  error = '';
  /** What the polite live region says: the progress at each quarter, and the end. */
  announcement = '';
  busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private announcedQuarter = -1;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Shown again after leaving the page: read the run anew (a first showing reads it in willUpdate).
    if (this.hasUpdated && this.runId) void this.refresh();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('runId') && this.runId) {
      this.run = undefined;
      this.rows = undefined;
      this.page = 1;
      this.announcedQuarter = -1;
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private announce(run: BulkRunView) {
    if (!runUnfinished(run)) {
      this.announcement = run.status === 'done'
        ? msg(str`批量发起已完成：已发起 ${run.started} 件，失败 ${run.failed} 个。`, { id: 'bulkAnnounceDone' })
        : msg(str`批量发起已失败：${run.error ?? ''}`, { id: 'bulkAnnounceFailed' });
      return;
    }
    const quarter = Math.floor(run.progress * 4);
    if (quarter !== this.announcedQuarter) {
      this.announcedQuarter = quarter;
      this.announcement = msg(str`已处理 ${run.processed} / ${run.total}。`, { id: 'bulkAnnounceProgress' });
    }
  }

  private async refresh() {
    clearTimeout(this.timer);
    try {
      const [run, rows] = await Promise.all([bulkRun(this.runId), bulkRunRows(this.runId, this.page, rowsPerPage)]);
      this.run = run;
      this.rows = rows;
      this.error = '';
      this.announce(run);
      if (runUnfinished(run) && this.isConnected) this.timer = setTimeout(() => void this.refresh(), pollMs);
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async resume() {
    this.busy = true;
    this.error = '';
    try {
      await resumeBulkRun(this.runId);
      await this.refresh();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  private async goTo(page: number) {
    this.page = page;
    await this.refresh();
  }

  private renderProgress(run: BulkRunView) {
    const percent = Math.round(run.progress * 100);
    return html`
      <label for="progress">${msg(str`进度：已处理 ${run.processed} / ${run.total}（${percent}%）`, { id: 'bulkProgress' })}</label>
      <progress id="progress" max=${run.total || 1} .value=${run.processed}></progress>
      <dl>
        <dt>${msg('状态', { id: 'bulkStatus' })}</dt><dd>${runStatusLabel(run.status)}</dd>
        <dt>${msg('已发起', { id: 'bulkStarted' })}</dt><dd>${run.started}</dd>
        <dt>${msg('失败', { id: 'bulkFailedCount' })}</dt><dd>${run.failed}</dd>
        <dt>${msg('发起人', { id: 'bulkWho' })}</dt><dd>${run.startedBy.name || '—'}</dd>
        <dt>${msg('发起时间', { id: 'bulkWhen' })}</dt><dd>${chinaTime(run.createdAt)}</dd>
        ${run.finishedAt ? html`<dt>${msg('结束时间', { id: 'bulkFinished' })}</dt><dd>${chinaTime(run.finishedAt)}</dd>` : ''}
      </dl>
      ${run.error ? html`<p class="error">${run.error}</p>` : ''}
      ${runUnfinished(run) ? html`<div class="row">
        <span class="muted">${msg('页面每两秒刷新一次。若进度长时间不动（如服务器曾重启），可以从中断处继续。', { id: 'bulkPolling' })}</span>
        <button ?disabled=${this.busy} @click=${this.resume}>${msg('从中断处继续', { id: 'bulkResume' })}</button>
      </div>` : ''}`;
  }

  private renderRows(rows: BulkRunRowsAnswer) {
    if (rows.items.length === 0) return html`<p class="muted">${msg('还没有处理完的对象。', { id: 'bulkNoRows' })}</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${msg('每个对象的结果列表', { id: 'bulkRowsList' })}><table>
      <thead><tr><th scope="col">${msg('序号', { id: 'bulkRowNo' })}</th><th scope="col">${msg('对象', { id: 'bulkSubject' })}</th><th scope="col">${msg('结果', { id: 'bulkOutcome' })}</th></tr></thead>
      <tbody>${rows.items.map((r) => html`<tr>
        <td>${r.row + 1}</td>
        <td>${r.subject.name || r.subject.id}</td>
        <td>${r.case ? html`<a class="case" href=${`/cases/${r.case.id}`}>${r.case.caseNo}</a>` : html`<span class="failed-row">${r.error ?? '—'}</span>`}</td>
      </tr>`)}</tbody>
    </table></div>
    ${rows.totalPages > 1 ? html`<nav class="row" aria-label=${msg('翻页', { id: 'bulkPager' })}>
      <button ?disabled=${this.page <= 1} @click=${() => this.goTo(this.page - 1)}>${msg('上一页', { id: 'prevPage' })}</button>
      <span>${msg(str`第 ${this.page} / ${rows.totalPages} 页`, { id: 'pageOf' })}</span>
      <button ?disabled=${this.page >= rows.totalPages} @click=${() => this.goTo(this.page + 1)}>${msg('下一页', { id: 'nextPage' })}</button>
    </nav>` : ''}`;
  }

  override render() {
    const run = this.run;
    return html`
      <h1 tabindex="-1">${run ? msg(str`批量发起：${run.workflow.name}`, { id: 'bulkRunTitle' }) : msg('批量发起', { id: 'studioBulk' })}</h1>
      ${studioNav('/studio/bulk')}
      <p><a href="/studio/bulk">${msg('返回批量发起列表', { id: 'bulkBack' })}</a></p>
      <p class="sr-only" role="status" aria-live="polite">${this.announcement}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${run ? html`
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">${msg('进度', { id: 'bulkProgressTitle' })}</h2>
          ${this.renderProgress(run)}
        </section>
        <section aria-labelledby="rows-title">
          <h2 id="rows-title">${msg('每个对象的结果', { id: 'bulkRowsTitle' })}</h2>
          ${this.rows ? this.renderRows(this.rows) : ''}
        </section>` : this.error ? '' : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
    `;
  }
}
customElements.define('tb-studio-bulk-run', TbStudioBulkRun);
