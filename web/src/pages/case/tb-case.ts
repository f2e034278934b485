/**
 * `<tb-case>`: one case — its step and clock, its data in the workflow's form (the sections the
 * user's actions write are editable, the rest shown as text or masked), the masked fields the step
 * lets the user reveal (one at a time, with a reason), the actions the user may take (with a comment
 * and a return target where needed; only what the user changed is sent), its documents (opened and
 * printed: `<tb-case-documents>`) and its progress (`<tb-case-timeline>`: every step in words, who
 * acted, the pauses and what is ahead), with who saw which masked field in full. A command refused
 * because someone acted first (409) is explained and the page reloads the case.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { ClientResponseError, type RecordModel } from 'pocketbase';
import { diffFormData, mergePatchBetween, schemaAtPath, type FieldPermissions } from '../../../../forms/core/index.js';
import { setAttachmentLinker, setAttachmentUploader, setOrgUnitSource, type TbForm } from '../../../../forms/elements/index.js';
import { attachmentLink, caseAttachmentUploader } from '../../api/attachments.js';
import { countyOrgUnitSource } from '../../api/orgUnits.js';
import type { ActionOffer, Ballot, CaseNamesView, ExpectedStepView, JsonValue, VerbOffer } from '../../../../engine/index.js';
import { errorMessage, fieldProblems } from '../../api/client.js';
import { getCase, listDocuments, listEvents, listReveals, revealField, sendCommand, type CaseSummary } from '../../api/cases.js';
import { getWorkflowForm, type WorkflowForm } from '../../api/forms.js';
import { currentLocale } from '../../i18n/localization.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaDeadlineDay } from '../../components/formatDate.js';
import './tb-case-timeline.js';
import './tb-case-documents.js';
import './tb-colleague-picker.js';
import type { VerbChoice } from './tb-colleague-picker.js';
import './tb-check-comparison.js';
import { submittedAndNow, type CaseEventRecord, type PatchedEvent } from './caseTimeline.js';
import type { CaseDocumentRecord } from './tb-case-documents.js';

/** The words of a ballot choice. */
function ballotLabel(choice: 'score' | 'for' | 'against' | 'abstain' | 'recuse'): string {
  switch (choice) {
    case 'score': return msg('评分', { id: 'ballotScore' });
    case 'for': return msg('同意', { id: 'ballotFor' });
    case 'against': return msg('反对', { id: 'ballotAgainst' });
    case 'abstain': return msg('弃权', { id: 'ballotAbstain' });
    case 'recuse': return msg('申请回避（须写明理由）', { id: 'ballotRecuse' });
  }
}

