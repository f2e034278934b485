/**
 * `<tb-case-documents>`: the documents issued on a case (受理通知书, 公示, 决定书 …), each of which
 * can be opened and printed: the server renders each as a print-ready A4 page (its own print
 * stylesheet), stored on the document record and readable by whoever may read the case (the
 * applicant their own); the page opens that html in a window of its own and prints it from there.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaDay } from '../../components/formatDate.js';

/** A document as the record API answers it (the fields this list reads). */
export interface CaseDocumentRecord {
  id: string;
  title: string;
  kind?: string;
  number?: string;
  html?: string;
  created?: string;
}

/** Opens a document's print-ready html in a new window (same origin, from a blob); prints it there when asked. */
export function openDocument(doc: Pick<CaseDocumentRecord, 'html' | 'title'>, print: boolean): Window | null {
  const url = URL.createObjectURL(new Blob([doc.html ?? ''], { type: 'text/html;charset=utf-8' }));
  const win = window.open(url, '_blank');
  if (win && print) win.addEventListener('load', () => win.print(), { once: true });
  // The window has read the blob once it has loaded; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return win;
}

export class TbCaseDocuments extends LitElement {
  static override styles = [sharedStyles, css`
    .doc-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.5rem; }
  `];
  static override properties = { documents: { attribute: false } };
  documents: CaseDocumentRecord[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.documents.length === 0) return html`<p class="muted">${msg('尚未出具文书。', { id: 'noDocuments' })}</p>`;
    return html`<ul class="cards">${this.documents.map((d) => html`<li>
      <strong>${d.title}</strong>${d.number ? html` <span class="muted">${d.number}</span>` : ''}${d.created ? html` <span class="muted">${chinaDay(d.created)}</span>` : ''}
      <div class="doc-actions">
        <button ?disabled=${!d.html} aria-label=${`${msg('打开', { id: 'openDocument' })}：${d.title}`} @click=${() => openDocument(d, false)}>${msg('打开', { id: 'openDocument' })}</button>
        <button ?disabled=${!d.html} aria-label=${`${msg('打印', { id: 'printDocument' })}：${d.title}`} @click=${() => openDocument(d, true)}>${msg('打印', { id: 'printDocument' })}</button>
      </div>
    </li>`)}</ul>`;
  }
}
customElements.define('tb-case-documents', TbCaseDocuments);
