/**
 * The peer of the rendering benchmark: the same forms written by hand with `createElement` — one
 * label, native input (radios for short enums, a select for long ones, a checkbox for 是/否, a
 * date input, an input with 元 for money), help text and error line per field, in the same
 * sections on the same two-column grid; the same household table (8 columns, 3 row buttons).
 *
 * A keystroke does what a hand-written form that validates at all must do: store the value,
 * validate the whole data with the same compiled forms/core validator, and update the edited
 * field's error line and `aria-invalid`. It does not evaluate computed fields or `x-visible-if`
 * conditions, keep per-field touched state, or re-render anything but the edited field; that is
 * the work the Tongban elements do on top. Its stylesheet mirrors the elements' (including the
 * table cells' `contain: size layout`, so both sides pay the same layout).
 */
import type { FieldError, FieldSchema, FormSchema, FormValidator, UiControl, UiSchema, UiSection } from '../../../forms/core/index.js';

const css = `
.plain { font-size: 16px; color: #1f2328; display: grid; gap: 1.25em; }
.plain .section { display: grid; gap: 0.75em; }
.plain .heading { font-weight: 700; font-size: 1.3em; }
.plain .section-help, .plain .help { color: #57606a; margin: 0; font-size: 0.9em; }
.plain .grid { display: grid; grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr)); gap: 1em 1.25em; align-items: start; }
.plain .field { display: grid; gap: 0.3em; margin: 0; padding: 0; border: 0; min-width: 0; }
.plain label, .plain legend { font-weight: 600; padding: 0; }
.plain .error { color: #b3261e; margin: 0; }
.plain .error:empty { display: none; }
.plain input, .plain select, .plain button { font: inherit; min-height: 44px; box-sizing: border-box; }
.plain input:not([type='checkbox']):not([type='radio']), .plain select { width: 100%; padding: 0.35em 0.6em; border: 1px solid #6e7781; border-radius: 6px; }
.plain input[type='checkbox'], .plain input[type='radio'] { width: 22px; height: 22px; min-height: 0; margin: 0; }
.plain .choice { display: flex; align-items: center; gap: 0.5em; min-height: 44px; }
.plain .choices { display: flex; flex-wrap: wrap; gap: 0 1.2em; }
.plain .with-unit { display: flex; align-items: center; gap: 0.4em; }
.plain [aria-invalid='true'] { border-color: #b3261e; }
.plain table { border-collapse: collapse; width: 100%; }
.plain th, .plain td { border: 1px solid #d0d7de; padding: 0.35em; vertical-align: top; text-align: start; }
.plain td input:not([type='checkbox']), .plain td select { min-width: 7em; }
.plain td input.id-card { min-width: 13.5em; }
.plain td input:not([type='checkbox']) { contain: size layout; }
.plain .row-actions { display: flex; gap: 0.3em; }
.plain .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let styleAdded = false;
function addStyle(): void {
  if (styleAdded) return;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  styleAdded = true;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const typeOf = (s: FieldSchema) => (Array.isArray(s.type) ? s.type[0] : s.type);
const numberPattern = /^-?\d+(\.\d+)?$/;
const readPointer = (data: Record<string, unknown>, segments: string[]) => segments.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);

/** A mounted plain form: its root, the data it edits, and how to find an input. */
export interface PlainForm {
  root: HTMLElement;
  data: Record<string, unknown>;
  input(pointer: string): HTMLInputElement;
}

/** Keeps the data, validates on every input, updates the edited field's error line. */
class Editing {
  readonly errorLines = new Map<string, HTMLElement>();
  readonly inputs = new Map<string, HTMLInputElement>();
  errors = new Map<string, FieldError>();

  constructor(
    readonly data: Record<string, unknown>,
    private readonly validator: FormValidator,
  ) {
    this.validate();
  }

  validate(): void {
    const result = this.validator.validate(this.data);
    this.errors = new Map(result.valid ? [] : result.errors.map((e) => [e.path, e]));
  }

  /** The input handler of the whole form (one delegated listener). */
  onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const pointer = input.dataset.pointer;
    if (!pointer) return;
    const segments = pointer.split('/').slice(1);
    const parent = readPointer(this.data, segments.slice(0, -1)) as Record<string, unknown>;
    const raw = input.type === 'checkbox' ? input.checked : input.value;
    const numeric = input.dataset.number === '1' && typeof raw === 'string';
    parent[segments.at(-1)!] = raw === '' ? undefined : numeric && numberPattern.test(raw.trim()) ? Number(raw.trim()) : raw;
    this.validate();
    const message = this.errors.get(pointer)?.message ?? '';
    const line = this.errorLines.get(pointer);
    if (line && line.textContent !== message) line.textContent = message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
  };
}

function control(pointer: string, schema: FieldSchema, value: unknown, id: string, editing: Editing, cellLabel?: string): { label: HTMLElement; input: HTMLElement; group: boolean } {
  const title = cellLabel ?? schema.title ?? pointer;
  const options = Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  const message = editing.errors.get(pointer)?.message;
  const aria = { 'aria-describedby': `${id}-error`, 'aria-invalid': message ? 'true' : 'false' };
  if (options.length > 0 && options.length <= 4 && !cellLabel) {
    const choices = el('div', { class: 'choices' });
    options.forEach((o, i) => {
      const radio = el('input', { type: 'radio', name: id, id: i === 0 ? id : `${id}-${i}`, ...aria });
      radio.checked = o === value;
      radio.dataset.pointer = pointer;
      choices.append(el('label', { class: 'choice' }, radio, o));
    });
    return { label: el('legend', {}, title), input: choices, group: true };
  }
  if (options.length > 0) {
    const select = el('select', { id, ...aria });
    select.dataset.pointer = pointer;
    select.append(el('option', { value: '' }, '请选择'));
    for (const o of options) {
      const option = el('option', { value: o }, o);
      option.selected = o === value;
      select.append(option);
    }
    return { label: el('label', { for: id }, title), input: select, group: false };
  }
  if (typeOf(schema) === 'boolean') {
    const box = el('input', { type: 'checkbox', role: 'switch', id, ...aria });
    box.checked = value === true;
    box.dataset.pointer = pointer;
    editing.inputs.set(pointer, box);
    return { label: el('label', { for: id }, title), input: el('label', { class: 'choice' }, box, value === true ? '是' : '否'), group: false };
  }
  const input = el('input', { type: schema.format === 'date' ? 'date' : 'text', id, autocomplete: 'off', ...aria });
  if (schema.format === 'cn-id-card') input.className = 'id-card';
  input.value = value === undefined || value === null ? '' : String(value);
  input.dataset.pointer = pointer;
  if (typeOf(schema) === 'number' || typeOf(schema) === 'integer') input.dataset.number = '1';
  editing.inputs.set(pointer, input);
  const money = schema.format === 'money-yuan';
  return { label: el('label', { for: id }, title), input: money ? el('div', { class: 'with-unit' }, input, el('span', {}, '元')) : input, group: false };
}

function errorLine(pointer: string, id: string, editing: Editing): HTMLElement {
  const line = el('p', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' }, editing.errors.get(pointer)?.message ?? '');
  editing.errorLines.set(pointer, line);
  return line;
}

let ids = 0;

/** Draws the sections of `ui` (a section of sections of controls) by hand. */
export function mountPlainWide(container: HTMLElement, schema: FormSchema, ui: UiSchema, data: Record<string, unknown>, validator: FormValidator): PlainForm {
  addStyle();
  const editing = new Editing(data, validator);
  const root = el('div', { class: 'plain' });
  for (const section of (ui as UiSection).elements as UiSection[]) {
    const headingId = `p${++ids}`;
    const grid = el('div', { class: 'grid', style: `--cols: ${section.columns ?? 1}` });
    for (const c of section.elements as UiControl[]) {
      const segments = c.scope.split('/').slice(1);
      const fieldSchema = schema.properties![segments[0]!]!.properties![segments[1]!]!;
      const id = `p${++ids}`;
      const { label, input, group } = control(c.scope, fieldSchema, readPointer(data, segments), id, editing);
      const help = fieldSchema.description ? el('p', { class: 'help' }, fieldSchema.description) : '';
      const field = el(group ? 'fieldset' : 'div', { class: 'field', style: c.span ? `grid-column: span ${c.span}` : undefined }, label, help, input, errorLine(c.scope, id, editing));
      grid.append(field);
    }
    root.append(el('section', { class: 'section', 'aria-labelledby': headingId }, el('div', { class: 'heading', role: 'heading', 'aria-level': '2', id: headingId }, section.label ?? ''), el('p', { class: 'section-help' }, section.help ?? ''), grid));
  }
  root.addEventListener('input', editing.onInput);
  container.append(root);
  return { root, data, input: (pointer) => editing.inputs.get(pointer)! };
}

/** Draws the household members table by hand: one row per member, the same columns and row buttons. */
export function mountPlainTable(container: HTMLElement, schema: FormSchema, data: Record<string, unknown>, validator: FormValidator): PlainForm {
  addStyle();
  const editing = new Editing(data, validator);
  const defs = schema.$defs as Record<string, FieldSchema>;
  const member = defs.member!;
  const columns = Object.entries(member.properties!).map(([key, s]) => ({ key, schema: s.$ref ? { ...defs[s.$ref.split('/').at(-1)!], ...s } : s }));
  const rows = ((data.household as Record<string, unknown>).members as Record<string, unknown>[]) ?? [];
  const head = el('tr', {}, el('th', { scope: 'col' }, '#'), ...columns.map((c) => el('th', { scope: 'col' }, c.schema.title ?? c.key)), el('th', { scope: 'col' }, '操作'));
  const body = el('tbody');
  rows.forEach((row, i) => {
    const tr = el('tr', { 'data-row': String(i) }, el('th', { scope: 'row' }, String(i + 1)));
    for (const c of columns) {
      const pointer = `/household/members/${i}/${c.key}`;
      if (c.key === 'disabilityCertificate' && (row.disabilityGrade === undefined || row.disabilityGrade === '无')) {
        tr.append(el('td', {}, el('span', { class: 'visually-hidden' }, c.schema.title ?? c.key), '—'));
        continue;
      }
      const id = `r${i}-${c.key}`;
      const { input } = control(pointer, c.schema, row[c.key], id, editing, c.schema.title ?? c.key);
      tr.append(el('td', {}, el('label', { class: 'visually-hidden', for: id }, `第${i + 1}行 ${c.schema.title ?? c.key}`), input, errorLine(pointer, id, editing)));
    }
    const n = i + 1;
    tr.append(
      el(
        'td',
        {},
        el('div', { class: 'row-actions' }, el('button', { type: 'button', 'aria-label': `上移 第${n}行` }, '↑'), el('button', { type: 'button', 'aria-label': `下移 第${n}行` }, '↓'), el('button', { type: 'button', 'aria-label': `删除 第${n}行` }, '删除')),
      ),
    );
    body.append(tr);
  });
  const root = el('div', { class: 'plain' }, el('fieldset', { class: 'field' }, el('legend', {}, '家庭成员'), el('table', {}, el('thead', {}, head), body), el('button', { type: 'button' }, '+ 添加家庭成员')));
  root.addEventListener('input', editing.onInput);
  container.append(root);
  return { root, data, input: (pointer) => editing.inputs.get(pointer)! };
}
