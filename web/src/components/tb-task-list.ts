/**
 * `<tb-task-list>`: open tasks as cards — the step, the case it belongs to (a link to its page) and
 * the due date, marked when overdue.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { sharedStyles } from './sharedStyles.js';
import { chinaDay, isOverdue } from './formatDate.js';

export class TbTaskList extends LitElement {
  static override styles = sharedStyles;
  static override properties = { tasks: { attribute: false } };
  /** The tasks, with their case expanded (`expand.application`); undefined while loading. */
  tasks: RecordModel[] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.tasks === undefined) return html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>`;
    if (this.tasks.length === 0) return html`<p class="muted">${msg('暂无待办任务。', { id: 'noTasks' })}</p>`;
    const now = Date.now();
    return html`<ul class="cards">${this.tasks.map((task) => {
      const app = task.expand?.application as RecordModel | undefined;
      return html`<li><a href="/cases/${task.application}">${task.step_name}：${app?.title ?? ''}</a>
        ${task.due_at ? html`<div>${msg('办理期限', { id: 'due' })}：${chinaDay(task.due_at)} ${isOverdue(task.due_at, now) ? html`<span class="overdue">${msg('已超期', { id: 'overdue' })}</span>` : ''}</div>` : ''}</li>`;
    })}</ul>`;
  }
}
customElements.define('tb-task-list', TbTaskList);
