/**
 * `<tb-public-notices>`: the printable 公示 list of a village — the cases whose 公示 is running (or
 * that ran in a chosen period), each with the name as the 公示 shows it, the household size and the
 * amount, and when its 公示 began and ends; never an ID number (the server sends none). A village
 * officer sees their village; township and county officers choose one of theirs. 打印 prints the
 * list alone on A4 (the page's print styles hide everything else).
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { PublicNoticeListAnswer } from '../../../../engine/index.js';
import { errorMessage } from '../../api/client.js';
import { publicNotices, unitsInJurisdiction, type ChainUnit } from '../../api/officerLists.js';
import { chinaDay, chinaDeadlineDay } from '../../components/formatDate.js';
import { LatestOnly } from '../../components/latestOnly.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import './tb-officer-nav.js';

/** A4 page margins for the printed list (document level: `@page` does not apply inside a shadow root). */
const printPage = '@page { size: A4 portrait; margin: 15mm 12mm; } @media print { body { background: #fff !important; } }';

function installPrintPage(): void {
  if (document.getElementById('tb-print-a4')) return;
  const style = document.createElement('style');
  style.id = 'tb-print-a4';
  style.textContent = printPage;
  document.head.append(style);
}

export class TbPublicNotices extends LitElement {
  static override styles = [sharedStyles, css`
    form.choose { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0 1rem; align-items: end; }
    .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
    .sheet { background: #fff; border: 1px solid var(--tb-border, #767676); border-radius: 8px; padding: 1rem; overflow-x: auto; }
    .sheet h2 { text-align: center; margin: 0 0 0.5rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { border: 1px solid #1f1f1f; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .note { font-size: 0.9em; }
    @media print {
      .no-print { display: none !important; }
      :host { font-size: 11pt; color: #000; }
      .sheet { border: none; padding: 0; overflow: visible; }
      table { font-size: 11pt; page-break-inside: auto; }
      tr { page-break-inside: avoid; }
      th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
  `];

