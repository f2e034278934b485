/**
 * `<tb-task-list>`: open tasks as cards — the step, the case it belongs to (a link to its page) and
 * the due date, with a 逾期 badge when overdue (as the server marks it by its clock, `overdue`), and
 * a filter that shows only the overdue ones.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { sharedStyles } from './sharedStyles.js';
import { chinaDeadlineDay, isOverdue } from './formatDate.js';

export class TbTaskList extends LitElement {
  static override styles = sharedStyles;
  static override properties = { tasks: { attribute: false }, onlyOverdue: { state: true } };
  /** The tasks, with their case expanded (`expand.application`); undefined while loading. */
  tasks: RecordModel[] | undefined;
  /** Show only the tasks past their due date. */
  onlyOverdue = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.tasks === undefined) return html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>`;
    if (this.tasks.length === 0) return html`<p class="muted">${msg('暂无待办任务。', { id: 'noTasks' })}</p>`;
    const now = Date.now();
    // The server marks a task overdue by its own clock; a record without the mark is judged by this machine's.
    const overdue = (task: RecordModel) => (typeof task.overdue === 'boolean' ? task.overdue : isOverdue(task.due_at, now));
    return html`<label><input type="checkbox" .checked=${this.onlyOverdue} @change=${(e: Event) => { this.onlyOverdue = (e.target as HTMLInputElement).checked; }}> ${msg('只看逾期', { id: 'onlyOverdue' })}</label>
      <ul class="cards">${this.tasks.filter((task) => !this.onlyOverdue || overdue(task)).map((task) => {
      const app = task.expand?.application as RecordModel | undefined;
      return html`<li><a href="/cases/${task.application}">${task.step_name}：${app?.title ?? ''}</a>
        ${task.due_at ? html`<div>${msg('办理期限', { id: 'due' })}：${chinaDeadlineDay(task.due_at)} ${overdue(task) ? html`<span class="overdue">${msg('逾期', { id: 'overdue' })}</span>` : ''}</div>` : ''}</li>`;
    })}</ul>`;
  }
}
customElements.define('tb-task-list', TbTaskList);
