/**
 * `<tb-queue-ledger-export>`: exports the queue the officer is looking at — every row its filter
 * selects, not only the page — as a 台账 in Excel, with the case's county, township and village as
 * columns. Names stay as the server masks them; no ID number is in a queue, so none is in the file.
 */
import { LitElement, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage } from '../../api/client.js';
import { dueByWorkingDays } from '../../api/officerLists.js';
import { queueLedger, type LedgerRow } from '../../api/queueLedger.js';
import type { QueueFilter, QueueTab } from '../../api/queues.js';
import { chinaDeadlineDay } from '../../components/formatDate.js';
import { downloadLedger, type LedgerColumn } from '../../components/ledgerWorkbook.js';
import { sharedStyles } from '../../components/sharedStyles.js';

/** The ledger's columns (Chinese headers, as bureaus keep their 台账). */
function ledgerColumns(): LedgerColumn<LedgerRow>[] {
  const shanghai = (at: string) => (at ? new Date(at.replace(' ', 'T')).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');
  return [
    { header: '案件编号', value: (r) => r.caseNo, width: 20 },
    { header: '事项', value: (r) => r.title.split('：')[0] ?? '', width: 24 },
    { header: '申请人（已遮盖）', value: (r) => r.title.split('：')[1] ?? '', width: 14 },
    { header: '县（市、区）', value: (r) => r.county },
    { header: '乡镇（街道）', value: (r) => r.township },
    { header: '村（社区）', value: (r) => r.village, width: 20 },
    { header: '当前环节', value: (r) => r.stepName },
    { header: '状态', value: (r) => (r.status === 'done' ? '已办结' : '在办') },
    { header: '办理期限', value: (r) => (r.dueAt ? chinaDeadlineDay(r.dueAt) : '') },
    { header: '是否逾期', value: (r) => (r.overdue ? '逾期' : '') },
    { header: '时间', value: (r) => shanghai(r.at), width: 20 },
  ];
}

export class TbQueueLedgerExport extends LitElement {
  static override styles = [sharedStyles];
  static override properties = { tab: {}, tabName: {}, filter: { attribute: false }, busy: { state: true }, status: { state: true }, error: { state: true } };
  tab: QueueTab = 'tasks';
  /** The queue's name, for the file's title. */
  tabName = '';
  filter: QueueFilter = {};
  busy = false;
  status = '';
  error = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private async export() {
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      const dueBy = this.filter.dueWithinDays === undefined ? undefined : await dueByWorkingDays(this.filter.dueWithinDays);
      const { rows, truncated } = await queueLedger(this.tab, this.filter, dueBy);
      const day = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
      await downloadLedger(`${this.tabName}台账（${day}）`, ledgerColumns(), rows);
      this.status = truncated ? msg(str`已导出前 ${rows.length} 行；请缩小筛选范围后分批导出。`, { id: 'ledgerTruncated' }) : msg(str`已导出 ${rows.length} 行。`, { id: 'ledgerExported' });
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <button type="button" ?disabled=${this.busy} @click=${this.export}>${msg('导出台账（Excel）', { id: 'ledgerExport' })}</button>
      ${this.status ? html`<span role="status">${this.status}</span>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    `;
  }
}
customElements.define('tb-queue-ledger-export', TbQueueLedgerExport);
