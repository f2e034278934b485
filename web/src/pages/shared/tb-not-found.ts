/**
 * `<tb-not-found>`: an address the app does not know — said plainly, with the way home.
 */
import { LitElement, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { sharedStyles } from '../../components/sharedStyles.js';

export class TbNotFound extends LitElement {
  static override styles = sharedStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('找不到此页面', { id: 'notFoundTitle' })}</h1>
      <p>${msg('没有这个页面，可能已经移动，或链接有误。', { id: 'notFoundText' })}</p>
      <p><a href="/">${msg('返回首页', { id: 'home' })}</a></p>
    `;
  }
}
customElements.define('tb-not-found', TbNotFound);
