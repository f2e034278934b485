/**
 * `<tb-studio-bulk>` (/studio/bulk): bulk starts — the runs, newest first (process, who, when,
 * state, counts, each linking to its progress page), and the form that starts one: a process
 * among those that allow a bulk start, the subjects of a county or township, optionally only
 * those with a fact of a value (such as 低保 在保), counted first by a dry run, then started.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { BulkRunListAnswer, BulkStartableProcess } from '../../../../engine/index.js';
import { countBulkStart, listBulkRuns, startBulkRun, type BulkSelector } from '../../api/bulkStarts.js';
import { errorMessage } from '../../api/client.js';
import { listOrgUnits, type OrgUnit } from '../../api/staff.js';
import { navigate } from '../../app/router.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaTime, runStatusLabel } from './bulkRunLabels.js';
import { studioNav, studioNavStyles } from './studioNav.js';

const perPage = 20;

export class TbStudioBulk extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    section { margin: 1.5rem 0; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    form { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 1rem; }
    .pair { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
    .pager { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
    a.run { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); }
  `];

  static override properties = {
    list: { state: true }, units: { state: true }, page: { state: true }, error: { state: true },
    count: { state: true }, busy: { state: true },
  };
  list: BulkRunListAnswer | undefined;
  units: OrgUnit[] = [];
  page = 1;
  error = '';
  /** The dry run's count for the form as it is, or undefined when not counted (or changed since). */
  count: number | undefined;
  busy = false;
  /** The request's idempotency key: one per counted choice, so a double click starts one run. */
  private commandId = crypto.randomUUID();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void listOrgUnits().then((units) => { this.units = units.filter((u) => u.level === 'county' || u.level === 'township'); }).catch((e: unknown) => { this.error = errorMessage(e); });
  }

  private async load() {
    try {
      this.list = await listBulkRuns(this.page, perPage);
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async goTo(page: number) {
    this.page = page;
    await this.load();
  }

  /** The form's process and selector. */
  private chosen(): { workflow: string; selector: BulkSelector } {
    const form = this.renderRoot.querySelector('form') as HTMLFormElement;
    const data = new FormData(form);
    const unit = String(data.get('unit') ?? '');
    const path = String(data.get('factPath') ?? '').trim();
    const equals = String(data.get('factEquals') ?? '').trim();
    return { workflow: String(data.get('workflow') ?? ''), selector: { ...(unit ? { unit } : {}), ...(path ? { fact: { path, equals } } : {}) } };
  }

  private changed() {
    this.count = undefined;
    this.commandId = crypto.randomUUID();
  }

  private async countSubjects(event: SubmitEvent) {
    event.preventDefault();
    const { workflow, selector } = this.chosen();
    this.error = '';
    this.busy = true;
    try {
      this.count = (await countBulkStart(workflow, selector)).count;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  private async start() {
    const { workflow, selector } = this.chosen();
    this.error = '';
    this.busy = true;
    try {
      const run = await startBulkRun(workflow, selector, this.commandId);
      navigate(`/studio/bulk/${run.id}`);
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  private renderForm(startable: BulkStartableProcess[]) {
    if (startable.length === 0) return html`<p class="muted">${msg('没有可以批量发起的事项。', { id: 'bulkNoProcesses' })}</p>`;
    return html`<form @submit=${this.countSubjects} @change=${this.changed} @input=${this.changed}>
      <div class="pair">
        <div>
          <label for="workflow">${msg('事项', { id: 'dashProcess' })}</label>
          <select id="workflow" name="workflow" required>${startable.map((p) => html`<option value=${p.key}>${p.name}</option>`)}</select>
        </div>
        <div>
          <label for="unit">${msg('范围（县、乡镇）', { id: 'bulkUnit' })}</label>
          <select id="unit" name="unit">
            <option value="">${msg('全部', { id: 'bulkAllUnits' })}</option>
            ${this.units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
          </select>
        </div>
        <div>
          <label for="fact-path">${msg('只选对象事实（可不填），如 dibao.status', { id: 'bulkFactPath' })}</label>
          <input id="fact-path" name="factPath" autocomplete="off" pattern="[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*" placeholder="dibao.status">
        </div>
        <div>
          <label for="fact-equals">${msg('事实的值，如 在保', { id: 'bulkFactEquals' })}</label>
          <input id="fact-equals" name="factEquals" autocomplete="off" placeholder="在保">
        </div>
      </div>
      <div class="row">
        <button type="submit" ?disabled=${this.busy}>${msg('先统计对象数', { id: 'bulkCount' })}</button>
        ${this.count !== undefined ? html`<button type="button" class="primary" ?disabled=${this.busy || this.count === 0} @click=${this.start}>${msg(str`为 ${this.count} 个对象发起`, { id: 'bulkStart' })}</button>` : ''}
      </div>
      <p role="status">${this.count !== undefined ? msg(str`符合条件的对象：${this.count} 个。`, { id: 'bulkCounted' }) : ''}</p>
    </form>`;
  }

  private renderRuns(list: BulkRunListAnswer) {
    if (list.items.length === 0) return html`<p class="muted">${msg('还没有批量发起。', { id: 'bulkNone' })}</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${msg('批量发起列表', { id: 'bulkList' })}><table>
      <thead><tr>
        <th scope="col">${msg('事项', { id: 'dashProcess' })}</th><th scope="col">${msg('发起人', { id: 'bulkWho' })}</th><th scope="col">${msg('发起时间', { id: 'bulkWhen' })}</th>
        <th scope="col">${msg('状态', { id: 'bulkStatus' })}</th><th scope="col">${msg('对象', { id: 'bulkTotal' })}</th><th scope="col">${msg('已发起', { id: 'bulkStarted' })}</th><th scope="col">${msg('失败', { id: 'bulkFailedCount' })}</th>
      </tr></thead>
      <tbody>${list.items.map((r) => html`<tr>
        <td><a class="run" href=${`/studio/bulk/${r.id}`}>${r.workflow.name}</a></td>
        <td>${r.startedBy.name || (r.origin.kind === 'schedule' ? msg('周期计划', { id: 'schedulesTitle' }) : '—')}</td>
        <td>${chinaTime(r.createdAt)}</td>
        <td>${runStatusLabel(r.status)}${r.status === 'running' || r.status === 'queued' ? html`（${Math.round(r.progress * 100)}%）` : ''}</td>
        <td class="number">${r.total}</td><td class="number">${r.started}</td><td class="number">${r.failed}</td>
      </tr>`)}</tbody>
    </table></div>
    ${list.totalPages > 1 ? html`<nav class="pager" aria-label=${msg('翻页', { id: 'bulkPager' })}>
      <button ?disabled=${this.page <= 1} @click=${() => this.goTo(this.page - 1)}>${msg('上一页', { id: 'prevPage' })}</button>
      <span>${msg(str`第 ${this.page} / ${list.totalPages} 页`, { id: 'pageOf' })}</span>
      <button ?disabled=${this.page >= list.totalPages} @click=${() => this.goTo(this.page + 1)}>${msg('下一页', { id: 'nextPage' })}</button>
    </nav>` : ''}`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('批量发起', { id: 'studioBulk' })}</h1>
      ${studioNav('/studio/bulk')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section aria-labelledby="start-title">
        <h2 id="start-title">${msg('发起一批案件', { id: 'bulkStartTitle' })}</h2>
        <p class="muted">${msg('为辖区内符合条件的对象各发起一件案件（如低保年度复核）。先统计对象数，确认后再发起；每个对象的结果可在发起后查看。', { id: 'bulkIntro' })}</p>
        ${this.list ? this.renderForm(this.list.startable) : ''}
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">${msg('发起记录', { id: 'bulkRunsTitle' })}</h2>
        ${this.list ? this.renderRuns(this.list) : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
      </section>
    `;
  }
}
customElements.define('tb-studio-bulk', TbStudioBulk);
