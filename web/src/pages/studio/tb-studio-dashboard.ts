/**
 * `<tb-studio-dashboard>` (/studio/dashboard): the figures a bureau reports, for a chosen period and
 * division — cases by process and state, timeliness by township against the statutory limits,
 * amounts approved per month, average working days per step, subjects approved — as ECharts
 * charts, each downloadable as an image and each with its figures as a table (for screen readers
 * and for copying into a report).
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { DashboardAnswer } from '../../../../engine/index.js';
import { errorMessage } from '../../api/client.js';
import { dashboardFigures } from '../../api/dashboard.js';
import { listOrgUnits, type OrgUnit } from '../../api/staff.js';
import { LatestOnly } from '../../components/latestOnly.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { dashboardCharts, loadCharts, type ChartLabels, type DashboardChart } from './dashboardCharts.js';
import { studioNav, studioNavStyles } from './studioNav.js';

type EChartsCore = Awaited<ReturnType<typeof loadCharts>>;
type ChartInstance = ReturnType<EChartsCore['init']>;

function chartLabels(): ChartLabels {
  return {
    casesByProcess: msg('各事项案件数', { id: 'dashCasesByProcess' }),
    active: msg('在办', { id: 'dashActive' }),
    done: msg('办结', { id: 'dashDone' }),
    approved: msg('批准', { id: 'dashApproved' }),
    timeliness: msg('各乡镇办理时效', { id: 'dashTimeliness' }),
    onTime: msg('按期办结', { id: 'dashOnTime' }),
    late: msg('逾期办结', { id: 'dashLate' }),
    openOverdue: msg('在办已逾期', { id: 'dashOpenOverdue' }),
    amounts: msg('各月批准金额', { id: 'dashAmounts' }),
    amountYuan: msg('金额（元）', { id: 'dashAmountYuan' }),
    month: msg('月份', { id: 'dashMonth' }),
    stepTimes: msg('各环节平均用时', { id: 'dashStepTimes' }),
    workingDays: msg('工作日', { id: 'dashWorkingDays' }),
    coverage: msg('获批对象数', { id: 'dashCoverage' }),
    subjects: msg('对象数', { id: 'dashSubjects' }),
    process: msg('事项', { id: 'dashProcess' }),
    township: msg('乡镇（街道）', { id: 'dashTownship' }),
    step: msg('环节', { id: 'dashStep' }),
  };
}

/** Today in China time, `YYYY-MM-DD`. */
const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

