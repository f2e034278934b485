/**
 * `<tb-my-cases>`: an applicant's start page — what waits on them (a 补正, a draft to submit) and
 * their applications.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { errorMessage } from '../../api/client.js';
import { listCases } from '../../api/cases.js';
import { listOpenTasks } from '../../api/queues.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import '../../components/tb-task-list.js';
import '../../components/tb-case-list.js';

export class TbMyCases extends LitElement {
  static override styles = [sharedStyles, css`a.big { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 1rem; border-radius: 6px; background: var(--tb-primary, #b3261e); color: #fff; font-weight: 700; text-decoration: none; }`];
  static override properties = { tasks: { state: true }, cases: { state: true }, more: { state: true }, error: { state: true } };
  tasks: RecordModel[] | undefined;
  cases: RecordModel[] | undefined;
  /** Whether older cases are left to show (the list is read a page at a time). */
  more = false;
  error = '';
  private page = 1;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    Promise.all([listOpenTasks(), listCases()]).then(
      ([tasks, cases]) => { this.tasks = tasks; this.cases = cases.items; this.more = cases.more; },
      (e) => { this.error = errorMessage(e); },
    );
  }

  private showMore() {
    listCases(this.page + 1).then(
      (next) => { this.page += 1; this.cases = [...(this.cases ?? []), ...next.items]; this.more = next.more; },
      (e) => { this.error = errorMessage(e); },
    );
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('我的申请', { id: 'myCases' })}</h1>
      <p><a class="big" href="/services">${msg('申请办理事项', { id: 'applyForService' })}</a></p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">${msg('待办任务', { id: 'tasks' })}</h2>
        ${this.tasks?.length ? html`<ul class="cards">${this.tasks.map((t) => html`<li><a href="/apply/${t.application}">${msg('继续填写', { id: 'continueApplication' })}：${t.step_name}：${(t.expand?.application as RecordModel | undefined)?.title ?? ''}</a></li>`)}</ul>` : html`<tb-task-list .tasks=${this.tasks}></tb-task-list>`}
      </section>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title">${msg('全部申请', { id: 'allApplications' })}</h2>
        <tb-case-list .cases=${this.cases}></tb-case-list>
        ${this.more ? html`<p><button type="button" @click=${() => this.showMore()}>${msg('显示更早的申请', { id: 'moreCases' })}</button></p>` : ''}
      </section>
    `;
  }
}
customElements.define('tb-my-cases', TbMyCases);
