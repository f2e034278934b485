/**
 * `<tb-home>`: the signed-in user's start page — open tasks (with due dates and 超期 marks) and
 * the cases they may see.
 */
import { LitElement, html } from 'lit';
import type { RecordModel } from 'pocketbase';
import { errorMessage, listCases, listOpenTasks, pb } from '../api/client.js';
import { sharedStyles } from '../components/sharedStyles.js';
import { t, type Lang } from '../components/i18n.js';

const fmt = (iso: string) => (iso ? new Date(iso.replace(' ', 'T')).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '');

export class TbHome extends LitElement {
  static override styles = sharedStyles;
  static override properties = { language: {}, tasks: { state: true }, cases: { state: true }, error: { state: true } };
  language: Lang = 'zh';
  tasks: RecordModel[] | undefined;
  cases: RecordModel[] | undefined;
  error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    Promise.all([listOpenTasks(), listCases()]).then(
      ([tasks, cases]) => { this.tasks = tasks; this.cases = cases; },
      (e) => { this.error = errorMessage(e); },
    );
  }

  override render() {
    const me = pb.authStore.record;
    const now = Date.now();
    return html`
      <h1 tabindex="-1">${me?.name ?? ''}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">${t(this.language, 'tasks')}</h2>
        ${this.tasks === undefined ? html`<p class="muted" aria-live="polite">${t(this.language, 'loading')}</p>`
          : this.tasks.length === 0 ? html`<p class="muted">${t(this.language, 'noTasks')}</p>`
          : html`<ul class="cards">${this.tasks.map((task) => {
              const overdue = task.due_at && new Date(task.due_at.replace(' ', 'T')).getTime() < now;
              const app = task.expand?.application as RecordModel | undefined;
              return html`<li><a href="#/case/${task.application}">${task.step_name}：${app?.title ?? ''}</a>
                ${task.due_at ? html`<div>${t(this.language, 'due')}：${fmt(task.due_at)} ${overdue ? html`<span class="overdue">${t(this.language, 'overdue')}</span>` : ''}</div>` : ''}</li>`;
            })}</ul>`}
      </section>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title">${me?.role === 'applicant' ? t(this.language, 'myCases') : t(this.language, 'cases')}</h2>
        ${this.cases === undefined ? '' : this.cases.length === 0 ? html`<p class="muted">${t(this.language, 'noCases')}</p>`
          : html`<ul class="cards">${this.cases.map((c) => html`<li><a href="#/case/${c.id}">${c.case_no} ${c.title}</a>
              <div>${t(this.language, 'step')}：${c.step_name}${c.due_at ? html` · ${t(this.language, 'due')}：${fmt(c.due_at)}` : ''}</div></li>`)}</ul>`}
      </section>
    `;
  }
}
customElements.define('tb-home', TbHome);
