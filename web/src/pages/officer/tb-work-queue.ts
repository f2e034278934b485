/**
 * `<tb-work-queue>`: an officer's work page — the queues 待办 / 已办 / 抄送 / 我发起 (one URL each)
 * with their counts, filters (process, step, township and village of their jurisdiction, due within
 * N working days by the server's working calendar, overdue, 近亲属备案), a search by case number or
 * name, saved views, a page of rows at a time rendered as a virtualised list (only the rows in view
 * are in the page; urgent first in 待办), realtime updates of their unit's tasks, and batch approval
 * of selected tasks with one opinion.
 */
import { LitElement, css, html } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
// The layout given explicitly: the default is loaded by a dynamic import the app's single bundle does not serve.
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage, pb } from '../../api/client.js';
import { queuePage, queueTabs, watchTasks, type QueueFilter, type QueueRow, type QueueTab } from '../../api/queues.js';
import { queueCounts } from '../../api/queueCounts.js';
import { dueByWorkingDays, unitsInJurisdiction, type ChainUnit } from '../../api/officerLists.js';
import { LatestOnly } from '../../components/latestOnly.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaDeadlineDay } from '../../components/formatDate.js';
import { approveCases, type BatchResult } from './batchApproval.js';
import { removeView, saveView, savedViews, type SavedView } from './queueViews.js';
import './tb-officer-nav.js';
import './tb-queue-ledger-export.js';

/**
 * A page of more rows than this is rendered as a virtualised list (only the rows in view are in the
 * document, so a long queue stays fast); a shorter page is a plain list, every row in the document.
 */
export const virtualizeAbove = 40;

/** The path of each queue. */
const pathOf: Record<QueueTab, string> = { tasks: '/work/tasks', done: '/work/done', cc: '/work/cc', started: '/work/started' };

