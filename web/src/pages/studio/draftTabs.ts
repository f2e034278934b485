/**
 * The tabs of one version in the studio's process designer — 流程, 表单, 文书 (its document templates),
 * 模拟 (walk it before publishing) — and the A4 sheet a rendered document is shown on.
 */
import { css, html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import './tb-a4-frame.js';

/** Which tab of a version a page is. */
export type DraftTab = 'process' | 'form' | 'documents' | 'simulate';

/** The address of a version's tab. */
export function draftTabPath(key: string, version: string, tab: DraftTab): string {
  const base = `/studio/processes/${encodeURIComponent(key)}/${encodeURIComponent(version)}`;
  return tab === 'process' ? base : `${base}/${tab}`;
}

/** The tabs as links (as the process designer shows them), the current one marked with `aria-current`. */
export function draftTabs(key: string, version: string, current: DraftTab): TemplateResult {
  const tabs: [DraftTab, string][] = [
    ['process', msg('流程', { id: 'designerTabProcess' })],
    ['form', msg('表单', { id: 'designerTabForm' })],
    ['documents', msg('文书', { id: 'designerTabDocuments' })],
    ['simulate', msg('模拟', { id: 'designerTabSimulate' })],
  ];
  return html`<nav class="draft-tabs" aria-label=${msg('设计内容', { id: 'designerTabs' })}>
    ${tabs.map(([tab, label]) => html`<a href=${draftTabPath(key, version, tab)} aria-current=${tab === current ? 'page' : 'false'}>${label}</a>`)}
  </nav>`;
}

/** A rendered document on its A4 sheet, scaled to the width available, in a sandboxed frame (tb-a4-frame.ts). */
export function a4Frame(documentHtml: string, title: string): TemplateResult {
  return html`<tb-a4-frame .documentHtml=${documentHtml} .label=${title}></tb-a4-frame>`;
}

/** Whether a failed read of a draft says the version is no draft (published or retired: 409 `not_a_draft`) or does not exist (404). */
export function isNoDraft(e: unknown): boolean {
  const failure = e as { status?: number; response?: { code?: string } };
  return failure.status === 404 || (failure.status === 409 && failure.response?.code === 'not_a_draft');
}

/** The styles of the tabs. */
export const draftTabStyles = css`
  .draft-tabs { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0 0 1rem; }
  .draft-tabs a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 0.75rem; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 6px; text-decoration: none; background: #fff; }
  .draft-tabs a[aria-current='page'] { font-weight: 700; border-color: var(--tb-primary, #b3261e); box-shadow: inset 0 -4px 0 var(--tb-primary, #b3261e); color: var(--tb-text, #1f1f1f); }
`;
