/**
 * `<tb-region-field>`: 行政区划 chosen province → city → county → township → village, stored as the
 * code of the deepest level chosen (6, 9 or 12 digits; a province or city alone is not a valid
 * answer). Five native selects in one fieldset: familiar on phones and with screen readers. The data
 * is loaded lazily from the configured {@link RegionSource}.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { regionSource, type RegionNode } from '../regions/RegionSource.js';
import type { StringKey } from '../chrome/strings.js';
import { TbField } from '../TbField.js';

const levels: { key: StringKey; length: number }[] = [
  { key: 'province', length: 2 },
  { key: 'city', length: 4 },
  { key: 'county', length: 6 },
  { key: 'township', length: 9 },
  { key: 'village', length: 12 },
];

/** The region cascade. */
export class TbRegionField extends TbField {
  protected override chromeKind = 'group' as const;
  private counties: RegionNode[] | undefined;
  private townships = new Map<string, RegionNode[]>();
  private loadError = false;
  private loading = false;
  /** Levels chosen above the stored value (a province before its county is picked). */
  private partial: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadCounties();
  }

  private async loadCounties(): Promise<void> {
    if (this.counties || this.loading) return;
    this.loading = true;
    try {
      this.counties = await regionSource().counties();
      this.loadError = false;
      const code = this.code;
      if (code.length > 6) await this.loadTownships(code.slice(0, 6));
    } catch {
      this.loadError = true;
    } finally {
      this.loading = false;
      this.requestUpdate();
    }
  }

  private async loadTownships(county: string): Promise<void> {
    if (this.townships.has(county)) return;
    try {
      this.townships.set(county, await regionSource().townships(county));
    } catch {
      this.loadError = true;
    }
    this.requestUpdate();
  }

  private get code(): string {
    return typeof this.value === 'string' ? this.value : '';
  }

  /** The chosen code at each level (from the value, or the partial choice above it). */
  private get chosen(): string[] {
    const code = this.code;
    if (code) return levels.map((l) => (code.length >= l.length ? code.slice(0, l.length) : ''));
    return levels.map((_, i) => this.partial[i] ?? '');
  }

  private optionsAt(level: number, chosen: string[]): RegionNode[] {
    if (level === 0) return this.counties ?? [];
    const parent = chosen[level - 1];
    if (!parent) return [];
    if (level <= 2) return this.optionsAt(level - 1, chosen).find((n) => n.code === parent)?.children ?? [];
    if (level === 3) return this.townships.get(parent) ?? [];
    return (this.townships.get(chosen[2] ?? '') ?? []).find((n) => n.code === parent)?.children ?? [];
  }

  private choose(level: number, code: string): void {
    const chosen = this.chosen.slice(0, level);
    chosen[level] = code;
    const deepest = [...chosen].reverse().find((c) => c && c.length >= 6);
    this.partial = deepest ? [] : chosen;
    this.commit(deepest);
    this.store.touch(this.pointer);
    if (code.length === 6) void this.loadTownships(code);
    this.requestUpdate();
  }

  /** The names of the chosen regions, from province down. */
  private names(): string[] {
    const chosen = this.chosen;
    const out: string[] = [];
    for (let i = 0; i < levels.length; i++) {
      if (!chosen[i]) break;
      const node = this.optionsAt(i, chosen).find((n) => n.code === chosen[i]);
      if (!node) break;
      out.push(node.name);
    }
    return out;
  }

  protected override renderText(): TemplateResult {
    const names = this.names();
    return html`<p class="text">${names.length ? `${names.join(' ')}（${this.code}）` : this.code || this.t('empty')}</p>`;
  }

  protected override renderInput(): TemplateResult {
    if (this.loadError) return html`<p class="error" role="alert">${this.t('loadFailed')}</p><button type="button" @click=${() => { this.loadError = false; void this.loadCounties(); }}>↻</button>`;
    if (!this.counties) return html`<p class="hint" role="status">${this.t('loading')}</p>`;
    const chosen = this.chosen;
    const invalid = this.error ? 'true' : 'false';
    return html`<div class="choices">
      ${levels.map((l, i) => {
        const options = this.optionsAt(i, chosen);
        if (i > 0 && !chosen[i - 1]) return nothing;
        if (i > 0 && options.length === 0) return nothing;
        const id = i === 0 ? 'input' : `level-${i}`;
        return html`<span class="field">
          <label for=${id}>${this.t(l.key)}</label>
          <select id=${id} aria-describedby=${this.describedBy} aria-invalid=${invalid} @change=${(e: Event) => this.choose(i, (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!chosen[i]}>${this.t('choose')}</option>
            ${options.map((o) => html`<option value=${o.code} ?selected=${o.code === chosen[i]}>${o.name}</option>`)}
          </select>
        </span>`;
      })}
    </div>`;
  }
}

customElements.define('tb-region-field', TbRegionField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-region-field': TbRegionField;
  }
}
