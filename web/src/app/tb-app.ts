/**
 * `<tb-app>`: the shell — header with 长辈模式 and language switches, the session (provided to
 * every page as a context), and the page the route table gives for the address. Moves focus to
 * the page heading on every navigation so screen readers announce it.
 */
import { LitElement, css, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { pb } from '../api/client.js';
import { keepSessionAlive, signOut } from '../api/auth.js';
import { noticesReadEvent, unreadNoticeCount, watchNotices } from '../api/notices.js';
import { sharedStyles } from '../components/sharedStyles.js';
import { currentLocale, restoreLocale, switchLocale } from '../i18n/localization.js';
import { sessionContext, sessionOf } from '../session/session.js';
import { interceptLinks, navigate, navigatedEvent, resolvePage, type ResolvedPage } from './router.js';
import '../pages/shared/tb-sign-in.js';
import '../pages/shared/tb-not-found.js';
import '../pages/applicant/tb-my-cases.js';
import '../pages/applicant/tb-services.js';
import '../pages/applicant/tb-apply.js';
import '../pages/shared/tb-notices.js';
import '../pages/officer/tb-work-queue.js';
import type { QueueTab } from '../api/queues.js';
import '../pages/case/tb-case.js';
import '../pages/studio/tb-studio-people.js';
import '../pages/studio/tb-studio-org.js';
import '../pages/studio/tb-studio-relatives.js';
import '../pages/officer/tb-proxy-filing.js';
import '../pages/officer/tb-public-notices.js';
import '../pages/studio/tb-studio-dashboard.js';
import '../pages/studio/tb-studio-calendar.js';
import '../pages/studio/tb-studio-processes.js';
import '../pages/studio/tb-studio-process-designer.js';
import '../pages/studio/tb-studio-form-designer.js';
import '../pages/studio/tb-studio-simulation.js';
import '../pages/studio/tb-studio-documents.js';
import '../pages/studio/tb-studio-bulk.js';
import '../pages/studio/tb-studio-bulk-run.js';
import '../pages/studio/tb-studio-register-import.js';
import type { RegisterKind } from '../pages/studio/tb-studio-register-import.js';

/** The page-wide design tokens: sizes grow in 长辈模式 (class `elder` on the root element). */
const designTokens = `
  :root { --tb-font-size: 16px; --tb-target: 48px; --tb-primary: #b3261e; --tb-text: #1f1f1f; --tb-muted: #595959; --tb-border: #767676; --tb-bg: #fafafa; }
  :root.elder { --tb-font-size: 20px; --tb-target: 60px; }
  html { font-size: var(--tb-font-size); }
  body { margin: 0; font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--tb-text); background: var(--tb-bg); line-height: 1.5; }
`;

function installDesignTokens(): void {
  if (document.getElementById('tb-design-tokens')) return;
  const style = document.createElement('style');
  style.id = 'tb-design-tokens';
  style.textContent = designTokens;
  document.head.append(style);
}

export class TbApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      header { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; padding: 0.5rem 1rem; background: var(--tb-primary, #b3261e); color: #fff; }
      header strong { font-size: 1.25rem; }
      header .tools { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
      header a.notices, header a.tool { color: #fff; display: inline-flex; align-items: center; gap: 0.25rem; min-height: var(--tb-target, 48px); padding: 0 0.5rem; font-weight: 600; }
      header a.notices:focus-visible, header a.tool:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      header .count { background: #fff; color: var(--tb-primary, #b3261e); border-radius: 999px; padding: 0 0.5rem; font-weight: 700; }
      main { max-width: 960px; margin: 0 auto; padding: 1rem; }
      @media print { header { display: none; } main { max-width: none; padding: 0; } }
    `,
  ];

  static override properties = { page: { state: true }, elder: { state: true }, unread: { state: true } };
  /** How many of the user's notices are unread (shown on the 消息 link). */
  unread = 0;
  page: ResolvedPage = { page: 'sign-in', path: '/sign-in' };
  elder = localStorage.getItem('tb-elder') === '1';
  private readonly session = new ContextProvider(this, { context: sessionContext, initialValue: sessionOf(pb.authStore.record) });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    interceptLinks(this.renderRoot ?? this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    installDesignTokens();
    void restoreLocale();
    window.addEventListener('popstate', this.onRoute);
    window.addEventListener(navigatedEvent, this.onRoute);
    window.addEventListener(noticesReadEvent, this.countUnread);
    this.unsubscribe = pb.authStore.onChange(() => {
      this.session.setValue(sessionOf(pb.authStore.isValid ? pb.authStore.record : null));
      this.route();
    });
    // An idle session ends with its token (30 minutes); activity keeps it alive up to its 12 hours.
    for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, this.onActivity, { passive: true });
    document.documentElement.classList.toggle('elder', this.elder);
    this.route();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onRoute);
    window.removeEventListener(navigatedEvent, this.onRoute);
    window.removeEventListener(noticesReadEvent, this.countUnread);
    this.unsubscribe?.();
    this.watchNoticesOf(null);
    for (const type of ['pointerdown', 'keydown']) window.removeEventListener(type, this.onActivity);
    super.disconnectedCallback();
  }

  private unsubscribe: (() => void) | undefined;

  private onActivity = () => void keepSessionAlive();

  /** Shows the page for the address; a redirect (signed out, another role's page) replaces the address. */
  private route() {
    const session = sessionOf(pb.authStore.isValid ? pb.authStore.record : null);
    const resolved = resolvePage(window.location.pathname, { session });
    if (resolved.path !== window.location.pathname) history.replaceState(null, '', resolved.path);
    this.page = resolved;
    this.countUnread();
    this.watchNoticesOf(session.user?.id ?? null);
  }

  /** Whose notices the realtime subscription follows (null: nobody's), and how to end it. */
  private noticesWatch: { user: string | null; stop: Promise<(() => Promise<void>) | undefined> } = { user: null, stop: Promise.resolve(undefined) };

  /**
   * Follows the signed-in user's notices live: a notice written for them (their case moved, a 补正
   * is asked) updates the count at once, without a reload. Renewed when the user changes.
   */
  private watchNoticesOf(user: string | null) {
    if (this.noticesWatch.user === user) return;
    const previous = this.noticesWatch.stop;
    void previous.then((stop) => stop?.()).catch(() => undefined);
    const stop = user ? watchNotices(() => this.countUnread()).then((s) => s, () => undefined) : Promise.resolve(undefined);
    this.noticesWatch = { user, stop };
    // The subscription holds from now on; a notice written before it was counted by the read above, one written in between by this one.
    if (user) void stop.then(() => this.countUnread());
  }

  /** Counts the unread notices again (on every navigation and when some were read). */
  private countUnread = () => {
    unreadNoticeCount().then((n) => { this.unread = n; }, () => { this.unread = 0; });
  };

  private onRoute = () => {
    this.route();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main > *')?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus());
  };

  private toggleElder() {
    this.elder = !this.elder;
    localStorage.setItem('tb-elder', this.elder ? '1' : '0');
    document.documentElement.classList.toggle('elder', this.elder);
  }

  private toggleLanguage() {
    void switchLocale(currentLocale() === 'en' ? 'zh-CN' : 'en');
  }

  private renderPage() {
    switch (this.page.page) {
      case 'sign-in': return html`<tb-sign-in></tb-sign-in>`;
      case 'my-cases': return html`<tb-my-cases></tb-my-cases>`;
      case 'services': return html`<tb-services></tb-services>`;
      case 'apply': return html`<tb-apply .caseId=${this.page.params?.id ?? ''}></tb-apply>`;
      case 'notices': return html`<tb-notices></tb-notices>`;
      case 'work-queue': return html`<tb-work-queue .tab=${(this.page.params?.tab ?? 'tasks') as QueueTab}></tb-work-queue>`;
      case 'case': return html`<tb-case .caseId=${this.page.params?.id ?? ''}></tb-case>`;
      case 'studio-people': return html`<tb-studio-people></tb-studio-people>`;
      case 'studio-org': return html`<tb-studio-org></tb-studio-org>`;
      case 'studio-relatives': return html`<tb-studio-relatives></tb-studio-relatives>`;
      case 'proxy-filing': return html`<tb-proxy-filing></tb-proxy-filing>`;
      case 'public-notices': return html`<tb-public-notices></tb-public-notices>`;
      case 'studio-dashboard': return html`<tb-studio-dashboard></tb-studio-dashboard>`;
      case 'studio-calendar': return html`<tb-studio-calendar></tb-studio-calendar>`;
      case 'studio-processes': return html`<tb-studio-processes></tb-studio-processes>`;
      case 'studio-process-designer': return html`<tb-studio-process-designer .processKey=${this.page.params?.key ?? ''} .version=${this.page.params?.version ?? ''}></tb-studio-process-designer>`;
      case 'studio-form-designer': return html`<tb-studio-form-designer .key=${this.page.params?.key ?? ''} .version=${this.page.params?.version ?? ''}></tb-studio-form-designer>`;
      case 'studio-simulation': return html`<tb-studio-simulation .processKey=${this.page.params?.key ?? ''} .version=${this.page.params?.version ?? ''}></tb-studio-simulation>`;
      case 'studio-documents': return html`<tb-studio-documents .processKey=${this.page.params?.key ?? ''} .version=${this.page.params?.version ?? ''}></tb-studio-documents>`;
      case 'studio-bulk': return html`<tb-studio-bulk></tb-studio-bulk>`;
      case 'studio-bulk-run': return html`<tb-studio-bulk-run .runId=${this.page.params?.run ?? ''}></tb-studio-bulk-run>`;
      case 'studio-register-import': return html`<tb-studio-register-import .kind=${(this.page.params?.kind ?? 'subjects') as RegisterKind}></tb-studio-register-import>`;
      default: return html`<tb-not-found></tb-not-found>`;
    }
  }

  override render() {
    const signedIn = pb.authStore.isValid;
    const english = currentLocale() === 'en';
    return html`
      <header>
        <strong>${msg('通办 · 民政审批', { id: 'appName' })}</strong>
        <div class="tools">
          <button aria-pressed=${this.elder ? 'true' : 'false'} @click=${this.toggleElder}>${msg('长辈模式', { id: 'elderMode' })}</button>
          <button @click=${this.toggleLanguage} lang=${english ? 'zh-CN' : 'en'}>${english ? '中文' : 'English'}</button>
          ${pb.authStore.record?.role === 'admin' ? html`<a class="tool" href="/studio">${msg('管理工作台', { id: 'studio' })}</a>` : ''}
          ${signedIn ? html`<a class="notices" href="/notices">${msg('消息', { id: 'notices' })}${this.unread ? html` <span class="count">${this.unread}<span class="visually-hidden"> ${msg('条未读', { id: 'unreadCount' })}</span></span>` : ''}</a>` : ''}
          ${signedIn ? html`<button @click=${() => { signOut(); navigate('/sign-in', { replace: true }); }}>${msg('退出登录', { id: 'signOut' })}</button>` : ''}
        </div>
      </header>
      <main>${this.renderPage()}</main>
    `;
  }
}
customElements.define('tb-app', TbApp);
