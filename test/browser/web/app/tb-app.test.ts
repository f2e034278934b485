import '../../../../web/src/app/tb-app.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';

function mount(): HTMLElement {
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<tb-app></tb-app>';
  return document.querySelector('tb-app')!;
}

function signInOf(app: HTMLElement): HTMLElement {
  return app.shadowRoot!.querySelector('tb-sign-in')!;
}

describe('tb-app signed out', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.classList.remove('elder');
  });

  it('shows the sign-in page in Chinese with labelled fields', async () => {
    const app = mount();
    await settled(app);
    const page = signInOf(app);
    await settled(page);
    const root = page.shadowRoot!;
    assertEqual(root.querySelector('h1')!.textContent, '登录');
    assertEqual(root.querySelector('label[for=email]')!.textContent, '账号（邮箱）');
    assert(root.querySelector('#email'), 'email input is there');
  });

  it('fills in a demo account with one tap and moves focus to the sign-in button', async () => {
    const app = mount();
    await settled(app);
    const page = signInOf(app);
    await settled(page);
    const root = page.shadowRoot!;
    const pick = [...root.querySelectorAll<HTMLButtonElement>('ul button')].find((b) => b.textContent === '县民政局')!;
    pick.click();
    assertEqual((root.querySelector('#email') as HTMLInputElement).value, 'county@demo.tongban');
    assertEqual((root.querySelector('#password') as HTMLInputElement).value, 'tongban-demo');
    assertEqual(root.activeElement?.textContent, '登录');
  });

  it('has no axe violations (WCAG 2.2 AA rules)', async () => {
    const app = mount();
    await settled(app);
    await settled(signInOf(app));
    const violations = await axeViolations(document.body);
    assertEqual(violations, []);
  });

  it('gives large text and 60 px targets in 长辈模式, remembered across visits', async () => {
    const app = mount();
    await settled(app);
    const toggle = [...app.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === '长辈模式')!;
    toggle.click();
    await settled(app);
    assertEqual(toggle.getAttribute('aria-pressed'), 'true');
    assertEqual(localStorage.getItem('tb-elder'), '1');
    const page = signInOf(app);
    await settled(page);
    const submit = page.shadowRoot!.querySelector('button[type=submit]')!;
    assert(submit.getBoundingClientRect().height >= 60, `target is ${submit.getBoundingClientRect().height}px high`);
    assert(parseFloat(getComputedStyle(page.shadowRoot!.querySelector('label')!).fontSize) >= 18, 'label text is at least 18px');
  });

  it('asks staff for the mailed code in Chinese, with a labelled one-time-code field, and no axe violations', async () => {
    const app = mount();
    await settled(app);
    const page = signInOf(app) as HTMLElement & { pending: unknown; notice: string };
    await settled(page);
    page.notice = '验证码已发送到您的邮箱，5 分钟内有效。';
    page.pending = { email: 'county@demo.tongban', mfaId: 'm', otpId: 'o' };
    await settled(page);
    const root = page.shadowRoot!;
    assertEqual(root.querySelector('h1')!.textContent, '输入验证码');
    assertEqual(root.querySelector('label[for=code]')!.textContent, '邮箱验证码');
    assertEqual(root.querySelector('#code')!.getAttribute('autocomplete'), 'one-time-code');
    assertEqual(root.querySelector('[role=status]')!.textContent, '验证码已发送到您的邮箱，5 分钟内有效。');
    assertEqual(await axeViolations(document.body), []);
  });

  it('switches to English', async () => {
    const app = mount();
    await settled(app);
    [...app.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'English')!.click();
    await settled(app);
    const page = signInOf(app);
    await settled(page);
    assertEqual(page.shadowRoot!.querySelector('h1')!.textContent, 'Sign in');
  });
});
