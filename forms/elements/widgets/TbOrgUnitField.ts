/**
 * `<tb-org-unit-field>`: one unit of a kind beside the administrative chain, e.g. the 业务主管单位
 * an organisation names (`"x-org-unit": { "kind": "supervisory_unit" }`). The choices come from the
 * configured {@link OrgUnitSource}; the unit's id is stored, its name shown.
 */
import { html, type TemplateResult } from 'lit';
import { orgUnitKindOf, orgUnitSource, type OrgUnitChoice } from '../orgUnits/OrgUnitSource.js';
import { TbField, fieldIds } from '../TbField.js';

/** A native select over the units of the field's kind. */
export class TbOrgUnitField extends TbField {
  private units: OrgUnitChoice[] = [];
  private loadedKind: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const kind = orgUnitKindOf(this.schema);
    if (!kind || kind === this.loadedKind) return;
    this.loadedKind = kind;
    try {
      this.units = await orgUnitSource().unitsOfKind(kind);
    } catch {
      this.units = [];
      this.loadedKind = undefined;
    }
    this.requestUpdate();
  }

  private onChange = (event: Event): void => {
    const index = (event.target as HTMLSelectElement).selectedIndex - 1;
    this.commit(index >= 0 ? this.units[index]?.id : undefined);
  };

  protected override renderText(): TemplateResult {
    const unit = this.units.find((u) => u.id === this.value);
    return html`<p class="text">${unit?.name ?? (typeof this.value === 'string' ? this.value : '')}</p>`;
  }

  protected override renderInput(): TemplateResult {
    const value = this.value;
    return html`<select
      id=${fieldIds.input}
      aria-describedby=${this.describedBy}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.store.isRequired(this.pointer) ? 'true' : 'false'}
      @change=${this.onChange}
      @blur=${this.markTouched}
    >
      <option value="" ?selected=${value === undefined}>${this.t('choose')}</option>
      ${this.units.map((u, i) => html`<option value=${i} ?selected=${u.id === value}>${u.name}</option>`)}
    </select>`;
  }
}

customElements.define('tb-org-unit-field', TbOrgUnitField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-org-unit-field': TbOrgUnitField;
  }
}
