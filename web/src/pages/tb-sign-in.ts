/**
 * `<tb-sign-in>`: sign in with an account and password; officers and administrators then enter the
 * one-time code mailed to them. Demo accounts can be picked with one tap.
 */
import { LitElement, html } from 'lit';
import { errorMessage, requestCode, signIn, signInWithCode } from '../api/client.js';
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
  static override properties = { language: {}, error: { state: true }, busy: { state: true }, pending: { state: true }, notice: { state: true } };
  language: Lang = 'zh';
  error = '';
  busy = false;
  notice = '';
  /** The sign-in waiting for its mailed code. */
  pending: { email: string; mfaId: string; otpId: string } | null = null;

  private async run(step: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    try {
      await step();
    } catch (err) {
      this.error = errorMessage(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=alert]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const email = String(data.get('email'));
    return this.run(async () => {
      const step = await signIn(email, String(data.get('password')));
      if ('signedIn' in step) {
        window.location.hash = '#/';
        return;
      }
      this.pending = { email, ...step.codeNeeded };
      this.notice = t(this.language, 'codeSent');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#code')?.focus();
    });
  }

  private submitCode(e: Event) {
    e.preventDefault();
    const pending = this.pending;
    if (!pending) return;
    const code = String(new FormData(e.target as HTMLFormElement).get('code'));
    return this.run(async () => {
      await signInWithCode(pending, code);
      this.pending = null;
      window.location.hash = '#/';
    });
  }

  private resend() {
    const pending = this.pending;
    if (!pending) return;
    return this.run(async () => {
      this.pending = { ...pending, otpId: await requestCode(pending.email) };
      this.notice = t(this.language, 'codeResent');
    });
  }

  private startOver() {
    this.pending = null;
    this.error = '';
    this.notice = '';
  }

  private pick(email: string) {
    const root = this.renderRoot;
    (root.querySelector('#email') as HTMLInputElement).value = email;
    (root.querySelector('#password') as HTMLInputElement).value = 'tongban-demo';
    (root.querySelector('button[type=submit]') as HTMLButtonElement).focus();
  }

  private renderCodeStep() {
    return html`
      <h1 tabindex="-1">${t(this.language, 'codeTitle')}</h1>
      <p role="status">${this.notice}</p>
      <form @submit=${this.submitCode}>
        <label for="code">${t(this.language, 'code')}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{4,10}" maxlength="10" required />
        ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : ''}
        <p>
          <button class="primary" type="submit" ?disabled=${this.busy}>${t(this.language, 'confirm')}</button>
          <button type="button" ?disabled=${this.busy} @click=${this.resend}>${t(this.language, 'resendCode')}</button>
          <button type="button" @click=${this.startOver}>${t(this.language, 'startOver')}</button>
        </p>
      </form>
    `;
  }

  override render() {
    if (this.pending) return this.renderCodeStep();
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
