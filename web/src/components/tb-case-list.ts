/**
 * `<tb-case-list>`: cases as cards — number and title (a link to the case page), the current step
 * and the statutory due date.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { sharedStyles } from './sharedStyles.js';
import { chinaDeadlineDay } from './formatDate.js';

export class TbCaseList extends LitElement {
  static override styles = sharedStyles;
  static override properties = { cases: { attribute: false } };
  /** The case records; undefined while loading. */
  cases: RecordModel[] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.cases === undefined) return html``;
    if (this.cases.length === 0) return html`<p class="muted">${msg('暂无案件。', { id: 'noCases' })}</p>`;
    return html`<ul class="cards">${this.cases.map((c) => html`<li><a href="/cases/${c.id}">${c.case_no} ${c.title}</a>
      <div>${msg('当前环节', { id: 'step' })}：${c.step_name}${c.due_at ? html` · ${msg('办理期限', { id: 'due' })}：${chinaDeadlineDay(c.due_at)}` : ''}</div></li>`)}</ul>`;
  }
}
customElements.define('tb-case-list', TbCaseList);
