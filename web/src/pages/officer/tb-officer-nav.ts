/**
 * `<tb-officer-nav>`: the officer's other work beside the queues — 代办申请 (village officers file
 * for a resident without an account) and 公示名单 (officers of a village, township or county print a
 * village's 公示 list). Shows only what the officer's unit may use.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { ownUnit } from '../../api/officerLists.js';
import { sharedStyles } from '../../components/sharedStyles.js';

export class TbOfficerNav extends LitElement {
  static override styles = [sharedStyles, css`
    ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0 0 1rem; }
    a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 1rem; border: 1px solid var(--tb-border, #767676); border-radius: 6px; text-decoration: none; background: #fff; }
    a[aria-current='page'] { background: var(--tb-primary, #b3261e); color: #fff; border-color: var(--tb-primary, #b3261e); }
  `];

  static override properties = { current: {}, level: { state: true } };
  /** The path of the page showing the nav (marked as current). */
  current = '';
  level = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    ownUnit().then((u) => { this.level = u?.level ?? ''; }, () => { this.level = ''; });
  }

  override render() {
    const links: [string, string][] = [['/work/tasks', msg('我的工作', { id: 'myWork' })]];
    if (this.level === 'village') links.push(['/work/file', msg('代办申请', { id: 'proxyFilingNav' })]);
    if (['village', 'township', 'county'].includes(this.level)) links.push(['/work/public-notices', msg('公示名单', { id: 'publicNoticesNav' })]);
    return html`<nav aria-label=${msg('工作导航', { id: 'officerNav' })}><ul>${links.map(([href, label]) => html`<li><a href=${href} aria-current=${href === this.current ? 'page' : 'false'}>${label}</a></li>`)}</ul></nav>`;
  }
}
customElements.define('tb-officer-nav', TbOfficerNav);
