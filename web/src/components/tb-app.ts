/**
 * `<tb-app>`: the shell — header with 长辈模式 and language switches, and the page for the
 * current route (`#/` home, `#/case/<id>`, or sign-in when signed out). Moves focus to the page
 * heading on every route change so screen readers announce it.
 */
import { LitElement, css, html } from 'lit';
import { keepSessionAlive, pb, signOut } from '../api/client.js';
import { sharedStyles } from './sharedStyles.js';
import { t, type Lang } from './i18n.js';
import '../pages/tb-sign-in.js';
import '../pages/tb-home.js';
import '../pages/tb-case.js';

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
      header .tools { display: flex; gap: 0.5rem; flex-wrap: wrap; }
      main { max-width: 960px; margin: 0 auto; padding: 1rem; }
    `,
  ];

  static override properties = { route: { state: true }, elder: { state: true }, language: { state: true } };
  route = window.location.hash;
  elder = localStorage.getItem('tb-elder') === '1';
  language: Lang = (localStorage.getItem('tb-lang') as Lang) ?? 'zh';

  override connectedCallback(): void {
    super.connectedCallback();
    installDesignTokens();
    window.addEventListener('hashchange', this.onRoute);
    pb.authStore.onChange(() => this.requestUpdate());
    // An idle session ends with its token (30 minutes); activity keeps it alive up to its 12 hours.
    for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, this.onActivity, { passive: true });
    document.documentElement.classList.toggle('elder', this.elder);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onRoute);
    for (const type of ['pointerdown', 'keydown']) window.removeEventListener(type, this.onActivity);
    super.disconnectedCallback();
  }

  private onActivity = () => void keepSessionAlive();

  private onRoute = () => {
    this.route = window.location.hash;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main > *')?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus());
  };

  private toggleElder() {
    this.elder = !this.elder;
    localStorage.setItem('tb-elder', this.elder ? '1' : '0');
    document.documentElement.classList.toggle('elder', this.elder);
  }

  private toggleLang() {
    this.language = this.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem('tb-lang', this.language);
    document.documentElement.lang = this.language === 'zh' ? 'zh-CN' : 'en';
  }

  override render() {
    const signedIn = pb.authStore.isValid;
    const caseMatch = /^#\/case\/([a-z0-9]+)$/.exec(this.route);
    const page = !signedIn
      ? html`<tb-sign-in .language=${this.language}></tb-sign-in>`
      : caseMatch
        ? html`<tb-case .language=${this.language} .caseId=${caseMatch[1]}></tb-case>`
        : html`<tb-home .language=${this.language}></tb-home>`;
    return html`
      <header>
        <strong>${t(this.language, 'appName')}</strong>
        <div class="tools">
          <button aria-pressed=${this.elder ? 'true' : 'false'} @click=${this.toggleElder}>${t(this.language, 'elderMode')}</button>
          <button @click=${this.toggleLang} lang=${this.language === 'zh' ? 'en' : 'zh-CN'}>${this.language === 'zh' ? 'English' : '中文'}</button>
          ${signedIn ? html`<button @click=${() => { signOut(); window.location.hash = '#/'; }}>${t(this.language, 'signOut')}</button>` : ''}
        </div>
      </header>
      <main>${page}</main>
    `;
  }
}
customElements.define('tb-app', TbApp);
