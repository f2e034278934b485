/**
 * `<tb-form>`: a form drawn from configuration — the JSON Schema of the case data, its UI schema
 * (wizard steps, sections, groups, controls), the data, and the step's permissions. It is
 * form-associated: inside a `<form>` it submits its value as JSON under its `name`, takes part in
 * the form's validity, and resets with it.
 *
 * Events: `tb-change` (`detail: { value, valid, errors }`) after every change.
 *
 * ```html
 * <tb-form name="data" .schema=${schema} .ui=${ui} .data=${data} .permissions=${permissions}></tb-form>
 * ```
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { FieldError, FieldPermissions, FormRules, FormSchema, FormValidator, UiElement, UiSchema, UiStep, UiSection } from '../core/index.js';
import { fieldStyles } from './chrome/fieldStyles.js';
import { text, type FormLanguage } from './chrome/strings.js';
import { defaultElements } from './layout/defaultLayout.js';
import { LayoutVisibility } from './layout/layoutVisibility.js';
import { hasControl, renderElements, type LayoutContext } from './layout/renderLayout.js';
import { defaultWidgets } from './registry/defaultWidgets.js';
import type { WidgetRegistry } from './registry/WidgetRegistry.js';
import { FormStore } from './store/FormStore.js';

/** The detail of `tb-change`. */
export interface FormChangeDetail {
  value: Record<string, unknown>;
  valid: boolean;
  errors: FieldError[];
}

