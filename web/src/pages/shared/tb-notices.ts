/**
 * `<tb-notices>`: the user's in-app notices, newest first, unread ones marked; each links to its
 * case. Opening the page marks them read (the shell's count then drops); a notice arriving while
 * it is open joins the list live (PocketBase realtime).
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { RecordModel } from 'pocketbase';
import { errorMessage, pb } from '../../api/client.js';
import { listNotices, markNoticesRead, watchNotices } from '../../api/notices.js';
import { sharedStyles } from '../../components/sharedStyles.js';

export class TbNotices extends LitElement {
  static override styles = [sharedStyles, css`
    li.unread { border-left: 6px solid var(--tb-primary, #b3261e); }
    .badge { font-weight: 700; color: var(--tb-primary, #b3261e); }
    time { display: block; }
  `];

  static override properties = { notices: { state: true }, error: { state: true } };
  notices: RecordModel[] | undefined;
  error = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
    // A notice that arrives while the page is open joins the list at once (and is read, being shown);
    // after the page was hidden a while, what arrived meanwhile is read on its return (`resync`).
    this.stopWatching = watchNotices((e) => { if (e.action === 'create' || e.action === 'resync') this.load(); }).then((s) => s, () => undefined);
    void this.stopWatching.then(() => this.load());
  }

  override disconnectedCallback(): void {
    void this.stopWatching?.then((stop) => stop?.()).catch(() => undefined);
    this.stopWatching = undefined;
    super.disconnectedCallback();
  }

  private stopWatching: Promise<(() => Promise<void>) | undefined> | undefined;

  /** Reads the notices and marks the unread ones read (the shell's count then drops). */
  private load() {
    listNotices().then(
      (notices) => { this.notices = notices; void markNoticesRead(notices).catch(() => undefined); },
      (e) => { this.error = errorMessage(e); },
    );
  }

  /** Where a notice's case opens: an applicant's own application page, an officer's case page. */
  private caseLink(id: string): string {
    return pb.authStore.record?.role === 'applicant' ? `/apply/${id}` : `/cases/${id}`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('消息', { id: 'notices' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notices === undefined && !this.error ? html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>` : ''}
      ${this.notices?.length === 0 ? html`<p class="muted">${msg('暂无消息。', { id: 'noNotices' })}</p>` : ''}
      <ul class="cards">${(this.notices ?? []).map((n) => html`<li class=${n.read_at ? '' : 'unread'}>
        ${n.read_at ? '' : html`<span class="badge">${msg('未读', { id: 'unread' })}</span> `}${n.message}
        <time datetime=${n.created}>${new Date(n.created).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</time>
        ${n.application ? html`<a href=${this.caseLink(n.application)}>${msg('查看申请', { id: 'openCase' })}</a>` : ''}
      </li>`)}</ul>
    `;
  }
}
customElements.define('tb-notices', TbNotices);