  static override properties = { villages: { state: true }, village: { state: true }, period: { state: true }, list: { state: true }, error: { state: true } };
  villages: ChainUnit[] | undefined;
  village = '';
  /** A chosen period (China dates), or undefined for the 公示 running now. */
  period: { from: string; until: string } | undefined;
  list: PublicNoticeListAnswer | undefined;
  error = '';
  /** The list's reads: only the latest one's answer is shown (another village or period may be chosen while one runs). */
  private readonly reads = new LatestOnly();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    installPrintPage();
    void this.loadVillages();
  }

  private async loadVillages() {
    try {
      this.villages = (await unitsInJurisdiction()).filter((u) => u.level === 'village');
      if (this.villages.length > 0 && !this.village) {
        this.village = this.villages[0]!.id;
        await this.load();
      }
    } catch (e) {
      this.villages = [];
      this.error = errorMessage(e);
    }
  }

  private async load() {
    if (!this.village) return;
    const { village, period } = this;
    await this.reads.run(
      () => publicNotices(village, period),
      (list) => { this.list = list; this.error = ''; },
      (e) => { this.list = undefined; this.error = errorMessage(e); },
    );
  }

  private onChoose(e: Event) {
    e.preventDefault();
    const values = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => String(values.get(name) ?? '').trim();
    this.village = text('village') || this.village;
    const from = text('from');
    const until = text('until');
    if ((from && !until) || (!from && until)) {
      this.error = msg('请同时填写开始和结束日期，或都不填（查看正在公示的）。', { id: 'noticePeriodBoth' });
      return;
    }
    this.period = from && until ? { from, until } : undefined;
    void this.load();
  }

  private renderSheet(list: PublicNoticeListAnswer) {
    const title = `${list.village.name}${msg('公示名单', { id: 'publicNoticesNav' })}`;
    return html`<section class="sheet" aria-labelledby="sheet-title" tabindex="0">
      <h2 id="sheet-title">${title}</h2>
      <p>${list.period ? html`${msg('公示期间', { id: 'noticePeriod' })}：${list.period.from} — ${list.period.until}` : html`${msg('正在公示的案件', { id: 'noticeRunning' })}（${msg('截至', { id: 'noticeAsOf' })} ${chinaDay(list.now)}）`}${list.township ? html` · ${list.township.name}` : ''}</p>
      ${list.rows.length === 0 ? html`<p>${list.period ? msg('该期间没有公示的案件。', { id: 'noticeNoneInPeriod' }) : msg('没有正在公示的案件。', { id: 'noticeNone' })}</p>` : html`<table>
        <caption class="note">${msg('共', { id: 'noticeTotal' })} ${list.rows.length} ${msg('户', { id: 'noticeHouseholds' })}</caption>
        <thead><tr>
          <th scope="col">${msg('序号', { id: 'noticeNo' })}</th>
          <th scope="col">${msg('姓名', { id: 'noticeName' })}</th>
          <th scope="col">${msg('家庭人口', { id: 'noticeHousehold' })}</th>
          <th scope="col">${msg('金额（元/月）', { id: 'noticeAmount' })}</th>
          <th scope="col">${msg('事项', { id: 'queueProcess' })}</th>
          <th scope="col">${msg('公示开始', { id: 'noticeStarts' })}</th>
          <th scope="col">${msg('公示截止', { id: 'noticeEnds' })}</th>
        </tr></thead>
        <tbody>${list.rows.map((r, i) => html`<tr data-case=${r.caseId}>
          <td class="n">${i + 1}</td>
          <td>${r.name}</td>
          <td class="n">${r.householdSize ?? ''}</td>
          <td class="n">${r.amount ?? ''}</td>
          <td>${r.process}</td>
          <td>${chinaDay(r.startsAt)}</td>
          <td>${chinaDeadlineDay(r.endsAt)}</td>
        </tr>`)}</tbody>
      </table>`}
      <p class="note">${msg('公示期内如有异议，请向乡镇（街道）人民政府反映。为保护个人隐私，不公布身份证号码、联系方式等信息。', { id: 'noticePrivacy' })}</p>
    </section>`;
  }

  override render() {
    return html`
      <div class="no-print"><tb-officer-nav current="/work/public-notices"></tb-officer-nav></div>
      <h1 tabindex="-1" class="no-print">${msg('公示名单', { id: 'publicNoticesNav' })}</h1>
      ${this.error ? html`<p class="error no-print" role="alert">${this.error}</p>` : ''}
      ${this.villages === undefined ? html`<p class="muted no-print" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>`
        : this.villages.length === 0 ? html`<p class="muted">${msg('您的辖区没有村（居）。', { id: 'noticeNoVillages' })}</p>`
        : html`<form class="choose no-print" @submit=${this.onChoose}>
          <div><label for="n-village">${msg('村（居）', { id: 'queueVillage' })}</label>
            <select id="n-village" name="village">${this.villages.map((v) => html`<option value=${v.id} ?selected=${v.id === this.village}>${v.name}</option>`)}</select></div>
          <div><label for="n-from">${msg('开始日期（选填）', { id: 'noticeFrom' })}</label><input id="n-from" name="from" type="date" .value=${this.period?.from ?? ''}></div>
          <div><label for="n-until">${msg('结束日期（选填）', { id: 'noticeUntil' })}</label><input id="n-until" name="until" type="date" .value=${this.period?.until ?? ''}></div>
          <div><button class="primary" type="submit">${msg('查看', { id: 'noticeShow' })}</button></div>
        </form>`}
      ${this.list ? html`<div class="bar no-print"><button type="button" @click=${() => window.print()}>${msg('打印', { id: 'noticePrint' })}</button></div>${this.renderSheet(this.list)}` : ''}
    `;
  }
}
customElements.define('tb-public-notices', TbPublicNotices);