export class TbCase extends LitElement {
  static override styles = sharedStyles;
  static override properties = { caseId: {}, summary: { state: true }, actions: { state: true }, events: { state: true }, documents: { state: true }, message: { state: true }, error: { state: true }, form: { state: true }, grants: { state: true }, revealed: { state: true }, reveals: { state: true }, names: { state: true }, verbs: { state: true }, expected: { state: true }, picking: { state: true } };
  caseId = '';
  summary: CaseSummary | undefined;
  actions: ActionOffer[] = [];
  /** The task verbs offered now (催办, 撤回, 签署; 转办, 加签 and 抄送 name colleagues chosen in `<tb-colleague-picker>`). */
  verbs: VerbOffer[] = [];
  /** The verb whose colleague picker is open, if any. */
  picking: VerbOffer | undefined;
  events: CaseEventRecord[] = [];
  documents: CaseDocumentRecord[] = [];
  /** The words of the definition's steps and actions, for the timeline. */
  names: CaseNamesView | undefined;
  /** The steps after the current one on the expected path, dated by the server. */
  expected: ExpectedStepView[] = [];
  message = '';
  error = '';
  form: WorkflowForm | undefined;
  data: Record<string, unknown> = {};
  permissions: FieldPermissions = {};
  /** The fields (`*` for rows) the step lets this user reveal. */
  grants: string[] = [];
  /** Values revealed on this page, by pointer. */
  revealed: Record<string, string> = {};
  /** Reveals of masked fields recorded for this case (what the user may read of the audit log). */
  reveals: RecordModel[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    setAttachmentUploader(caseAttachmentUploader(this.caseId));
    setAttachmentLinker(attachmentLink);
    setOrgUnitSource(countyOrgUnitSource);
    try {
      const [view, events, documents, reveals] = await Promise.all([getCase(this.caseId), listEvents(this.caseId), listDocuments(this.caseId), listReveals(this.caseId)]);
      this.form = await getWorkflowForm(view.case.workflow.key, view.case.workflow.version);
      this.data = view.data;
      this.permissions = view.permissions;
      this.summary = view.case;
      this.actions = view.actions;
      this.verbs = view.verbs ?? [];
      this.events = events as unknown as CaseEventRecord[];
      this.documents = documents as unknown as CaseDocumentRecord[];
      this.names = view.names;
      this.expected = view.expected ?? [];
      this.grants = view.reveal ?? [];
      this.reveals = reveals;
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
    if (offer.requiresComment && comment.length < 2) {
      this.error = offer.kind === 'return' ? msg('请写明需要补正或退回的理由（一次性告知全部事项）。', { id: 'reasonForReturn' }) : msg('请先写明理由。', { id: 'reasonRequired' });
      (this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null)?.focus();
      return;
    }
    const form = this.renderRoot.querySelector<TbForm>('tb-form');
    const writes = offer.writes ?? [];
    // Moving a case on needs a complete form; saving a draft, returning or refusing does not.
    if (form && writes.length && (offer.kind === 'submit' || offer.kind === 'approve') && !form.reportValidity()) {
      this.error = msg('请先修改表单中标出的问题。', { id: 'fixForm' });
      return;
    }
    const value = form?.value ?? {};
    // Only what the user changed in the sections the action writes: masked values they did not touch are not sent back.
    const sections = (d: Record<string, unknown>) => Object.fromEntries(writes.filter((w) => d[w] !== undefined).map((w) => [w, d[w]]));
    const data = mergePatchBetween(sections(this.data), sections(value)) as Record<string, JsonValue>;
    // A panel member's own ballot: a choice, or a score on a score panel.
    const choice = (this.renderRoot.querySelector('#ballotChoice') as HTMLSelectElement | null)?.value;
    const score = (this.renderRoot.querySelector('#ballotScore') as HTMLInputElement | null)?.value;
    const ballot: Ballot | undefined = offer.ballot ? (choice === 'score' ? { score: Number(score) } : { choice: choice as Ballot['choice'] }) : undefined;
    try {
      await sendCommand(this.summary, offer.action, { ...(comment ? { comment } : {}), ...(offer.returnTo && returnTo ? { returnTo } : {}), ...(Object.keys(data).length ? { data } : {}), ...(ballot ? { ballot } : {}) });
      this.message = msg('操作成功。', { id: 'done' });
      this.clearInputs();
      await this.load();
    } catch (e) {
      if (e instanceof ClientResponseError && e.status === 409) {
        // Someone acted on the case first (a stale version, a task claimed or done): say so, and show the case as it is now.
        const stale = (e.response as { code?: string }).code === 'stale_version';
        this.message = stale ? msg('在您办理之前，已有其他人办理了此案件或案件已更新。页面已刷新为最新状态，请核对后再办理。', { id: 'conflict' }) : `${errorMessage(e)} ${msg('页面已刷新为最新状态。', { id: 'refreshed' })}`;
        this.clearInputs();
        await this.load();
        return;
      }
      const problems = fieldProblems(e);
      if (form && problems.length) {
        // The form shows each problem at its field; the summary says so once, without repeating them.
        form.showErrors(problems);
        this.error = msg('请先修改表单中标出的问题。', { id: 'fixForm' });
      } else {
        this.error = errorMessage(e);
      }
    }
  }

  /** Sends a task verb, with the comment if any and, for 转办 / 加签 / 抄送, the colleagues chosen. */
  private async sendVerb(verb: VerbOffer, named: Pick<VerbChoice, 'to' | 'position'> = { to: [] }) {
    if (!this.summary) return;
    const comment = (this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    this.error = '';
    this.message = '';
    if (verb.requiresComment && comment.length < 2) {
      this.error = msg('请先写明理由。', { id: 'reasonRequired' });
      return;
    }
    try {
      await sendCommand(this.summary, verb.action, { ...(comment ? { comment } : {}), ...(named.to.length ? { to: named.to } : {}), ...(named.position ? { position: named.position } : {}) });
      this.message = msg('操作成功。', { id: 'done' });
      this.picking = undefined;
      this.clearInputs();
      await this.load();
    } catch (e) {
      if (e instanceof ClientResponseError && e.status === 409) {
        this.message = `${errorMessage(e)} ${msg('页面已刷新为最新状态。', { id: 'refreshed' })}`;
        await this.load();
        return;
      }
      this.error = errorMessage(e);
    }
  }

  /** Empties the comment and reason boxes (after an action went through, or the case changed under them). */
  private clearInputs() {
    const comment = this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null;
    if (comment) comment.value = '';
  }

  /** The verbs offered now that name nobody: 催办, 撤回, 签署加签意见. */
  private simpleVerbs(): VerbOffer[] {
    return this.verbs.filter((v) => v.to === undefined);
  }

  /** The verbs that name colleagues: 转办, 加签, 抄送 (chosen in the picker). */
  private namingVerbs(): VerbOffer[] {
    return this.verbs.filter((v) => v.to !== undefined);
  }

  private async closePicker() {
    const verb = this.picking?.verb;
    this.picking = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-verb="${verb}"]`)?.focus();
  }

  /**
   * The data as first submitted and now, from the events' masked patches, in the sections this user
   * reads in the form (masked and hidden sections left out), or undefined when nothing changed since.
   */
  private changesSinceSubmission(): { submitted: Record<string, unknown>; now: Record<string, unknown> } | undefined {
    if (!this.form) return undefined;
    const unseen = new Set(Object.entries(this.permissions).filter(([p, v]) => /^\/[^/]+$/.test(p) && (v === 'hidden' || v === 'masked')).map(([p]) => p.slice(1)));
    const both = submittedAndNow(this.events as unknown as (PatchedEvent & { kind?: string })[], unseen);
    return both && diffFormData(this.form.schema, both.submitted, both.now).length ? both : undefined;
  }

  /** The granted fields present in the data, as concrete pointers (one per row for `*`). */
  private revealable(): string[] {
    const out: string[] = [];
    const walk = (value: unknown, rest: string[], at: string) => {
      if (rest.length === 0) { if (typeof value === 'string' && value !== '') out.push(at); return; }
      const [head, ...tail] = rest;
      if (head === '*' && Array.isArray(value)) value.forEach((v, i) => walk(v, tail, `${at}/${i}`));
      else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, head!)) walk((value as Record<string, unknown>)[head!], tail, `${at}/${head}`);
    };
    for (const grant of this.grants) walk(this.data, grant.split('/').slice(1), '');
    return out;
  }

  private fieldLabel(pointer: string): string {
    const title = (this.form && schemaAtPath(this.form.schema, pointer)?.title) || pointer;
    const row = /\/(\d+)\//.exec(pointer);
    return row ? `${title}（第${Number(row[1]) + 1}行）` : title;
  }

  private async reveal(pointer: string) {
    const reason = (this.renderRoot.querySelector('#revealReason') as HTMLInputElement | null)?.value.trim() ?? '';
    this.error = '';
    try {
      const answer = await revealField(this.caseId, pointer, reason);
      this.revealed = { ...this.revealed, [pointer]: answer.value };
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  /** 代办: who filed the case for the resident (the actor of its first event, as the server records it). */
  private renderProxy() {
    if (this.summary?.starter !== 'proxy') return '';
    const first = this.events[0];
    const who = first ? `${first.actor_name ?? ''}${first.actor_unit_name ? `（${first.actor_unit_name}）` : ''}` : '';
    return html`<p class="proxy">${msg('代办', { id: 'proxyFiled' })}：${who ? html`${msg('由', { id: 'filedBy' })} <strong>${who}</strong> ${msg('代为申请', { id: 'filedForResident' })}` : msg('由工作人员代为申请', { id: 'filedByStaff' })}</p>`;
  }

  private renderChanges() {
    const changes = this.changesSinceSubmission();
    if (!changes || !this.form) return '';
    return html`<section aria-labelledby="diff-title">
      <h2 id="diff-title">${msg('提交后的修改', { id: 'changesSinceSubmission' })}</h2>
      <p class="muted">${msg('首次提交时的内容与现在的对比（屏蔽信息按屏蔽后比较）。', { id: 'changesHelp' })}</p>
      <tb-diff .schema=${this.form.schema} .previous=${changes.submitted} .current=${changes.now} lang=${currentLocale()}></tb-diff>
    </section>`;
  }

  override render() {
    const s = this.summary;
    const returns = this.actions.find((a) => a.returnTo)?.returnTo ?? [];
    const ballot = this.actions.find((a) => a.ballot)?.ballot;
    return html`
      <p><a href="/">${msg('返回列表', { id: 'back' })}</a></p>
      <h1 tabindex="-1">${s ? `${s.caseNo} · ${s.workflow.name}` : msg('正在加载…', { id: 'loading' })}</h1>
      <div aria-live="polite">${this.message ? html`<p>${this.message}</p>` : ''}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${s ? html`<p>${msg('当前环节', { id: 'step' })}：<strong>${s.stepName}</strong>${s.clock.dueAt ? html` · ${msg('办理期限', { id: 'due' })}：${chinaDeadlineDay(s.clock.dueAt)}${s.clock.provisional ? `（${msg('暂定：当年放假安排尚未公布', { id: 'provisional' })}）` : ''}` : ''}</p>` : ''}
      ${this.renderProxy()}
      ${this.form ? html`<section aria-labelledby="data-title">
        <h2 id="data-title">${msg('申请材料', { id: 'caseData' })}</h2>
        <tb-form .schema=${this.form.schema} .ui=${this.form.ui} .compiled=${this.form.compiled} .data=${this.data} .permissions=${this.permissions} lang=${currentLocale()}></tb-form>
      </section>` : ''}
      <tb-check-comparison .summary=${s} .data=${this.data}></tb-check-comparison>
      ${this.renderChanges()}
      ${this.grants.length && this.revealable().length ? html`<section aria-labelledby="reveal-title">
        <h2 id="reveal-title">${msg('查看完整信息', { id: 'reveal' })}</h2>
        <p class="muted">${msg('屏蔽的信息仅在办理需要时查看；每次查看都会记录，申请人可以看到。', { id: 'revealHelp' })}</p>
        <label for="revealReason">${msg('查看理由', { id: 'revealReason' })}</label>
        <input id="revealReason" />
        <ul>${this.revealable().map((p) => html`<li>${this.fieldLabel(p)}：${p in this.revealed ? html`<strong>${this.revealed[p]}</strong>` : html`<button @click=${() => this.reveal(p)}>${msg('查看完整信息', { id: 'reveal' })}</button>`}</li>`)}</ul>
      </section>` : ''}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">${msg('可办理的操作', { id: 'actions' })}</h2>
        ${this.actions.length === 0 && this.verbs.length === 0 ? html`<p class="muted">${msg('当前没有您可以办理的操作。', { id: 'noActions' })}</p>` : html`
          <label for="comment">${msg('办理意见 / 理由', { id: 'comment' })}</label>
          <textarea id="comment"></textarea>
          ${returns.length ? html`<label for="returnTo">${msg('退回到', { id: 'returnTo' })}</label>
            <select id="returnTo">${returns.map((r) => html`<option value=${r.step}>${r.name}</option>`)}</select>` : ''}
          ${ballot ? html`<label for="ballotChoice">${msg('您的评议意见', { id: 'ballot' })}</label>
            <select id="ballotChoice">${(ballot.kind === 'score' ? (['score', 'abstain', 'recuse'] as const) : (['for', 'against', 'abstain', 'recuse'] as const)).map((c) => html`<option value=${c}>${ballotLabel(c)}</option>`)}</select>
            ${ballot.kind === 'score' ? html`<label for="ballotScore">${msg('分数', { id: 'ballotScoreValue' })}（0–${ballot.maxScore ?? 100}）</label><input id="ballotScore" type="number" min="0" max=${ballot.maxScore ?? 100} />` : ''}` : ''}
          <p>${this.actions.map((a) => html`<button class=${a.kind === 'approve' || a.kind === 'submit' ? 'primary' : ''} @click=${() => this.act(a)}>${a.label}</button> `)}</p>
          ${this.simpleVerbs().length ? html`<p>${this.simpleVerbs().map((v) => html`<button @click=${() => this.sendVerb(v)}>${v.label}</button> `)}</p>` : ''}
          ${this.namingVerbs().length ? html`<p>${this.namingVerbs().map((v) => html`<button data-verb=${v.verb} aria-expanded=${this.picking?.verb === v.verb ? 'true' : 'false'} @click=${() => { this.picking = v; }}>${v.label}…</button> `)}</p>` : ''}
          ${this.picking ? html`<tb-colleague-picker .caseId=${this.caseId} .verb=${this.picking}
            @tb-verb-chosen=${(e: CustomEvent<VerbChoice>) => this.sendVerb(e.detail.verb, e.detail)}
            @tb-verb-cancelled=${() => this.closePicker()}></tb-colleague-picker>` : ''}`}
      </section>
      <section aria-labelledby="docs-title">
        <h2 id="docs-title">${msg('文书', { id: 'documents' })}</h2>
        <tb-case-documents .documents=${this.documents}></tb-case-documents>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">${msg('办理进度', { id: 'progress' })}</h2>
        <tb-case-timeline .names=${this.names} .events=${this.events} .summary=${this.summary} .expected=${this.expected}></tb-case-timeline>
        ${this.reveals.length ? html`<h3>${msg('查看完整信息的记录', { id: 'revealLog' })}</h3><ul>${this.reveals.map((r) => html`<li>${new Date(r.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} ${r.actor_name}${r.actor_unit ? `（${r.actor_unit}）` : ''}${msg('查看了完整信息', { id: 'revealed' })}：${this.fieldLabel(r.field)}（${r.reason}）</li>`)}</ul>` : ''}
      </section>
    `;
  }
}
customElements.define('tb-case', TbCase);