export class TbWorkQueue extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0 0 1rem; }
      nav a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 1rem; border: 1px solid var(--tb-border, #767676); border-radius: 6px; text-decoration: none; background: #fff; }
      nav a .count { margin-inline-start: 0.4em; font-variant-numeric: tabular-nums; }
      nav a[aria-current='page'] { background: var(--tb-primary, #b3261e); color: #fff; border-color: var(--tb-primary, #b3261e); }
      form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0 1rem; align-items: end; }
      form.filters .check { display: flex; gap: 0.5rem; align-items: center; min-height: var(--tb-target, 48px); }
      form.filters .check input { width: auto; min-height: 1.5rem; min-width: 1.5rem; }
      ul.rows { list-style: none; padding: 0; margin: 0; display: block; }
      ul.rows li { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem 1rem; margin: 0 0 0.75rem; box-sizing: border-box; width: 100%; }
      .row { display: flex; gap: 0.75rem; align-items: flex-start; }
      .row input[type='checkbox'] { width: 1.75rem; height: 1.75rem; min-height: 0; margin-top: 0.25rem; flex: none; }
      .row a { display: inline-block; min-height: 1.5rem; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
      .ok { color: #0a6b2d; }
      .fail { color: #a00; }
    `,
  ];

  static override properties = {
    tab: {},
    rows: { state: true },
    counts: { state: true },
    page: { state: true },
    more: { state: true },
    filter: { state: true },
    selected: { state: true },
    results: { state: true },
    views: { state: true },
    error: { state: true },
    busy: { state: true },
    units: { state: true },
  };

  /** The queue shown. */
  tab: QueueTab = 'tasks';
  rows: QueueRow[] | undefined;
  counts: Partial<Record<QueueTab, number>> = {};
  page = 1;
  more = false;
  filter: QueueFilter = {};
  /** Selected cases, with the words that name each in the results. */
  selected = new Map<string, string>();
  results: BatchResult[] = [];
  private resultNames = new Map<string, string>();
  views: SavedView[] = [];
  error = '';
  busy = false;
  /** The townships and villages of the officer's jurisdiction, for the filters. */
  units: ChainUnit[] = [];
  private stopWatching: (() => Promise<void>) | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** The page's loads: only the latest one's answer is shown. */
  private readonly reads = new LatestOnly();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get userId(): string {
    return pb.authStore.record?.id ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.views = savedViews(this.userId);
    unitsInJurisdiction().then((units) => { this.units = units; }, () => { this.units = []; });
    // A task of the unit created, done or moved: counts and the page are read again (once for a burst).
    watchTasks(() => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.load(), 250);
    }).then(
      (stop) => {
        this.stopWatching = stop;
        // What changed between the first read and the subscription taking hold would otherwise be missed.
        void this.load();
      },
      () => { /* realtime unavailable: the page still works by reloading */ },
    );
  }

  override disconnectedCallback(): void {
    clearTimeout(this.reloadTimer);
    void this.stopWatching?.().catch(() => undefined);
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('tab')) {
      this.page = 1;
      this.selected = new Map();
      this.results = [];
      void this.load();
    }
  }

  /**
   * Reads the counts of every queue and the current page, for the tab, filter and page as they are
   * when it starts. Loads overlap (a filter submitted, a realtime reload, the subscription taking
   * hold), and answers may come back in any order: only the latest load's answer is shown, so an
   * earlier one that arrives late never puts back rows of a filter no longer asked.
   */
  async load(): Promise<void> {
    const { tab, filter, page: pageNo } = this;
    await this.reads.run(
      async () => {
        // "Due within N working days" ends where the server's working calendar says (holidays, 调休), asked once per load.
        const dueBy = filter.dueWithinDays === undefined ? undefined : await dueByWorkingDays(filter.dueWithinDays);
        return Promise.all([queuePage(tab, filter, pageNo, dueBy), queueCounts(filter, dueBy)]);
      },
      ([page, counts]) => {
        this.rows = page.rows;
        this.more = page.more;
        this.counts = counts;
        this.error = '';
      },
      (e) => { this.error = errorMessage(e); },
    );
  }

  private tabName(tab: QueueTab): string {
    switch (tab) {
      case 'tasks': return msg('待办', { id: 'queueTasks' });
      case 'done': return msg('已办', { id: 'queueDone' });
      case 'cc': return msg('抄送', { id: 'queueCc' });
      case 'started': return msg('我发起', { id: 'queueStarted' });
    }
  }

  private onFilter(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    const text = (name: string) => String(values.get(name) ?? '').trim();
    const days = text('dueWithinDays');
    this.filter = {
      ...(text('search') ? { search: text('search') } : {}),
      ...(text('process') ? { process: text('process') } : {}),
      ...(text('step') ? { step: text('step') } : {}),
      ...(text('township') ? { township: text('township') } : {}),
      ...(text('village') ? { village: text('village') } : {}),
      ...(days !== '' && Number.isInteger(Number(days)) && Number(days) >= 0 ? { dueWithinDays: Number(days) } : {}),
      ...(values.get('overdue') ? { overdue: true } : {}),
      ...(values.get('relativeFiling') ? { flag: 'relativeFiling' } : {}),
    };
    this.page = 1;
    void this.load();
  }

  private applyView(view: SavedView) {
    this.filter = { ...view.filter };
    if (view.tab !== this.tab) {
      history.pushState(null, '', pathOf[view.tab]);
      window.dispatchEvent(new PopStateEvent('popstate'));
      return;
    }
    this.page = 1;
    void this.load();
  }

  private onSaveView() {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#view-name');
    const name = input?.value.trim() ?? '';
    if (!name) return;
    this.views = saveView(this.userId, { name, tab: this.tab, filter: this.filter });
    if (input) input.value = '';
  }

  private toggle(row: QueueRow, on: boolean) {
    const next = new Map(this.selected);
    if (on) next.set(row.caseId, `${row.caseNo} ${row.title}`);
    else next.delete(row.caseId);
    this.selected = next;
  }

  private async approveSelected() {
    const opinion = this.renderRoot.querySelector<HTMLTextAreaElement>('#batch-opinion')?.value ?? '';
    this.busy = true;
    this.results = await approveCases([...this.selected.keys()], opinion);
    this.resultNames = new Map(this.selected);
    this.busy = false;
    this.selected = new Map();
    await this.load();
  }

  private goPage(page: number) {
    this.page = page;
    void this.load();
  }

  private renderFilters() {
    const f = this.filter;
    return html`<form class="filters" role="search" aria-label=${msg('筛选', { id: 'queueFilters' })} @submit=${this.onFilter}>
      <div><label for="q-search">${msg('案件编号或姓名', { id: 'queueSearch' })}</label><input id="q-search" name="search" type="search" .value=${f.search ?? ''}></div>
      <div><label for="q-process">${msg('事项', { id: 'queueProcess' })}</label><input id="q-process" name="process" .value=${f.process ?? ''} placeholder="dibao"></div>
      <div><label for="q-step">${msg('环节', { id: 'queueStep' })}</label><input id="q-step" name="step" .value=${f.step ?? ''} placeholder="accept"></div>
      ${this.renderUnitFilters()}
      <div><label for="q-due">${msg('几个工作日内到期', { id: 'queueDueWithin' })}</label><input id="q-due" name="dueWithinDays" type="number" min="0" max="60" inputmode="numeric" .value=${f.dueWithinDays === undefined ? '' : String(f.dueWithinDays)}></div>
      <div class="check"><input id="q-overdue" name="overdue" type="checkbox" .checked=${f.overdue === true}><label for="q-overdue">${msg('只看逾期', { id: 'onlyOverdue' })}</label></div>
      <div class="check"><input id="q-relative" name="relativeFiling" type="checkbox" .checked=${f.flag === 'relativeFiling'}><label for="q-relative">${msg('近亲属备案', { id: 'queueRelativeFiling' })}</label></div>
      <div><button class="primary" type="submit">${msg('筛选', { id: 'queueFilters' })}</button></div>
    </form>
    <div class="bar">
      ${this.views.map((v) => html`<button type="button" @click=${() => this.applyView(v)}>${v.name}</button><button type="button" aria-label=${`${msg('删除视图', { id: 'queueRemoveView' })} ${v.name}`} @click=${() => { this.views = removeView(this.userId, v.name); }}>×</button>`)}
    </div>
    <div class="bar">
      <label for="view-name" style="margin:0;align-self:center">${msg('保存为视图', { id: 'queueViewName' })}</label>
      <input id="view-name" style="width:auto;flex:1" placeholder=${msg('视图名称', { id: 'queueViewPlaceholder' })}>
      <button type="button" @click=${this.onSaveView}>${msg('保存视图', { id: 'queueSaveView' })}</button>
    </div>`;
  }

  /** Township and village pickers, where the jurisdiction holds more than one (a village officer has none to choose). */
  private renderUnitFilters() {
    const f = this.filter;
    const townships = this.units.filter((u) => u.level === 'township');
    const villages = this.units.filter((u) => u.level === 'village');
    return html`${townships.length > 1 ? html`<div><label for="q-township">${msg('乡镇（街道）', { id: 'queueTownship' })}</label>
        <select id="q-township" name="township"><option value="" ?selected=${!f.township}>${msg('全部', { id: 'queueAllUnits' })}</option>${townships.map((u) => html`<option value=${u.id} ?selected=${f.township === u.id}>${u.name}</option>`)}</select></div>` : ''}
      ${villages.length > 1 ? html`<div><label for="q-village">${msg('村（居）', { id: 'queueVillage' })}</label>
        <select id="q-village" name="village"><option value="" ?selected=${!f.village}>${msg('全部', { id: 'queueAllUnits' })}</option>${villages.map((u) => html`<option value=${u.id} ?selected=${f.village === u.id}>${u.name}</option>`)}</select></div>` : ''}`;
  }

  private renderRow(row: QueueRow) {
    const selectable = this.tab === 'tasks';
    const id = `row-${row.id}`;
    return html`<li class="row" data-case=${row.caseId}>
      ${selectable ? html`<input type="checkbox" id=${id} aria-label=${`${msg('选择', { id: 'queueSelect' })} ${row.caseNo} ${row.title}`} .checked=${this.selected.has(row.caseId)} @change=${(e: Event) => this.toggle(row, (e.target as HTMLInputElement).checked)}>` : ''}
      <div>
        <a href="/cases/${row.caseId}">${row.stepName}：${row.title} · ${row.caseNo}</a>
        <div>${row.dueAt ? html`${msg('办理期限', { id: 'due' })}：${chinaDeadlineDay(row.dueAt)}` : ''} ${row.overdue ? html`<span class="overdue">${msg('逾期', { id: 'overdue' })}</span>` : ''}</div>
      </div>
    </li>`;
  }

  private renderBatch() {
    if (this.tab !== 'tasks') return '';
    return html`<section aria-labelledby="batch-title">
      <h2 id="batch-title">${msg('批量通过', { id: 'batchApprove' })}</h2>
      <label for="batch-opinion">${msg('统一意见', { id: 'batchOpinion' })}</label>
      <textarea id="batch-opinion"></textarea>
      <div class="bar"><button class="primary" type="button" ?disabled=${this.selected.size === 0 || this.busy} @click=${this.approveSelected}>${msg('通过所选', { id: 'batchApproveSelected' })} (${this.selected.size})</button></div>
      <div role="status"><ul class="cards">${this.results.map((r) => {
        return html`<li class=${r.ok ? 'ok' : 'fail'} data-case=${r.caseId}>${r.ok ? msg('已通过', { id: 'batchOk' }) : msg('未通过', { id: 'batchFailed' })}：${this.resultNames.get(r.caseId) ?? r.caseId} — ${r.message}</li>`;
      })}</ul></div>
    </section>`;
  }

  override render() {
    return html`
      <tb-officer-nav current="/work/tasks"></tb-officer-nav>
      <h1 tabindex="-1">${msg('我的工作', { id: 'myWork' })}</h1>
      <nav aria-label=${msg('工作队列', { id: 'queues' })}><ul>${queueTabs.map((t) => html`<li><a href=${pathOf[t]} aria-current=${t === this.tab ? 'page' : 'false'}>${this.tabName(t)} <span class="count" data-tab=${t}>${this.counts[t] ?? '…'}</span></a></li>`)}</ul></nav>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.renderFilters()}
      <section aria-labelledby="rows-title">
        <h2 id="rows-title">${this.tab === 'tasks' ? msg('待办任务', { id: 'tasks' }) : this.tabName(this.tab)}</h2>
        ${this.rows === undefined ? html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>`
          : this.rows.length === 0 ? html`<p class="muted">${msg('没有符合条件的案件。', { id: 'queueEmpty' })}</p>`
          : this.rows.length > virtualizeAbove
            ? html`<ul class="rows" data-virtual="true">${virtualize({ items: this.rows, layout: flow(), renderItem: (r: QueueRow) => this.renderRow(r), keyFunction: (r: QueueRow) => r.id })}</ul>`
            : html`<ul class="rows">${this.rows.map((r) => this.renderRow(r))}</ul>`}
        <div class="bar">
          ${this.page > 1 ? html`<button type="button" @click=${() => this.goPage(this.page - 1)}>${msg('上一页', { id: 'prevPage' })}</button>` : ''}
          ${this.more ? html`<button type="button" @click=${() => this.goPage(this.page + 1)}>${msg('下一页', { id: 'nextPage' })}</button>` : ''}
        </div>
        <tb-queue-ledger-export .tab=${this.tab} .tabName=${this.tabName(this.tab)} .filter=${this.filter}></tb-queue-ledger-export>
      </section>
      ${this.renderBatch()}
    `;
  }
}
customElements.define('tb-work-queue', TbWorkQueue);
