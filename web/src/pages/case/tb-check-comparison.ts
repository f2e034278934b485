/**
 * `<tb-check-comparison>`: the findings of the case's 信息核对 reports beside what the household
 * declared — one compact table per report (the step's `check.reportTo` in the case summary), a row
 * per figure the report gives (income by category, deposits, vehicles, real estate, companies), the
 * rows that differ marked. The declared side is read from the shared form parts (`/income`, `/assets`).
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { CaseSummary } from '../../api/cases.js';
import { sharedStyles } from '../../components/sharedStyles.js';

/** One compared figure: its words, the declared value and the value found. */
interface ComparedRow {
  label: string;
  declared: unknown;
  found: unknown;
}

/** Reads a JSON pointer of `data` (own properties only). */
function at(data: unknown, pointer: string): unknown {
  let value: unknown = data;
  for (const key of pointer.replace(/^\//, '').split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const shown = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join('、') : '—') : String(v));
const differs = (row: ComparedRow): boolean => row.found !== undefined && shown(row.declared) !== shown(row.found) && !(row.declared === undefined && (row.found === 0 || (Array.isArray(row.found) && row.found.length === 0)));

/** The rows of one report against the declared data. */
export function comparedRows(data: Record<string, unknown>, report: Record<string, unknown>): ComparedRow[] {
  const income: [string, string][] = [
    ['wages', msg('工资性收入', { id: 'checkWages' })],
    ['business', msg('经营净收入', { id: 'checkBusiness' })],
    ['property', msg('财产净收入', { id: 'checkProperty' })],
    ['transfer', msg('转移净收入', { id: 'checkTransfer' })],
    ['other', msg('其他收入', { id: 'checkOther' })],
  ];
  const rows: ComparedRow[] = income.map(([k, label]) => ({ label: `${label}（${msg('元/月', { id: 'checkPerMonth' })}）`, declared: at(data, `/income/${k}`), found: at(report, `/income/${k}`) }));
  rows.push({ label: msg('存款及有价证券（元）', { id: 'checkDeposits' }), declared: at(data, '/assets/deposits'), found: report.deposits });
  rows.push({ label: msg('机动车辆（辆）', { id: 'checkVehicles' }), declared: at(data, '/assets/vehicles'), found: report.vehicles });
  rows.push({ label: msg('不动产（套）', { id: 'checkRealEstate' }), declared: at(data, '/assets/realEstate'), found: report.realEstate });
  const uscc = at(data, '/assets/businessUscc');
  const companies = Array.isArray(report.companies) ? report.companies.map((c) => String((c as { name?: string; uscc?: string }).name || (c as { uscc?: string }).uscc || '')) : undefined;
  rows.push({ label: msg('名下企业', { id: 'checkCompanies' }), declared: uscc ? [uscc] : undefined, found: companies });
  return rows.filter((r) => r.found !== undefined || r.declared !== undefined);
}

export class TbCheckComparison extends LitElement {
  static override styles = [sharedStyles, css`.differs { font-weight: bold; } table { border-collapse: collapse; } td, th { padding: 0.2rem 0.6rem; text-align: left; }`];
  static override properties = { summary: { attribute: false }, data: { attribute: false } };
  summary: CaseSummary | undefined;
  data: Record<string, unknown> = {};

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const reports = Object.values(this.summary?.checks ?? {})
      .map((c) => ({ state: c, report: c.reportTo ? at(this.data, c.reportTo) : undefined }))
      .filter((r): r is { state: (typeof r)['state']; report: Record<string, unknown> } => !!r.report && typeof r.report === 'object' && !Array.isArray(r.report));
    const pending = Object.values(this.summary?.checks ?? {}).filter((c) => c.status === 'requested' || c.status === 'failed');
    if (reports.length === 0 && pending.length === 0) return html``;
    return html`<section aria-labelledby="check-title">
      <h2 id="check-title">${msg('信息核对：申报与核对结果对照', { id: 'checkTitle' })}</h2>
      ${pending.map((c) => html`<p class="muted">${c.status === 'failed' ? `${msg('核对系统未能答复，请手工录入核对结果', { id: 'checkFailed' })}${c.error ? `（${c.error}）` : ''}` : msg('已向核对系统发出请求，等待核对报告。', { id: 'checkWaiting' })}</p>`)}
      ${reports.map(({ report }) => {
        const rows = comparedRows(this.data, report);
        return html`<p class="muted">${msg('核对报告', { id: 'checkReport' })} ${shown(report.reportNo)} · ${shown(report.agency)} · ${shown(report.reportedAt)}</p>
          <table>
            <thead><tr><th scope="col">${msg('项目', { id: 'checkItem' })}</th><th scope="col">${msg('申报', { id: 'checkDeclared' })}</th><th scope="col">${msg('核对', { id: 'checkFound' })}</th><th scope="col"></th></tr></thead>
            <tbody>${rows.map((r) => html`<tr class=${differs(r) ? 'differs' : ''}><th scope="row">${r.label}</th><td>${shown(r.declared)}</td><td>${shown(r.found)}</td><td>${differs(r) ? msg('不一致', { id: 'checkDiffers' }) : ''}</td></tr>`)}</tbody>
          </table>`;
      })}
    </section>`;
  }
}

customElements.define('tb-check-comparison', TbCheckComparison);
