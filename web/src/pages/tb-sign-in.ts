/**
 * `<tb-sign-in>`: sign in with an account and password; demo accounts can be picked with one tap.
 */
import { LitElement, html } from 'lit';
import { errorMessage, signIn } from '../api/client.js';
import { sharedStyles } from '../components/sharedStyles.js';
import { t, type Lang } from '../components/i18n.js';

const demoAccounts: [string, string][] = [
  ['applicant-a1@demo.tongban', '申请人（杨庄村）'],
  ['applicant-b1@demo.tongban', '申请人（孙庄社区）'],
  ['village-a1@demo.tongban', '村委会（杨庄村）'],
  ['township-a@demo.tongban', '乡镇（曲塘镇）'],
  ['township-b@demo.tongban', '街道（孙庄街道）'],
  ['county@demo.tongban', '县民政局'],
  ['admin@demo.tongban', '管理员'],
];

export class TbSignIn extends LitElement {
  static override styles = sharedStyles;
  static override properties = { language: {}, error: { state: true }, busy: { state: true } };
  language: Lang = 'zh';
  error = '';
  busy = false;

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      await signIn(String(data.get('email')), String(data.get('password')));
      window.location.hash = '#/';
    } catch (err) {
      this.error = errorMessage(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=alert]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private pick(email: string) {
    const root = this.renderRoot;
    (root.querySelector('#email') as HTMLInputElement).value = email;
    (root.querySelector('#password') as HTMLInputElement).value = 'tongban-demo';
    (root.querySelector('button[type=submit]') as HTMLButtonElement).focus();
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t(this.language, 'signIn')}</h1>
      <form @submit=${this.submit}>
        <label for="email">${t(this.language, 'email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">${t(this.language, 'password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : ''}
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${t(this.language, 'signIn')}</button></p>
      </form>
      <section aria-labelledby="demo-title">
        <h2 id="demo-title">${t(this.language, 'demoAccounts')}</h2>
        <ul class="cards">
          ${demoAccounts.map(([email, label]) => html`<li><button type="button" @click=${() => this.pick(email)}>${label}</button> <span class="muted">${email}</span></li>`)}
        </ul>
      </section>
    `;
  }
}
customElements.define('tb-sign-in', TbSignIn);