/** The form element. */
export class TbForm extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    schema: { attribute: false },
    ui: { attribute: false },
    data: { attribute: false },
    permissions: { attribute: false },
    params: { attribute: false },
    compiled: { attribute: false },
    registry: { attribute: false },
    language: { type: String, reflect: true, attribute: 'lang' },
    elder: { type: Boolean, reflect: true },
    print: { type: Boolean, reflect: true },
    name: { type: String, reflect: true },
    step: { type: Number },
  };

  static override styles = [
    fieldStyles,
    css`
      :host { display: block; container-type: inline-size; }
      :host([elder]) { --tb-font-size: 20px; --tb-target: 60px; }
      form-root, .root { display: grid; gap: 1.25em; }
      .section { display: grid; gap: 0.75em; }
      .heading { font-weight: 700; margin: 0; }
      .h2 { font-size: 1.3em; }
      .h3 { font-size: 1.15em; }
      .h4, .h5, .h6 { font-size: 1.05em; }
      .section-help { color: var(--tb-muted, #57606a); margin: 0; }
      .group { display: grid; gap: 0.5em; }
      .grid { display: grid; grid-template-columns: repeat(var(--tb-columns, 1), minmax(0, 1fr)); gap: 1em 1.25em; align-items: start; }
      .control { grid-column: span min(var(--tb-span, 1), var(--tb-columns, 1)); }
      @media (max-width: 640px) {
        .grid { grid-template-columns: minmax(0, 1fr); }
        .control { grid-column: 1 / -1; }
      }
      /* A form drawn narrow on a wide screen (the studio's phone-width preview) is laid out as on a phone. */
      @container (max-width: 640px) {
        .grid { grid-template-columns: minmax(0, 1fr); }
        .control { grid-column: 1 / -1; }
      }
      nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0; padding: 0; counter-reset: step; }
      nav button[aria-current='step'] { background: var(--tb-accent, #0a62c9); color: #fff; border-color: var(--tb-accent, #0a62c9); }
      .wizard-buttons { display: flex; justify-content: space-between; gap: 1em; }
      .summary { border: 2px solid var(--tb-danger, #b3261e); border-radius: 8px; padding: 0.75em 1em; }
      .summary ul { margin: 0.5em 0 0; padding-inline-start: 1.2em; }
      .summary button { border: 0; background: none; color: var(--tb-danger, #b3261e); text-decoration: underline; text-align: start; padding: 0; min-height: var(--tb-target, 44px); }
      .step-title { font-size: 1.4em; margin: 0; }
      @media print {
        nav, .wizard-buttons, .summary { display: none; }
      }
    `,
  ];

  /** JSON Schema of the data. */
  declare schema: FormSchema | undefined;
  /** UI schema; without one every field is shown in schema order. */
  declare ui: UiSchema | undefined;
  /** Initial data (not modified). */
  declare data: Record<string, unknown> | undefined;
  /** Permissions of the step and role; without them everything is writable. */
  declare permissions: FieldPermissions | undefined;
  /** `$parameters` of computed fields (`{ standard: 800 }`). */
  declare params: Record<string, number | string | boolean> | undefined;
  /** A compiled validator and rules from a `FormValidatorCache`. */
  declare compiled: { validator: FormValidator; rules: FormRules } | undefined;
  /** The widgets to draw with (default: the built-ins). */
  declare registry: WidgetRegistry;
  /** `zh-CN` (default) or `en`. */
  declare language: FormLanguage;
  /** 长辈模式: ≥ 18 px text, ≥ 60 px targets. */
  declare elder: boolean;
  /** Print view: every step, every field as text. */
  declare print: boolean;
  /** Name under which a surrounding `<form>` submits the JSON value. */
  declare name: string;
  /** The wizard step shown (0-based). */
  declare step: number;

  private readonly internals: ElementInternals;
  private storeInstance: FormStore | undefined;
  private readonly visibility = new LayoutVisibility();
  private unsubscribe: (() => void) | undefined;
  private layoutSignature = '';
  private summaryShown = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.registry = defaultWidgets;
    this.language = 'zh-CN';
    this.elder = false;
    this.print = false;
    this.name = '';
    this.step = 0;
  }

  /** The form's state (created from the properties). */
  get store(): FormStore | undefined {
    return this.storeInstance;
  }

  /** The value to submit: the data with computed figures, hidden fields left out. */
  get value(): Record<string, unknown> {
    return this.storeInstance?.value ?? {};
  }

  /** Every current validation error (including not yet shown ones) that this step can fix. */
  get errors(): FieldError[] {
    return this.storeInstance?.blockingErrors ?? [];
  }

  /** ElementInternals' validity. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** True when nothing this step can fix is wrong. */
  checkValidity(): boolean {
    return this.errors.length === 0;
  }

  /** Shows every error with a summary at the top that links to the fields; true when valid. */
  reportValidity(): boolean {
    this.storeInstance?.revealErrors();
    this.summaryShown = this.errors.length > 0;
    this.requestUpdate();
    if (this.summaryShown) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.summary')?.focus());
    return !this.summaryShown;
  }

  /**
   * Shows errors the server answered (paths into the data, e.g. the `errors` of a 422 with their
   * `/data` prefix removed) at their fields, with the summary; each clears when its field changes.
   */
  showErrors(errors: FieldError[]): void {
    this.storeInstance?.setServerErrors(errors);
    this.reportValidity();
  }

  /** Moves to the field of `pointer` (switching wizard step) and focuses it. */
  async focusField(pointer: string): Promise<void> {
    const stepIndex = this.stepOf(pointer);
    if (stepIndex >= 0 && stepIndex !== this.step) {
      this.step = stepIndex;
      await this.updateComplete;
    }
    const hosts = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-pointer]')];
    // The field itself, the table or list holding it, or — for a whole section — its first field.
    const host =
      hosts.find((h) => pointer === h.dataset.pointer || pointer.startsWith(`${h.dataset.pointer}/`)) ??
      hosts.find((h) => (h.dataset.pointer ?? '').startsWith(`${pointer}/`));
    if (!host) return;
    await (host as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
    host.scrollIntoView?.({ block: 'center' });
    const focusTarget = (host as unknown as { focusPointer?: (p: string) => void }).focusPointer;
    if (focusTarget) focusTarget.call(host, pointer);
    else host.shadowRoot?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }

  formResetCallback(): void {
    this.storeInstance?.reset(this.data ?? {});
  }

  formDisabledCallback(disabled: boolean): void {
    if (this.storeInstance) this.storeInstance.printView = disabled || this.print;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.storeInstance && !this.unsubscribe) this.listen(this.storeInstance);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A parent that passes a new but equal object on every render must not rebuild the store.
    const sameValue = (k: 'permissions' | 'params') => changed.has(k) && JSON.stringify(changed.get(k)) === JSON.stringify(this[k]);
    const rebuild = (['schema', 'permissions', 'params', 'compiled'] as const).some((k) => changed.has(k) && !(k === 'permissions' || k === 'params' ? sameValue(k) : false));
    if (this.schema && (rebuild || !this.storeInstance)) {
      this.unsubscribe?.();
      this.storeInstance = new FormStore({
        schema: this.schema,
        data: this.data ?? {},
        ...(this.permissions ? { permissions: this.permissions } : {}),
        ...(this.params ? { params: this.params } : {}),
        ...(this.compiled ? { compiled: this.compiled } : {}),
        language: this.language,
      });
      this.storeInstance.printView = this.print;
      this.listen(this.storeInstance);
      this.updateInternals();
      // An officer opens the form where their work is: the first step they can write.
      if (this.permissions && (!changed.has('step') || (!this.hasUpdated && this.step === 0))) this.step = this.firstWritableStep();
    } else if (this.storeInstance && changed.has('data')) {
      this.storeInstance.reset(this.data ?? {});
    }
    if (this.storeInstance) {
      this.storeInstance.language = this.language;
      this.storeInstance.printView = this.print;
      this.layoutSignature = this.visibility.signature(this.storeInstance.data);
    }
  }

  private listen(store: FormStore): void {
    this.unsubscribe = store.subscribe(() => {
      // publish() closes the summary once nothing is wrong: draw again when it was open before.
      const summaryWasShown = this.summaryShown;
      this.publish();
      if (this.visibility.signature(store.data) !== this.layoutSignature || summaryWasShown) this.requestUpdate();
    });
  }

  /** Gives the surrounding `<form>` the current value and validity. */
  private updateInternals(): FieldError[] {
    const store = this.storeInstance;
    if (!store) return [];
    const errors = store.blockingErrors;
    this.internals.setFormValue(JSON.stringify(store.value));
    if (errors.length) this.internals.setValidity({ customError: true }, errors[0]!.message);
    else this.internals.setValidity({});
    return errors;
  }

  /** After a change: updates the form's value and validity and tells listeners (`tb-change`). */
  private publish(): void {
    const store = this.storeInstance;
    if (!store) return;
    const errors = this.updateInternals();
    if (this.summaryShown && errors.length === 0) this.summaryShown = false;
    this.dispatchEvent(new CustomEvent<FormChangeDetail>('tb-change', { detail: { value: store.value, valid: errors.length === 0, errors }, bubbles: true, composed: true }));
  }

  /** The wizard steps the user can see anything of, or undefined when the layout is not a wizard. */
  private get steps(): (UiStep | UiSection)[] | undefined {
    const store = this.storeInstance;
    if (this.ui?.type !== 'Wizard' || !store) return undefined;
    return this.ui.elements.filter((s) => this.visibility.isVisible(s, store.data) && hasControl(s, store));
  }

  /** The first wizard step with a field the user may write (0 when none). */
  private firstWritableStep(): number {
    const store = this.storeInstance;
    const index = store ? (this.steps ?? []).findIndex((s) => hasControl(s, store, (p) => store.permission(p) === 'write')) : -1;
    return Math.max(index, 0);
  }

  private stepOf(pointer: string): number {
    const steps = this.steps;
    if (!steps) return -1;
    const covers = (el: UiElement): boolean => {
      const scope = 'scope' in el ? el.scope : undefined;
      if (scope !== undefined && (pointer === scope || pointer.startsWith(`${scope}/`) || scope.replace(/\*/g, '') === pointer)) return true;
      return 'elements' in el && Array.isArray(el.elements) ? el.elements.some(covers) : false;
    };
    return steps.findIndex(covers);
  }

  private goTo(index: number): void {
    this.step = index;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.step-title')?.focus());
  }

  private renderSummary(): TemplateResult | typeof nothing {
    if (!this.summaryShown || !this.storeInstance) return nothing;
    const errors = this.errors;
    return html`<div class="summary" role="alert" tabindex="-1">
      <strong>${text(this.language, 'errorSummary', { n: errors.length })}</strong>
      <ul>
        ${errors.map((e) => html`<li><button type="button" @click=${() => void this.focusField(e.path)}>${e.message}</button></li>`)}
      </ul>
    </div>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const store = this.storeInstance;
    if (!store) return nothing;
    const ctx: LayoutContext = { store, registry: this.registry, visibility: this.visibility };
    const ui: UiSchema = this.ui ?? { type: 'Section', elements: defaultElements(store.schema, '') };
    const steps = this.steps;
    if (!steps || this.print) {
      const elements = ui.type === 'Wizard' ? (steps ?? []) : [ui];
      return html`<div class="root">${this.renderSummary()}${renderElements(
        elements.map((e) => (e.type === 'Step' ? printedStep(e, store) : e)),
        ctx,
        2,
      )}</div>`;
    }
    const index = Math.min(Math.max(this.step, 0), steps.length - 1);
    const current = steps[index]!;
    const label = current.label ?? ('scope' in current && current.scope ? store.schemaAt(current.scope)?.title : '') ?? '';
    const body: UiElement[] = current.type === 'Step' ? current.elements : [{ ...current, label: '' }];
    return html`<div class="root">
      <nav aria-label=${text(this.language, 'stepOf', { n: index + 1, m: steps.length })}>
        <ol>
          ${steps.map(
            (s, i) => html`<li><button type="button" aria-current=${i === index ? 'step' : 'false'} @click=${() => this.goTo(i)}>${i + 1}. ${s.label ?? ''}</button></li>`,
          )}
        </ol>
      </nav>
      ${this.renderSummary()}
      <h2 class="step-title" tabindex="-1">${label}</h2>
      ${current.help ? html`<p class="section-help">${current.help}</p>` : nothing}
      ${renderElements(body, ctx, 3)}
      <div class="wizard-buttons">
        <button type="button" ?disabled=${index === 0} @click=${() => this.goTo(index - 1)}>${text(this.language, 'previous')}</button>
        <button type="button" ?disabled=${index === steps.length - 1} @click=${() => this.goTo(index + 1)}>${text(this.language, 'next')}</button>
      </div>
    </div>`;
  }
}

/**
 * A wizard step as the print view draws it: a section of its own — or, when its only element is a
 * section of the same name (「特困情形」 holding「特困情形」), that section alone; when one of its
 * sections has its name, a named group — so the page never has two regions of one name, one inside
 * the other.
 */
function printedStep(step: Extract<UiElement, { type: 'Step' }>, store: { schemaAt(pointer: string): { title?: string } | undefined }): UiElement {
  const labelOf = (e: UiElement) => (e.type === 'Section' ? e.label ?? (e.scope !== undefined ? store.schemaAt(e.scope)?.title : undefined) : undefined);
  const only = step.elements.length === 1 ? step.elements[0] : undefined;
  if (only?.type === 'Section' && !step.help && labelOf(only) === step.label) return { ...only, label: step.label };
  // A section inside of the step's own name (「责令整改」 holding 组织 and「责令整改」): the step is a named group, not a second region of that name.
  if (step.label !== undefined && step.elements.some((e) => labelOf(e) === step.label)) return { type: 'Group', label: step.label, elements: step.elements, ...(step.help ? { help: step.help } : {}) };
  return { ...step, type: 'Section' as const };
}

customElements.define('tb-form', TbForm);

declare global {
  interface HTMLElementTagNameMap {
    'tb-form': TbForm;
  }
}
