/**
 * `<tb-sign-in>`: sign in with an account and password; officers and administrators then enter the
 * one-time code mailed to them. Demo accounts can be picked with one tap.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage } from '../../api/client.js';
import { requestCode, signIn, signInWithCode } from '../../api/auth.js';
import { navigate } from '../../app/router.js';
import { sharedStyles } from '../../components/sharedStyles.js';

const demoAccounts: [string, string][] = [
  ['applicant-a1@demo.tongban', '申请人（杨庄村）'],
  ['applicant-b1@demo.tongban', '申请人（孙庄社区）'],
  ['village-a1@demo.tongban', '村委会（杨庄村）'],
  ['township-a@demo.tongban', '乡镇（曲塘镇）'],
  ['township-b@demo.tongban', '街道（孙庄街道）'],
  ['county@demo.tongban', '县民政局'],
  ['dpf@demo.tongban', '县残联'],
  ['registration@demo.tongban', '登记管理机关（县民政局）'],
  ['education@demo.tongban', '业务主管单位（县教育体育局）'],
  ['expert-1@demo.tongban', '评审专家'],
  ['org-volunteers@demo.tongban', '社会组织（县青年志愿者协会）'],
  ['admin@demo.tongban', '管理员'],
];

export class TbSignIn extends LitElement {
  static override styles = sharedStyles;
  static override properties = { error: { state: true }, busy: { state: true }, pending: { state: true }, notice: { state: true } };
  error = '';
  busy = false;
  notice = '';
  /** The sign-in waiting for its mailed code. */
  pending: { email: string; mfaId: string; otpId: string } | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

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
        navigate('/', { replace: true });
        return;
      }
      this.pending = { email, ...step.codeNeeded };
      this.notice = msg('验证码已发送到您的邮箱，5 分钟内有效。', { id: 'codeSent' });
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
      navigate('/', { replace: true });
    });
  }

  private resend() {
    const pending = this.pending;
    if (!pending) return;
    return this.run(async () => {
      this.pending = { ...pending, otpId: await requestCode(pending.email) };
      this.notice = msg('已重新发送验证码。', { id: 'codeResent' });
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
      <h1 tabindex="-1">${msg('输入验证码', { id: 'codeTitle' })}</h1>
      <p role="status">${this.notice}</p>
      <form @submit=${this.submitCode}>
        <label for="code">${msg('邮箱验证码', { id: 'code' })}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{4,10}" maxlength="10" required />
        ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : ''}
        <p>
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('确认登录', { id: 'confirm' })}</button>
          <button type="button" ?disabled=${this.busy} @click=${this.resend}>${msg('重新发送验证码', { id: 'resendCode' })}</button>
          <button type="button" @click=${this.startOver}>${msg('返回重新登录', { id: 'startOver' })}</button>
        </p>
      </form>
    `;
  }

  override render() {
    if (this.pending) return this.renderCodeStep();
    return html`
      <h1 tabindex="-1">${msg('登录', { id: 'signIn' })}</h1>
      <form @submit=${this.submit}>
        <label for="email">${msg('账号（邮箱）', { id: 'email' })}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">${msg('密码', { id: 'password' })}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : ''}
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${msg('登录', { id: 'signIn' })}</button></p>
      </form>
      <section aria-labelledby="demo-title">
        <h2 id="demo-title">${msg('演示账号（点击填入）', { id: 'demoAccounts' })}</h2>
        <ul class="cards">
          ${demoAccounts.map(([email, label]) => html`<li><button type="button" @click=${() => this.pick(email)}>${label}</button> <span class="muted">${email}</span></li>`)}
        </ul>
      </section>
    `;
  }
}
customElements.define('tb-sign-in', TbSignIn);
