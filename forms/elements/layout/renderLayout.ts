/**
 * Draws the elements of a UI schema: sections (`<section>` with a heading), groups (`role="group"`),
 * and controls, each rendered by the widget the registry ranks best. Grid columns come from
 * `columns`/`span`; phones always get one column (the stylesheet of `<tb-form>`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { UiControl, UiElement, UiGroup, UiSection } from '../../core/index.js';
import type { WidgetRegistry } from '../registry/WidgetRegistry.js';
import type { FormStore } from '../store/FormStore.js';
import { defaultElements } from './defaultLayout.js';
import type { LayoutVisibility } from './layoutVisibility.js';

/** What drawing a layout needs. */
export interface LayoutContext {
  store: FormStore;
  registry: WidgetRegistry;
  visibility: LayoutVisibility;
}

const tags = new Map<string, ReturnType<typeof unsafeStatic>>();
const staticTag = (tag: string) => {
  let t = tags.get(tag);
  if (!t) tags.set(tag, (t = unsafeStatic(tag)));
  return t;
};

let headingIds = 0;

/** Draws a list of UI elements at a heading level (2 for sections of a step). */
export function renderElements(elements: readonly UiElement[], ctx: LayoutContext, level: number): TemplateResult[] {
  return elements.map((el) => renderElement(el, ctx, level));
}

/** Draws one UI element. */
export function renderElement(el: UiElement, ctx: LayoutContext, level: number): TemplateResult {
  if (!ctx.visibility.isVisible(el, ctx.store.data)) return html``;
  switch (el.type) {
    case 'Control':
      return renderControl(el, ctx);
    case 'Section':
      return renderSection(el, ctx, level);
    case 'Group':
      return renderGroup(el, ctx, level);
    default:
      return html`${renderElements(el.elements, ctx, level)}`;
  }
}

function gridStyle(columns: number | undefined) {
  return styleMap({ '--tb-columns': String(columns ?? 1) });
}

function renderSection(section: UiSection, ctx: LayoutContext, level: number): TemplateResult {
  const scope = section.scope;
  if (scope !== undefined && ctx.store.permission(scope) === 'hidden' && !hasVisibleDescendant(section, ctx)) return html``;
  const label = section.label ?? (scope !== undefined ? ctx.store.schemaAt(scope)?.title : undefined);
  const id = `section-${++headingIds}`;
  const body: UiElement[] = section.elements ?? (section.widget && scope ? [{ type: 'Control', scope, widget: section.widget }] : scope !== undefined ? defaultElements(ctx.store.schema, scope) : []);
  return html`<section class="section" aria-labelledby=${label ? id : nothing}>
    ${label ? heading(level, id, label) : nothing}
    ${section.help ? html`<p class="section-help">${section.help}</p>` : nothing}
    <div class="grid" style=${gridStyle(section.columns)}>${renderElements(body, ctx, level + 1)}</div>
  </section>`;
}

function renderGroup(group: UiGroup, ctx: LayoutContext, level: number): TemplateResult {
  const id = `group-${++headingIds}`;
  return html`<div class="group" role="group" aria-labelledby=${group.label ? id : nothing} style="grid-column: 1 / -1">
    ${group.label ? heading(Math.min(level, 6), id, group.label) : nothing}
    ${group.help ? html`<p class="section-help">${group.help}</p>` : nothing}
    <div class="grid" style=${gridStyle(group.columns)}>${renderElements(group.elements, ctx, level + 1)}</div>
  </div>`;
}

function heading(level: number, id: string, label: string): TemplateResult {
  const l = Math.max(2, Math.min(level, 6));
  return html`<div role="heading" aria-level=${l} class=${`heading h${l}`} id=${id}>${label}</div>`;
}

/** True when some control under `el` passes `test` (by default: is not hidden by the permissions). */
export function hasControl(el: UiElement, store: FormStore, test: (pointer: string) => boolean = (p) => store.permission(p) !== 'hidden'): boolean {
  if (el.type === 'Control') return test(el.scope);
  const scope = 'scope' in el ? el.scope : undefined;
  const children = 'elements' in el && el.elements ? el.elements : scope !== undefined ? defaultElements(store.schema, scope) : [];
  return children.some((c) => hasControl(c, store, test));
}

function hasVisibleDescendant(el: UiElement, ctx: LayoutContext): boolean {
  return hasControl(el, ctx.store);
}

function renderControl(control: UiControl, ctx: LayoutContext): TemplateResult {
  const pointer = control.scope;
  if (ctx.store.permission(pointer) === 'hidden') return html``;
  const schema = ctx.store.schemaAt(pointer) ?? {};
  const items = schema.type === 'array' ? ctx.store.schemaAt(`${pointer}/0`) : undefined;
  const widget = ctx.registry.resolve({ schema, control, pointer, ...(items ? { items } : {}) });
  if (!widget) return html``;
  const span = control.span ?? (widget.name.endsWith('table') || schema.type === 'array' ? 99 : 1);
  return staticHtml`<${staticTag(widget.tag)} class="control" data-pointer=${pointer} style=${styleMap({ '--tb-span': String(span) })} .store=${ctx.store} .pointer=${pointer} .control=${control}></${staticTag(widget.tag)}>`;
}
