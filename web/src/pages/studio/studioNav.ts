/**
 * The studio's navigation between its pages, shown at the top of each (the current page marked
 * with `aria-current`).
 */
import { html, css, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** The studio's pages, in the order the navigation lists them. */
export function studioPages(): { path: string; label: string }[] {
  return [
    { path: '/studio/people', label: msg('人员', { id: 'studioPeople' }) },
    { path: '/studio/org', label: msg('组织机构', { id: 'studioOrg' }) },
    { path: '/studio/relatives', label: msg('近亲属备案', { id: 'studioRelatives' }) },
    { path: '/studio/dashboard', label: msg('数据看板', { id: 'studioDashboard' }) },
    { path: '/studio/calendar', label: msg('日历与周期计划', { id: 'studioCalendar' }) },
    { path: '/studio/processes', label: msg('流程设计', { id: 'studioProcesses' }) },
    { path: '/studio/bulk', label: msg('批量发起', { id: 'studioBulk' }) },
    { path: '/studio/subjects/import', label: msg('对象导入', { id: 'studioRegisterImport' }) },
  ];
}

/** The navigation, marking `current`. */
export function studioNav(current: string): TemplateResult {
  return html`<nav class="studio-nav" aria-label=${msg('管理工作台', { id: 'studio' })}>
    ${studioPages().map((p) => html`<a href=${p.path} aria-current=${p.path === current ? 'page' : 'false'}>${p.label}</a>`)}
  </nav>`;
}

/** The navigation's styles, for the pages that show it. */
export const studioNavStyles = css`
  .studio-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0 0 1rem; border-bottom: 1px solid var(--tb-border, #c4c4c4); }
  .studio-nav a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 0.5rem; text-decoration: none; }
  .studio-nav a[aria-current='page'] { font-weight: 700; border-bottom: 4px solid var(--tb-primary, #b3261e); color: var(--tb-text, #1f1f1f); }
`;
