/**
 * `<tb-services>`: the service list (事项) — every process a resident may apply for, each with its
 * 一次性告知 (who may apply, conditions, materials, statutory time limit, where to ask) to read
 * before starting, and a button that starts the application and opens it.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { errorMessage } from '../../api/client.js';
import { listServices, startApplication, type Service } from '../../api/services.js';
import { navigate } from '../../app/router.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { currentLocale } from '../../i18n/localization.js';

/** The English twin of a guide field when the app is in English and the definition has one. */
function inLocale<T>(zh: T | undefined, en: T | undefined): T | undefined {
  return currentLocale() === 'en' && en !== undefined ? en : zh;
}

export class TbServices extends LitElement {
  static override styles = [sharedStyles, css`
    article { background: #fff; border: 1px solid var(--tb-border, #767676); border-radius: 8px; padding: 0.5rem 1rem 1rem; margin-bottom: 1rem; }
    dt { font-weight: 700; margin-top: 0.75rem; }
    dd { margin: 0.25rem 0 0; }
    dd ul { margin: 0; padding-left: 1.25rem; }
    button.primary { width: 100%; margin-top: 1rem; }
  `];

  static override properties = { services: { state: true }, error: { state: true }, starting: { state: true } };
  services: Service[] | undefined;
  error = '';
  starting = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listServices().then((s) => { this.services = s; }, (e) => { this.error = errorMessage(e); });
  }

  private async start(service: Service) {
    this.error = '';
    this.starting = service.key;
    try {
      const answer = await startApplication(service.key);
      navigate(`/apply/${answer.case.id}`);
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.starting = '';
    }
  }

  private renderGuide(s: Service) {
    const g = s.guide ?? {};
    const list = (items: string[] | undefined) => html`<ul>${(items ?? []).map((i) => html`<li>${i}</li>`)}</ul>`;
    const row = (title: string, body: unknown) => html`<dt>${title}</dt><dd>${body}</dd>`;
    const whoMayApply = inLocale(g.whoMayApply, g.whoMayApplyEn);
    const conditions = inLocale(g.conditions, g.conditionsEn);
    const materials = inLocale(g.materials, g.materialsEn);
    const timeLimit = inLocale(g.timeLimit, g.timeLimitEn) ?? (s.limit && 'workingDays' in s.limit && typeof s.limit.workingDays === 'number' ? `${s.limit.workingDays} ${msg('个工作日', { id: 'workingDaysUnit' })}` : undefined);
    const whereToAsk = inLocale(g.whereToAsk, g.whereToAskEn);
    return html`<dl>
      ${whoMayApply ? row(msg('谁可以申请', { id: 'guideWho' }), whoMayApply) : ''}
      ${conditions ? row(msg('申请条件', { id: 'guideConditions' }), list(conditions)) : ''}
      ${materials ? row(msg('所需材料', { id: 'guideMaterials' }), list(materials)) : ''}
      ${timeLimit ? row(msg('法定办理时限', { id: 'guideTimeLimit' }), timeLimit) : ''}
      ${whereToAsk ? row(msg('咨询方式', { id: 'guideWhereToAsk' }), whereToAsk) : ''}
      ${s.legalBasis ? row(msg('办理依据', { id: 'guideLegalBasis' }), s.legalBasis) : ''}
    </dl>`;
  }

  override render() {
    return html`
      <p><a href="/my/cases">${msg('返回我的申请', { id: 'backToMyCases' })}</a></p>
      <h1 tabindex="-1">${msg('办理事项', { id: 'services' })}</h1>
      <p class="muted">${msg('请先阅读一次性告知，再开始申请。填写的内容会保存在服务器上，可以随时回来继续。', { id: 'servicesHelp' })}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.services === undefined && !this.error ? html`<p class="muted" aria-live="polite">${msg('正在加载…', { id: 'loading' })}</p>` : ''}
      ${this.services?.length === 0 ? html`<p class="muted">${msg('暂无可以申请的事项。', { id: 'noServices' })}</p>` : ''}
      ${(this.services ?? []).map((s) => html`<article aria-labelledby="service-${s.key}">
        <h2 id="service-${s.key}">${inLocale(s.name, s.nameEn)}</h2>
        ${s.guide?.summary ? html`<p>${inLocale(s.guide.summary, s.guide.summaryEn)}</p>` : ''}
        <h3>${msg('一次性告知', { id: 'guideTitle' })}</h3>
        ${this.renderGuide(s)}
        <button class="primary" ?disabled=${this.starting !== ''} @click=${() => this.start(s)}>${msg('开始申请', { id: 'startApplication' })}：${inLocale(s.name, s.nameEn)}</button>
      </article>`)}
    `;
  }
}
customElements.define('tb-services', TbServices);