export class TbStudioDashboard extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; align-items: end; }
    .filters button { margin-top: 0.75rem; }
    .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.75rem; margin: 1rem 0; padding: 0; list-style: none; }
    .totals li { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem; }
    .totals strong { display: block; font-size: 1.75rem; }
    figure { margin: 1rem 0; background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem; }
    figcaption { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; }
    figcaption h2 { margin: 0; font-size: 1.15rem; }
    .chart { width: 100%; height: 320px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.25rem 0.5rem; text-align: left; }
    details summary { min-height: var(--tb-target, 48px); display: flex; align-items: center; cursor: pointer; }
  `];

  static override properties = { units: { state: true }, figures: { state: true }, from: { state: true }, to: { state: true }, division: { state: true }, error: { state: true } };
  units: OrgUnit[] = [];
  figures: DashboardAnswer | undefined;
  from = `${chinaToday().slice(0, 4)}-01-01`;
  to = chinaToday();
  division = '';
  error = '';
  private charts = new Map<string, ChartInstance>();
  private echarts: EChartsCore | undefined;
  /** The figures' reads: only the latest one's answer is shown (the period or division may change while one runs). */
  private readonly reads = new LatestOnly();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listOrgUnits().then((units) => { this.units = units.filter((u) => u.level !== 'department'); }, () => undefined);
    window.addEventListener('resize', this.onResize);
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('resize', this.onResize);
    for (const chart of this.charts.values()) chart.dispose();
    this.charts.clear();
    super.disconnectedCallback();
  }

  private onResize = () => {
    for (const chart of this.charts.values()) chart.resize();
  };

  private async load() {
    this.error = '';
    const asked = { from: this.from, to: this.to, division: this.division };
    await this.reads.run(
      () => Promise.all([dashboardFigures(asked), this.echarts ?? loadCharts()]),
      ([figures, echarts]) => { this.echarts = echarts; this.figures = figures; },
      (e) => { this.error = errorMessage(e); },
    );
  }

  private currentCharts(): DashboardChart[] {
    return this.figures ? dashboardCharts(this.figures, chartLabels()) : [];
  }

  override updated(): void {
    if (!this.echarts || !this.figures) return;
    for (const chart of this.currentCharts()) {
      const element = this.renderRoot.querySelector<HTMLElement>(`#chart-${chart.key}`);
      let instance = this.charts.get(chart.key);
      if (!element) {
        instance?.dispose();
        this.charts.delete(chart.key);
        continue;
      }
      if (!instance || instance.getDom() !== element) {
        instance?.dispose();
        instance = this.echarts.init(element, undefined, { renderer: 'canvas' });
        this.charts.set(chart.key, instance);
      }
      instance.setOption(chart.option, { notMerge: true });
    }
  }

  private download(chart: DashboardChart) {
    const instance = this.charts.get(chart.key);
    if (!instance) return;
    const link = document.createElement('a');
    link.href = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    link.download = `${chart.title}（${this.figures?.from}至${this.figures?.to}）.png`;
    link.click();
  }

  private query(event: Event) {
    event.preventDefault();
    void this.load();
  }

  private renderTotals(figures: DashboardAnswer) {
    const sum = (pick: (p: DashboardAnswer['processes'][number]) => number) => figures.processes.reduce((n, p) => n + pick(p), 0);
    const overdue = figures.townships.reduce((n, t) => n + t.openOverdue, 0);
    const amount = figures.amounts.reduce((n, a) => n + a.amount, 0);
    return html`<ul class="totals">
      <li>${msg('受理', { id: 'dashStarted' })}<strong>${sum((p) => p.started)}</strong></li>
      <li>${msg('批准', { id: 'dashApproved' })}<strong>${sum((p) => p.approved)}</strong></li>
      <li>${msg('在办', { id: 'dashActive' })}<strong>${sum((p) => p.active)}</strong></li>
      <li>${msg('在办已逾期', { id: 'dashOpenOverdue' })}<strong>${overdue}</strong></li>
      <li>${msg('批准金额（元）', { id: 'dashTotalAmount' })}<strong>${amount.toLocaleString('zh-CN')}</strong></li>
    </ul>`;
  }

  override render() {
    const figures = this.figures;
    return html`
      <h1 tabindex="-1">${msg('数据看板', { id: 'studioDashboard' })}</h1>
      ${studioNav('/studio/dashboard')}
      <form class="filters" @submit=${this.query}>
        <div><label for="from">${msg('开始日期', { id: 'dashFrom' })}</label><input id="from" type="date" .value=${this.from} @change=${(e: Event) => { this.from = (e.target as HTMLInputElement).value; }}></div>
        <div><label for="to">${msg('结束日期', { id: 'dashTo' })}</label><input id="to" type="date" .value=${this.to} @change=${(e: Event) => { this.to = (e.target as HTMLInputElement).value; }}></div>
        <div><label for="division">${msg('区划', { id: 'dashDivision' })}</label>
          <select id="division" @change=${(e: Event) => { this.division = (e.target as HTMLSelectElement).value; }}>
            <option value="">${msg('全部', { id: 'dashAll' })}</option>
            ${this.units.map((u) => html`<option value=${u.id} ?selected=${this.division === u.id}>${u.name}</option>`)}
          </select></div>
        <div><button class="primary" type="submit">${msg('查询', { id: 'dashQuery' })}</button></div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${figures ? html`
        <p role="status">${msg(str`${figures.division?.name ?? '全部区划'}，${figures.from} 至 ${figures.to}`, { id: 'dashScope' })}</p>
        ${this.renderTotals(figures)}
        ${this.currentCharts().map((chart) => html`<figure>
          <figcaption><h2 id="title-${chart.key}">${chart.title}</h2>
            <button ?disabled=${chart.table.rows.length === 0} @click=${() => this.download(chart)} aria-label=${msg(str`下载图片：${chart.title}`, { id: 'dashDownloadOne' })}>${msg('下载图片', { id: 'dashDownload' })}</button></figcaption>
          ${chart.table.rows.length === 0 ? html`<p class="muted">${msg('所选期间和区划没有数据。', { id: 'dashNoData' })}</p>` : html`
          <div class="chart" id="chart-${chart.key}" role="img" aria-labelledby="title-${chart.key}"></div>
          <details><summary>${msg('数据表', { id: 'dashTable' })}</summary>
            <table><thead><tr>${chart.table.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
              <tbody>${chart.table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table>
          </details>`}
        </figure>`)}` : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
    `;
  }
}
customElements.define('tb-studio-dashboard', TbStudioDashboard);
