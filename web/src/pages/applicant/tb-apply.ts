/**
 * `<tb-apply>`: an applicant fills in their application in the form's steps (the wizard of the
 * process's UI schema). 暂存 saves a draft on the server (checked loosely: an incomplete form is
 * kept), so the applicant can leave and come back on another device; 提交 checks the whole form and
 * sends only what changed. When the case is returned for 补正 the page says what was asked (the
 * officer's reasons and the form's correction items), and only changes are sent back. Once the case
 * has left the applicant, the page is the receipt: case number, what was filed, and what happens next
 * with its deadline.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { mergePatchBetween, type FieldPermissions } from '../../../../forms/core/index.js';
import { setAttachmentLinker, setAttachmentUploader, setOrgUnitSource, type TbForm } from '../../../../forms/elements/index.js';
import type { ActionOffer, CaseViewAnswer, JsonValue } from '../../../../engine/index.js';
import { attachmentLink, caseAttachmentUploader } from '../../api/attachments.js';
import { countyOrgUnitSource } from '../../api/orgUnits.js';
import { errorMessage, fieldProblems, pb } from '../../api/client.js';
import { getCase, listEvents, sendCommand } from '../../api/cases.js';
import { getWorkflowForm, type WorkflowForm } from '../../api/forms.js';
import { rateCase, ratingOf } from '../../api/ratings.js';
import { chinaDeadlineDay } from '../../components/formatDate.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { currentLocale } from '../../i18n/localization.js';

type CaseSummary = CaseViewAnswer['case'];

export class TbApply extends LitElement {
  static override styles = [sharedStyles, css`
    .bar { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; }
    .bar button { flex: 1 1 10rem; }
    .receipt { background: #fff; border: 2px solid #2e7d32; border-radius: 8px; padding: 0.5rem 1rem 1rem; }
    .asked { background: #fff8e1; border: 2px solid #8a6d00; border-radius: 8px; padding: 0.5rem 1rem; }
    dt { font-weight: 700; margin-top: 0.5rem; }
    fieldset { border: 1px solid var(--tb-border, #767676); border-radius: 8px; }
    label.choice { display: flex; align-items: center; gap: 0.5rem; min-height: var(--tb-target, 48px); font-weight: 400; margin: 0; }
    label.choice input { width: auto; min-height: 0; }
    dd { margin: 0.25rem 0 0; }
  `];

  static override properties = { caseId: {}, summary: { state: true }, actions: { state: true }, form: { state: true }, message: { state: true }, error: { state: true }, busy: { state: true }, returned: { state: true }, submittedAt: { state: true }, confirmingWithdraw: { state: true }, rating: { state: true }, score: { state: true } };
  caseId = '';
  summary: CaseSummary | undefined;
  actions: ActionOffer[] = [];
  form: WorkflowForm | undefined;
  data: Record<string, unknown> = {};
  permissions: FieldPermissions = {};
  message = '';
  error = '';
  busy = false;
  /** The return (补正) that sent the case back to the applicant, if that is why it is here. */
  returned: RecordModel | undefined;
  /** When the application was last submitted (the receipt's date). */
  submittedAt = '';
  /** The inline withdraw confirmation is open (not a modal: focus is never trapped). */
  confirmingWithdraw = false;
  /** The applicant's rating of the ended case, once given. */
  rating: RecordModel | undefined;
  /** The score chosen in the rating form (0: none yet). */
  score = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('caseId') && this.caseId) void this.load();
  }

  private async load() {
    setAttachmentUploader(caseAttachmentUploader(this.caseId));
    setAttachmentLinker(attachmentLink);
    setOrgUnitSource(countyOrgUnitSource);
    try {
      const [view, events] = await Promise.all([getCase(this.caseId), listEvents(this.caseId)]);
      this.form = await getWorkflowForm(view.case.workflow.key, view.case.workflow.version);
      this.data = view.data;
      this.permissions = view.permissions;
      this.actions = view.actions;
      const last = events.at(-1);
      this.returned = last && last.kind === 'return' && this.actions.some((a) => a.kind === 'submit') ? last : undefined;
      this.submittedAt = [...events].reverse().find((e) => e.kind === 'submit')?.at ?? '';
      this.rating = view.case.status === 'done' ? await ratingOf(this.caseId) : undefined;
      this.summary = view.case;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private offer(kind: ActionOffer['kind']): ActionOffer | undefined {
    return this.actions.find((a) => a.kind === kind);
  }

  /** Saves a draft (`save`) or submits (`submit`), sending only what changed in the sections the action writes. */
  private async act(offer: ActionOffer) {
    if (!this.summary) return;
    this.error = '';
    this.message = '';
    const form = this.renderRoot.querySelector<TbForm>('tb-form');
    if (form && offer.kind === 'submit' && !form.reportValidity()) {
      this.error = msg('请先修改表单中标出的问题。', { id: 'fixForm' });
      return;
    }
    const writes = offer.writes ?? [];
    const value = form?.value ?? {};
    const sections = (d: Record<string, unknown>) => Object.fromEntries(writes.filter((w) => d[w] !== undefined).map((w) => [w, d[w]]));
    const data = mergePatchBetween(sections(this.data), sections(value)) as Record<string, JsonValue>;
    this.busy = true;
    try {
      await sendCommand(this.summary, offer.action, Object.keys(data).length ? { data } : {});
      this.message = offer.kind === 'save' ? msg('草稿已保存。您可以随时回来（换一台设备也可以）继续填写。', { id: 'draftSaved' }) : msg('申请已提交。', { id: 'applicationSubmitted' });
      await this.load();
      if (offer.kind === 'submit') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#receipt-title')?.focus());
    } catch (e) {
      this.error = errorMessage(e);
      const problems = fieldProblems(e);
      if (form && problems.length) form.showErrors(problems);
    } finally {
      this.busy = false;
    }
  }

  private async withdraw(offer: ActionOffer) {
    if (!this.summary) return;
    this.error = '';
    this.busy = true;
    try {
      await sendCommand(this.summary, offer.action, {});
      this.confirmingWithdraw = false;
      this.message = msg('申请已撤回。', { id: 'withdrawn' });
      await this.load();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  private async openWithdraw() {
    this.confirmingWithdraw = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#withdraw-title')?.focus();
  }

  private async closeWithdraw() {
    this.confirmingWithdraw = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#withdraw-open')?.focus();
  }

  private async rate(event: Event) {
    event.preventDefault();
    const reason = (this.renderRoot.querySelector('#rating-reason') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    this.error = '';
    if (!this.score) { this.error = msg('请选择评价。', { id: 'ratingChoose' }); return; }
    if (this.score <= 2 && !reason) { this.error = msg('不满意时请写明理由。', { id: 'ratingReasonRequired' }); this.renderRoot.querySelector<HTMLElement>('#rating-reason')?.focus(); return; }
    try {
      this.rating = await rateCase(this.caseId, this.score, reason);
      this.message = msg('感谢您的评价。', { id: 'ratingThanks' });
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private renderRating() {
    const levels: [number, string][] = [[5, msg('非常满意', { id: 'rating5' })], [4, msg('满意', { id: 'rating4' })], [3, msg('基本满意', { id: 'rating3' })], [2, msg('不满意', { id: 'rating2' })], [1, msg('非常不满意', { id: 'rating1' })]];
    if (this.rating) return html`<section aria-labelledby="rating-title"><h2 id="rating-title">${msg('服务评价', { id: 'ratingTitle' })}</h2>
      <p>${msg('您的评价', { id: 'yourRating' })}：${levels.find(([n]) => n === this.rating!.score)?.[1] ?? ''}${this.rating.reason ? `（${this.rating.reason}）` : ''}</p></section>`;
    return html`<section aria-labelledby="rating-title"><h2 id="rating-title">${msg('服务评价', { id: 'ratingTitle' })}</h2>
      <form novalidate @submit=${this.rate}>
        <fieldset><legend>${msg('您对这次办理满意吗？', { id: 'ratingQuestion' })}</legend>
          ${levels.map(([n, label]) => html`<label class="choice"><input type="radio" name="score" value=${n} .checked=${this.score === n} @change=${() => { this.score = n; }} /> ${label}</label>`)}
        </fieldset>
        <label for="rating-reason">${this.score && this.score <= 2 ? msg('理由（必填）', { id: 'ratingReasonMust' }) : msg('理由（选填）', { id: 'ratingReasonMay' })}</label>
        <textarea id="rating-reason" aria-required=${this.score > 0 && this.score <= 2 ? 'true' : 'false'} maxlength="500"></textarea>
        <p><button class="primary" type="submit">${msg('提交评价', { id: 'ratingSubmit' })}</button></p>
      </form></section>`;
  }

  private renderWithdraw(offer: ActionOffer) {
    if (!this.confirmingWithdraw) return html`<p><button id="withdraw-open" @click=${this.openWithdraw}>${offer.label}</button></p>`;
    return html`<section class="asked" aria-labelledby="withdraw-title" @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') void this.closeWithdraw(); }}>
      <h2 id="withdraw-title" tabindex="-1">${msg('确定撤回这份申请吗？', { id: 'withdrawConfirmTitle' })}</h2>
      <p>${msg('撤回后本次申请结束；如需要，可以重新申请。', { id: 'withdrawConfirmText' })}</p>
      <div class="bar">
        <button ?disabled=${this.busy} @click=${this.closeWithdraw}>${msg('不撤回', { id: 'withdrawCancel' })}</button>
        <button class="primary" ?disabled=${this.busy} @click=${() => this.withdraw(offer)}>${msg('确认撤回', { id: 'withdrawConfirm' })}</button>
      </div>
    </section>`;
  }

  private renderReceipt(s: CaseSummary) {
    const next = s.tasks[0];
    return html`<section class="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" tabindex="-1">${s.status === 'done' ? msg('办理已结束', { id: 'caseEnded' }) : msg('已收到您的申请', { id: 'receiptTitle' })}</h2>
      <dl>
        <dt>${msg('申请编号', { id: 'caseNumber' })}</dt><dd>${s.caseNo}</dd>
        <dt>${msg('申请事项', { id: 'serviceName' })}</dt><dd>${s.workflow.name}</dd>
        ${this.submittedAt ? html`<dt>${msg('提交时间', { id: 'submittedAt' })}</dt><dd>${new Date(this.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</dd>` : ''}
        <dt>${msg('当前环节', { id: 'step' })}</dt><dd>${s.stepName}</dd>
        ${next?.dueAt ? html`<dt>${msg('下一步', { id: 'nextStep' })}</dt><dd>${msg('工作人员将在以下日期前办理：', { id: 'nextStepDue' })}${chinaDeadlineDay(next.dueAt)}${next.provisional ? `（${msg('暂定：当年放假安排尚未公布', { id: 'provisional' })}）` : ''}</dd>` : ''}
        ${s.clock.dueAt ? html`<dt>${msg('办理期限', { id: 'due' })}</dt><dd>${chinaDeadlineDay(s.clock.dueAt)}</dd>` : ''}
      </dl>
      <p>${msg('有进展时会在“消息”中通知您。', { id: 'receiptNotices' })}</p>
      <p><a href="/cases/${s.id}">${msg('查看办理进度', { id: 'viewProgress' })}</a></p>
    </section>
    ${s.status === 'done' && s.outcome !== null ? this.renderRating() : ''}`;
  }

  override render() {
    const s = this.summary;
    const save = this.offer('save');
    const submit = this.offer('submit');
    const withdraw = this.offer('withdraw');
    return html`
      ${pb.authStore.record?.role === 'officer' ? html`<p><a href="/work/started">${msg('返回我发起的案件', { id: 'backToStarted' })}</a></p>` : html`<p><a href="/my/cases">${msg('返回我的申请', { id: 'backToMyCases' })}</a></p>`}
      <h1 tabindex="-1">${s ? s.workflow.name : msg('正在加载…', { id: 'loading' })}</h1>
      <div aria-live="polite">${this.message ? html`<p>${this.message}</p>` : ''}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${s && !submit ? this.renderReceipt(s) : ''}
      ${s && submit && this.returned ? html`<section class="asked" aria-labelledby="asked-title">
        <h2 id="asked-title">${msg('需要补正', { id: 'correctionAsked' })}</h2>
        <p>${msg('请只修改工作人员要求补正的内容，其他内容不必重填。', { id: 'correctionHelp' })}</p>
        ${this.returned.comment ? html`<p><strong>${msg('工作人员意见', { id: 'officerOpinion' })}：</strong>${this.returned.comment}</p>` : ''}
      </section>` : ''}
      ${s && submit ? html`<p class="muted">${s.caseNo} · ${msg('分步填写；可随时暂存，下次（或在其他设备上）继续。', { id: 'applyHelp' })}</p>` : ''}
      ${this.form ? html`<section aria-labelledby="filed-title">
        <h2 id="filed-title">${submit ? msg('填写申请', { id: 'fillIn' }) : msg('申请内容', { id: 'whatWasFiled' })}</h2>
        <tb-form .schema=${this.form.schema} .ui=${this.form.ui} .compiled=${this.form.compiled} .data=${this.data} .permissions=${this.permissions} ?print=${!submit} lang=${currentLocale()}></tb-form>
      </section>` : ''}
      ${submit ? html`<div class="bar">
        ${save ? html`<button ?disabled=${this.busy} @click=${() => this.act(save)}>${save.label}</button>` : ''}
        <button class="primary" ?disabled=${this.busy} @click=${() => this.act(submit)}>${submit.label}</button>
      </div>` : ''}
      ${withdraw ? this.renderWithdraw(withdraw) : ''}
    `;
  }
}
customElements.define('tb-apply', TbApply);
