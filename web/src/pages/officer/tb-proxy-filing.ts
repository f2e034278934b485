/**
 * `<tb-proxy-filing>`: 代办 — a village officer files an application for a resident of their village
 * who has no account. They choose the service, enter the resident (name and 身份证 number: the
 * subject the case is about), and the case opens with the officer recorded as who filed it; the
 * form opens next (`/apply/<id>`), where they fill it in, save drafts and submit for the resident.
 */
import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage, fieldProblems } from '../../api/client.js';
import { fileForResident, listProxyServices, type ProxyService } from '../../api/proxyFiling.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { navigate } from '../../app/router.js';
import './tb-officer-nav.js';

export class TbProxyFiling extends LitElement {
  static override styles = [sharedStyles, css`
    fieldset { border: 1px solid var(--tb-border, #767676); border-radius: 8px; margin: 0 0 1rem; }
    label.choice { display: flex; align-items: center; gap: 0.5rem; min-height: var(--tb-target, 48px); font-weight: 400; margin: 0; }
    label.choice input { width: 1.5rem; height: 1.5rem; min-height: 0; flex: none; }
    .field-error { color: #a00; margin: 0.25rem 0 0; }
  `];

  static override properties = { services: { state: true }, error: { state: true }, problems: { state: true }, busy: { state: true } };
  services: ProxyService[] | undefined;
  error = '';
  /** Problems at the resident's fields, by field (`name`, `idNumber`). */
  problems: Record<string, string> = {};
  busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listProxyServices().then((s) => { this.services = s; }, (e: unknown) => { this.services = []; this.error = errorMessage(e); });
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    const values = new FormData(e.currentTarget as HTMLFormElement);
    const service = this.services?.find((s) => s.key === values.get('service'));
    const name = String(values.get('name') ?? '').trim();
    const idNumber = String(values.get('idNumber') ?? '').trim().toUpperCase();
    const problems: Record<string, string> = {};
    if (!service) problems.service = msg('请选择办理的事项。', { id: 'proxyChooseService' });
    if (!name) problems.name = msg('请填写居民姓名。', { id: 'proxyNameRequired' });
    if (!/^\d{17}[\dX]$/.test(idNumber)) problems.idNumber = msg('请填写18位公民身份号码。', { id: 'proxyIdRequired' });
    this.problems = problems;
    this.error = '';
    if (Object.keys(problems).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
    try {
      const opened = await fileForResident(service!, { name, idNumber });
      navigate(`/apply/${opened.case.id}`);
    } catch (err) {
      // A refused ID number comes back at its field in the form data.
      const atId = fieldProblems(err).find((p) => p.path === service!.idNumberPointer);
      if (atId) this.problems = { idNumber: atId.message };
      this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }

  private invalid(field: string) {
    return this.problems[field] ? 'true' : 'false';
  }

  private problem(field: string) {
    return this.problems[field] ? html`<p class="field-error" id="p-${field}">${this.problems[field]}</p>` : '';
  }

  override render() {
    return html`
      <tb-officer-nav current="/work/file"></tb-officer-nav>
      <h1 tabindex="-1">${msg('代办申请', { id: 'proxyFilingNav' })}</h1>
      <p>${msg('为本村（居）没有账号的居民代为申请：选择事项，填写居民的姓名和身份证号码，再填写申请表并提交。案件会记录由您代办。', { id: 'proxyHelp' })}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.services === undefined ? html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>` : html`
        <form novalidate @submit=${this.onSubmit}>
          <fieldset aria-describedby=${this.problems.service ? 'p-service' : nothing}>
            <legend>${msg('1. 选择事项', { id: 'proxyStepService' })}</legend>
            ${this.services.length === 0 ? html`<p class="muted">${msg('没有可以代办的事项。', { id: 'proxyNoServices' })}</p>` : this.services.map((s, i) => html`<label class="choice"><input type="radio" name="service" value=${s.key} ?checked=${i === 0 && this.services!.length === 1} /> ${s.name}</label>`)}
            ${this.problem('service')}
          </fieldset>
          <fieldset>
            <legend>${msg('2. 居民信息', { id: 'proxyStepResident' })}</legend>
            <label for="p-name-input">${msg('姓名', { id: 'noticeName' })}</label>
            <input id="p-name-input" name="name" autocomplete="off" aria-invalid=${this.invalid('name')} aria-describedby=${this.problems.name ? 'p-name' : nothing} />
            ${this.problem('name')}
            <label for="p-id-input">${msg('公民身份号码', { id: 'proxyIdNumber' })}</label>
            <input id="p-id-input" name="idNumber" autocomplete="off" inputmode="text" maxlength="18" aria-invalid=${this.invalid('idNumber')} aria-describedby=${this.problems.idNumber ? 'p-idNumber' : nothing} />
            ${this.problem('idNumber')}
          </fieldset>
          <p><button class="primary" type="submit" ?disabled=${this.busy}>${msg('3. 下一步：填写申请表', { id: 'proxyNext' })}</button></p>
        </form>`}
    `;
  }
}
customElements.define('tb-proxy-filing', TbProxyFiling);
