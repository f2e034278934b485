/**
 * `<tb-studio-calendar>` (/studio/calendar): the working calendar deadlines are counted on — which
 * years' official holiday arrangements are known, entering a year's arrangement from the State
 * Council's notice (running deadlines are counted anew), single-day overrides (each audited) — and
 * the recurring schedules of the processes with their last run, next start and missed periods.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { CalendarStatus, ScheduleView } from '../../../../engine/index.js';
import { addOverride, calendarStatus, enterArrangement, listOverrides, listSchedules, removeOverride, type CalendarOverride } from '../../api/calendar.js';
import { errorMessage } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';

const everyLabels = new Map<string, () => string>([
  ['year', () => msg('每年', { id: 'everyYear' })],
  ['halfYear', () => msg('每半年', { id: 'everyHalfYear' })],
  ['quarter', () => msg('每季度', { id: 'everyQuarter' })],
  ['month', () => msg('每月', { id: 'everyMonth' })],
]);

/** The dates of a text box: one per line or separated by commas or spaces. */
const datesIn = (text: string) => text.split(/[\s,，、;；]+/).map((d) => d.trim()).filter((d) => d !== '');
const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export class TbStudioCalendar extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, css`
    section { margin: 1.5rem 0; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; }
    form { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 1rem; }
    .check { display: flex; gap: 0.5rem; align-items: center; }
    .check input { width: auto; min-height: 0; }
    .check label { margin: 0; }
    .warning { background: #fff8e1; border: 1px solid #f0c36d; padding: 0.75rem; border-radius: 6px; }
  `];

  static override properties = { status: { state: true }, overrides: { state: true }, schedules: { state: true }, error: { state: true }, notice: { state: true } };
  status: CalendarStatus | undefined;
  overrides: CalendarOverride[] = [];
  schedules: ScheduleView[] | undefined;
  error = '';
  notice = '';

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
      const [status, overrides, schedules] = await Promise.all([calendarStatus(), listOverrides(), listSchedules()]);
      this.status = status;
      this.overrides = overrides;
      this.schedules = schedules.schedules;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async submitArrangement(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.error = '';
    try {
      const answer = await enterArrangement({ year: Number(form.get('year')), holidays: datesIn(String(form.get('holidays') ?? '')), workdays: datesIn(String(form.get('workdays') ?? '')), note: String(form.get('note') ?? '').trim() });
      this.notice = msg(str`已录入 ${answer.year} 年的放假安排：${answer.holidays} 天放假，${answer.workdays} 天调休上班；${answer.recounted.length} 件在办案件的期限已重新计算。`, { id: 'calendarEntered' });
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async submitOverride(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    this.error = '';
    try {
      await addOverride({ date: String(form.get('date') ?? ''), working: form.get('working') === 'on', note: String(form.get('note') ?? '').trim() });
      this.notice = msg(str`已添加 ${String(form.get('date'))} 的调整。`, { id: 'overrideAdded' });
      formElement.reset();
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async deleteOverride(override: CalendarOverride) {
    this.error = '';
    try {
      await removeOverride(override.id);
      this.notice = msg(str`已删除 ${override.date} 的调整。`, { id: 'overrideRemoved' });
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private renderStatus(status: CalendarStatus) {
    const sourceLabel = (source: string | null) => (source === 'package' ? msg('已知（随软件提供）', { id: 'calendarFromPackage' }) : source === 'entered' ? msg('已录入', { id: 'calendarEntered2' }) : msg('未录入：暂按法定节日计算，调休未计入', { id: 'calendarUnknown' }));
    return html`
      ${status.warnings.map((w) => html`<p class="warning" role="status">${w}</p>`)}
      <div class="scroll"><table>
        <thead><tr><th scope="col">${msg('年份', { id: 'calendarYear' })}</th><th scope="col">${msg('放假安排', { id: 'calendarArrangement' })}</th></tr></thead>
        <tbody>${status.years.map((y) => html`<tr><td>${y.year}</td><td>${sourceLabel(y.source)}</td></tr>`)}</tbody>
      </table></div>`;
  }

  private renderSchedules(schedules: ScheduleView[]) {
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${msg('周期计划列表', { id: 'schedulesList' })}><table>
      <thead><tr>
        <th scope="col">${msg('事项', { id: 'dashProcess' })}</th><th scope="col">${msg('计划', { id: 'scheduleName' })}</th><th scope="col">${msg('周期', { id: 'scheduleEvery' })}</th>
        <th scope="col">${msg('上次', { id: 'scheduleLast' })}</th><th scope="col">${msg('下次', { id: 'scheduleNext' })}</th><th scope="col">${msg('错过的期次', { id: 'scheduleMissed' })}</th>
      </tr></thead>
      <tbody>${schedules.map((s) => html`<tr>
        <td>${s.workflow}</td><td>${s.name}</td><td>${everyLabels.get(s.every)?.() ?? s.every}${s.startOn ? html`（${s.startOn}）` : ''}</td>
        <td>${s.lastRun ? html`${s.lastRun.period}：${msg(str`${s.lastRun.matched} 个对象`, { id: 'scheduleMatched' })}${s.lastRun.bulkRun ? html`，${msg(str`已启动 ${s.lastRun.bulkRun.started}，失败 ${s.lastRun.bulkRun.failed}`, { id: 'scheduleProgress' })}` : ''}` : msg('尚未运行', { id: 'scheduleNever' })}</td>
        <td>${s.due ? msg(str`${s.due}（待启动）`, { id: 'scheduleDue' }) : s.next ? html`${s.next.period}：${chinaTime(s.next.at)}` : '—'}</td>
        <td>${s.missed.length > 0 ? s.missed.join('、') : '—'}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('日历与周期计划', { id: 'studioCalendar' })}</h1>
      ${studioNav('/studio/calendar')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : ''}
      <section aria-labelledby="status-title">
        <h2 id="status-title">${msg('工作日历', { id: 'calendarTitle' })}</h2>
        ${this.status ? this.renderStatus(this.status) : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
      </section>
      <section aria-labelledby="arrangement-title">
        <h2 id="arrangement-title">${msg('录入全年放假安排', { id: 'arrangementTitle' })}</h2>
        <form @submit=${this.submitArrangement}>
          <label for="year">${msg('年份', { id: 'calendarYear' })}</label>
          <input id="year" name="year" type="number" min="2020" max="2100" required inputmode="numeric">
          <label for="holidays">${msg('放假日期（每行一个，YYYY-MM-DD）', { id: 'arrangementHolidays' })}</label>
          <textarea id="holidays" name="holidays" required></textarea>
          <label for="workdays">${msg('调休上班日期（每行一个）', { id: 'arrangementWorkdays' })}</label>
          <textarea id="workdays" name="workdays"></textarea>
          <label for="note">${msg('通知名称', { id: 'arrangementNote' })}</label>
          <input id="note" name="note" required>
          <div class="row"><button class="primary" type="submit">${msg('录入并重新计算期限', { id: 'arrangementSubmit' })}</button></div>
        </form>
      </section>
      <section aria-labelledby="overrides-title">
        <h2 id="overrides-title">${msg('单日调整', { id: 'overridesTitle' })}</h2>
        <div class="scroll"><table>
          <thead><tr><th scope="col">${msg('日期', { id: 'overrideDate' })}</th><th scope="col">${msg('类型', { id: 'overrideKind' })}</th><th scope="col">${msg('说明', { id: 'overrideNote' })}</th><th scope="col">${msg('操作', { id: 'staffActions' })}</th></tr></thead>
          <tbody>${this.overrides.map((o) => html`<tr><td>${o.date}</td><td>${o.working ? msg('上班', { id: 'overrideWorking' }) : msg('放假', { id: 'overrideOff' })}</td><td>${o.note}</td>
            <td><button @click=${() => this.deleteOverride(o)} aria-label=${msg(str`删除 ${o.date}`, { id: 'overrideRemoveOne' })}>${msg('删除', { id: 'remove' })}</button></td></tr>`)}</tbody>
        </table></div>
        <form @submit=${this.submitOverride} aria-labelledby="override-add-title">
          <h3 id="override-add-title">${msg('添加单日调整', { id: 'overrideAddTitle' })}</h3>
          <label for="override-date">${msg('日期', { id: 'overrideDate' })}</label>
          <input id="override-date" name="date" type="date" required>
          <div class="check row"><input id="override-working" name="working" type="checkbox"><label for="override-working">${msg('这一天上班（不勾选为放假）', { id: 'overrideWorkingLabel' })}</label></div>
          <label for="override-note">${msg('说明', { id: 'overrideNote' })}</label>
          <input id="override-note" name="note">
          <div class="row"><button class="primary" type="submit">${msg('添加', { id: 'add' })}</button></div>
        </form>
      </section>
      <section aria-labelledby="schedules-title">
        <h2 id="schedules-title">${msg('周期计划', { id: 'schedulesTitle' })}</h2>
        ${this.schedules ? this.renderSchedules(this.schedules) : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
      </section>
    `;
  }
}
customElements.define('tb-studio-calendar', TbStudioCalendar);
