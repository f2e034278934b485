/**
 * `<tb-diff>`: what changed between two submitted versions of a case's data (an applicant's 补正,
 * a revised investigation), as a table of 字段 / 修改前 / 修改后 — text with `<del>` and `<ins>`, so
 * it prints and reads well. Masked values are compared as the viewer sees them.
 *
 * ```html
 * <tb-diff .schema=${schema} .previous=${v1} .current=${v2}></tb-diff>
 * ```
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { diffFormData, schemaAtPath, type DataChange, type FieldSchema, type FormSchema } from '../../core/index.js';
import { fieldStyles } from '../chrome/fieldStyles.js';
import { formatValue } from '../chrome/formatValue.js';
import { text, type FormLanguage } from '../chrome/strings.js';

/** The diff view. */
export class TbDiff extends LitElement {
  static override properties = {
    schema: { attribute: false },
    previous: { attribute: false },
    current: { attribute: false },
    language: { type: String, reflect: true, attribute: 'lang' },
    caption: { type: String },
  };

  static override styles = [
    fieldStyles,
    css`
      table { border-collapse: collapse; width: 100%; }
      caption { text-align: start; font-weight: 700; padding-bottom: 0.5em; }
      th, td { border: 1px solid var(--tb-border-light, #d0d7de); padding: 0.4em 0.6em; text-align: start; vertical-align: top; }
      thead th { background: var(--tb-subtle, #f6f8fa); }
      del { background: #ffebe9; color: #82071e; }
      ins { background: #dafbe1; color: #0f5323; text-decoration: none; }
      .kind { font-size: 0.85em; color: var(--tb-muted, #57606a); }
    `,
  ];

  declare schema: FormSchema;
  /** The earlier version. */
  declare previous: unknown;
  /** The later version. */
  declare current: unknown;
  declare language: FormLanguage;
  declare caption: string;

  constructor() {
    super();
    this.schema = {};
    this.language = 'zh-CN';
    this.caption = '';
  }

  /** The differences shown. */
  get changes(): DataChange[] {
    return diffFormData(this.schema, this.previous ?? {}, this.current ?? {});
  }

  /**
   * A value as text. A whole added or removed row is spelt out field by field with the titles the
   * root schema gives (its fields may be `$ref`s, which the row's own schema does not resolve).
   */
  private format(value: unknown, schema: FieldSchema | undefined, path: string): string {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || schema?.dateRange === true) return formatValue(value, schema, this.language);
    const o = value as Record<string, unknown>;
    if ('start' in o && 'end' in o && Object.keys(o).length === 2) return formatValue(value, schema, this.language);
    return Object.entries(o)
      .map(([k, v]) => {
        const childPath = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const child = schemaAtPath(this.schema, childPath);
        return `${child?.title ?? k}：${this.format(v, child, childPath)}`;
      })
      .join('；');
  }

  protected override render(): TemplateResult {
    const changes = this.changes;
    const t = (k: Parameters<typeof text>[1]) => text(this.language, k);
    if (changes.length === 0) return html`<p class="text">${t('noChanges')}</p>`;
    return html`<table>
      ${this.caption ? html`<caption>${this.caption}</caption>` : ''}
      <thead><tr><th scope="col">${t('field')}</th><th scope="col">${t('before')}</th><th scope="col">${t('after')}</th></tr></thead>
      <tbody>
        ${changes.map(
          (c) => html`<tr data-path=${c.path}>
            <th scope="row">${c.labels.join(' › ')} <span class="kind">（${t(c.kind)}）</span></th>
            <td>${c.before === undefined ? '' : html`<del>${this.format(c.before, c.schema, c.path)}</del>`}</td>
            <td>${c.after === undefined ? '' : html`<ins>${this.format(c.after, c.schema, c.path)}</ins>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('tb-diff', TbDiff);

declare global {
  interface HTMLElementTagNameMap {
    'tb-diff': TbDiff;
  }
}
