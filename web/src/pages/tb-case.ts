/**
 * `<tb-case>`: one case — its step and clock, its data in the workflow's form (the sections the
 * user's actions write are editable, the rest shown as text or masked), the actions the user may
 * take (with a comment and a return target where needed), its documents and its history.
 */
import { LitElement, html } from 'lit';
import type { RecordModel } from 'pocketbase';
import type { FieldPermissions } from '../../../forms/core/index.js';
import { setAttachmentLinker, setAttachmentUploader, type TbForm } from '../../../forms/elements/index.js';
import { attachmentLink, caseAttachmentUploader } from '../api/attachments.js';
import { errorMessage, fieldProblems, getCase, getWorkflowForm, listDocuments, listEvents, sendCommand, type ActionOffer, type CaseSummary, type WorkflowForm } from '../api/client.js';
import { sharedStyles } from '../components/sharedStyles.js';
import { t, type Lang } from '../components/i18n.js';

export class TbCase extends LitElement {
  static override styles = sharedStyles;
  static override properties = { language: {}, caseId: {}, summary: { state: true }, actions: { state: true }, events: { state: true }, documents: { state: true }, message: { state: true }, error: { state: true }, form: { state: true } };
  language: Lang = 'zh';
  caseId = '';
  summary: CaseSummary | undefined;
  actions: ActionOffer[] = [];
  events: RecordModel[] = [];
  documents: RecordModel[] = [];
  message = '';
  error = '';
  form: WorkflowForm | undefined;
  data: Record<string, unknown> = {};
  permissions: FieldPermissions = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    setAttachmentUploader(caseAttachmentUploader(this.caseId));
    setAttachmentLinker(attachmentLink);
    try {
      const [view, events, documents] = await Promise.all([getCase(this.caseId), listEvents(this.caseId), listDocuments(this.caseId)]);
      this.form = await getWorkflowForm(view.case.workflow.key, view.case.workflow.version);
      this.data = view.data;
      this.permissions = view.permissions;
      this.summary = view.case;
      this.actions = view.actions;
      this.events = events;
      this.documents = documents;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async act(offer: ActionOffer) {
    if (!this.summary) return;
    const comment = (this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    const returnTo = (this.renderRoot.querySelector('#returnTo') as HTMLSelectElement | null)?.value;
    this.error = '';
    this.message = '';
    const form = this.renderRoot.querySelector<TbForm>('tb-form');
    const writes = offer.writes ?? [];
    // Moving a case on needs a complete form; saving a draft, returning or refusing does not.
    if (form && writes.length && (offer.kind === 'submit' || offer.kind === 'approve') && !form.reportValidity()) {
      this.error = t(this.language, 'fixForm');
      return;
    }
    const value = form?.value ?? {};
    const data = Object.fromEntries(writes.filter((w) => value[w] !== undefined).map((w) => [w, value[w]]));
    try {
      await sendCommand(this.summary, offer.action, { ...(comment ? { comment } : {}), ...(offer.returnTo && returnTo ? { returnTo } : {}), ...(writes.length ? { data } : {}) });
      this.message = t(this.language, 'done');
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
      const problems = fieldProblems(e);
      if (form && problems.length) form.showErrors(problems);
    }
  }

  override render() {
    const s = this.summary;
    const returns = this.actions.find((a) => a.returnTo)?.returnTo ?? [];
    return html`
      <p><a href="#/">${t(this.language, 'back')}</a></p>
      <h1 tabindex="-1">${s ? `${s.caseNo} · ${s.workflow.name}` : t(this.language, 'loading')}</h1>
      <div aria-live="polite">${this.message ? html`<p>${this.message}</p>` : ''}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${s ? html`<p>${t(this.language, 'step')}：<strong>${s.stepName}</strong>${s.clock.dueAt ? html` · ${t(this.language, 'due')}：${new Date(s.clock.dueAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}` : ''}</p>` : ''}
      ${this.form ? html`<section aria-labelledby="data-title">
        <h2 id="data-title">${t(this.language, 'caseData')}</h2>
        <tb-form .schema=${this.form.schema} .ui=${this.form.ui} .compiled=${this.form.compiled} .data=${this.data} .permissions=${this.permissions} lang=${this.language === 'en' ? 'en' : 'zh-CN'}></tb-form>
      </section>` : ''}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">${t(this.language, 'actions')}</h2>
        ${this.actions.length === 0 ? html`<p class="muted">${t(this.language, 'noActions')}</p>` : html`
          <label for="comment">${t(this.language, 'comment')}</label>
          <textarea id="comment"></textarea>
          ${returns.length ? html`<label for="returnTo">${t(this.language, 'returnTo')}</label>
            <select id="returnTo">${returns.map((r) => html`<option value=${r.step}>${r.name}</option>`)}</select>` : ''}
          <p>${this.actions.map((a) => html`<button class=${a.kind === 'approve' || a.kind === 'submit' ? 'primary' : ''} @click=${() => this.act(a)}>${a.label}</button> `)}</p>`}
      </section>
      <section aria-labelledby="docs-title">
        <h2 id="docs-title">${t(this.language, 'documents')}</h2>
        <ul class="cards">${this.documents.map((d) => html`<li>${d.title}</li>`)}</ul>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">${t(this.language, 'history')}</h2>
        <ol>${this.events.map((e) => html`<li>${new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} ${e.actor_name || '系统'}${e.actor_unit_name ? `（${e.actor_unit_name}）` : ''}：${e.action}${e.comment ? `（${e.comment}）` : ''}</li>`)}</ol>
      </section>
    `;
  }
}
customElements.define('tb-case', TbCase);
