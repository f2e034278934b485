/**
 * The page of the rendering benchmark (bundled by esbuild, run in headless Chromium by
 * test/bench/formRender.ts). It mounts `<tb-form>` and the plain-DOM peer again and again and types
 * into them, timing each from the first line of work to the moment every pending Lit update is done
 * and style and layout have been computed (a forced synchronous layout; painting is not included,
 * for either side). Between two samples the page waits for a frame to be drawn.
 */
import { compileFormRules, createFormValidator, type FormSchema, type FormValidator, type UiSchema } from '../../../forms/core/index.js';
import { FormStore, TbField, type TbForm } from '../../../forms/elements/index.js';
import { householdData, householdSchema, householdUi, wideData, wideFieldCount, wideSchema, wideUi } from './fixtures.js';
import { mountPlainTable, mountPlainWide, type PlainForm } from './plainDom.js';

/** What the Node side asks for. */
export interface PageOptions {
  dibaoSchema: FormSchema;
  dibaoSample: Record<string, unknown>;
  rows: number;
  mounts: number;
  warmMounts: number;
  keystrokes: number;
  warmKeystrokes: number;
}

/** Median and 95th percentile of a series, in ms. */
export interface Stats {
  median: number;
  p95: number;
  n: number;
}

/** One figure for both sides. */
export interface Pair {
  tongban: Stats;
  peer: Stats;
}

/** Where a Tongban keystroke's time goes (medians, ms). */
export interface KeystrokeBreakdown {
  /** The input handler, synchronously: store.set → recompute → notify. */
  handler: number;
  /** FormStore.recompute: computed fields, field states, validation. */
  recompute: number;
  /** Of which the whole-form validation. */
  validate: number;
  /** Listeners: every field's slice comparison and the form's publish (value, validity, tb-change). */
  notify: number;
  /** Lit: the updates the change requested. */
  lit: number;
  /** Of which field elements' updates. */
  fieldUpdates: number;
  /** Style and layout. */
  layout: number;
  /** Field elements that re-rendered. */
  fieldsUpdated: number;
}

/** Where a Tongban mount's time goes (medians, ms). */
export interface MountBreakdown {
  /** Script until every element has rendered. */
  script: number;
  /** Of which the field elements' first updates (render and commit of their templates). */
  fields: number;
  /** Of which the store's first recompute. */
  recompute: number;
  /** Style and layout. */
  layout: number;
}

/** Everything the page measured. */
export interface PageResult {
  userAgent: string;
  fields: number;
  rows: number;
  wideMount: Pair;
  wideKeystroke: Pair;
  tableMount: Pair;
  tableKeystroke: Pair;
  compileMs: number;
  wideMountBreakdown: MountBreakdown;
  wideKeystrokeBreakdown: KeystrokeBreakdown;
  tableKeystrokeBreakdown: KeystrokeBreakdown;
}

declare global {
  interface Window {
    formRenderBench: (options: PageOptions) => Promise<PageResult>;
  }
}

type Updatable = HTMLElement & { updateComplete: Promise<unknown>; isUpdatePending: boolean };

const now = () => performance.now();
const median = (xs: number[]) => stats(xs).median;

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? NaN, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN, n: s.length };
}

/** Waits until a frame has been drawn (untimed, between samples). */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Forces style recalculation and layout of the whole document now. */
const flushLayout = () => document.body.offsetHeight;

const fieldsOf = (form: TbForm) => [...form.shadowRoot!.querySelectorAll<Updatable>('[data-pointer]')];

/** Awaits every pending update of the form and its fields, until none is left. */
async function settle(form: TbForm): Promise<void> {
  for (;;) {
    const pending = [form as unknown as Updatable, ...fieldsOf(form)].filter((e) => e.isUpdatePending);
    if (pending.length === 0) return;
    for (const e of pending) await e.updateComplete;
  }
}

function freshContainer(): HTMLElement {
  document.body.replaceChildren();
  const container = document.createElement('main');
  container.style.maxWidth = '960px';
  document.body.append(container);
  return container;
}

interface Compiled {
  validator: FormValidator;
  rules: ReturnType<typeof compileFormRules>;
}

/** The prototype hooks used by the breakdowns: time spent in recompute, validate and notify. */
const spent = { recompute: 0, validate: 0, notify: 0, fields: 0 };

function instrument(compiled: Compiled): Compiled {
  const validate = compiled.validator.validate.bind(compiled.validator);
  return {
    rules: compiled.rules,
    validator: {
      validate(data) {
        const t = now();
        const result = validate(data);
        spent.validate += now() - t;
        return result;
      },
    },
  };
}

const proto = FormStore.prototype as unknown as Record<'recompute' | 'notify', (...args: unknown[]) => void>;
for (const name of ['recompute', 'notify'] as const) {
  const original = proto[name];
  proto[name] = function (this: FormStore, ...args: unknown[]) {
    const t = now();
    original.apply(this, args);
    spent[name] += now() - t;
  };
}
const fieldProto = TbField.prototype as unknown as { update: (...args: unknown[]) => void };
const fieldUpdate = fieldProto.update;
fieldProto.update = function (this: TbField, ...args: unknown[]) {
  const t = now();
  fieldUpdate.apply(this, args);
  spent.fields += now() - t;
};
const resetSpent = () => Object.assign(spent, { recompute: 0, validate: 0, notify: 0, fields: 0 });

/** Mounts `<tb-form>` and waits until it and every field have rendered and layout is done. */
async function mountTongban(container: HTMLElement, schema: FormSchema, ui: UiSchema, data: Record<string, unknown>, compiled: Compiled): Promise<{ form: TbForm; total: number; breakdown: MountBreakdown }> {
  resetSpent();
  const t0 = now();
  const form = document.createElement('tb-form');
  form.schema = schema;
  form.ui = ui;
  form.compiled = compiled;
  form.data = data;
  container.append(form);
  await form.updateComplete;
  await Promise.all(fieldsOf(form).map((f) => f.updateComplete));
  await settle(form);
  const t1 = now();
  flushLayout();
  const t2 = now();
  return { form, total: t2 - t0, breakdown: { script: t1 - t0, fields: spent.fields, recompute: spent.recompute, layout: t2 - t1 } };
}

function mountPeer(mount: () => PlainForm): { form: PlainForm; total: number } {
  const t0 = now();
  const form = mount();
  flushLayout();
  return { form, total: now() - t0 };
}

/** The text typed into a field, keystroke by keystroke: grows one character at a time, starts over at `max`. */
function typing(base: string, max: number): (i: number) => string {
  const chars = '情况说明补充材料已核实';
  let current = base;
  return (i) => {
    current = current.length >= max ? base : current + chars[i % chars.length];
    return current;
  };
}

function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function keystrokesTongban(form: TbForm, input: HTMLInputElement, count: number, warm: number, text: (i: number) => string): Promise<{ times: number[]; breakdown: KeystrokeBreakdown }> {
  const times: number[] = [];
  const parts: Record<keyof KeystrokeBreakdown, number[]> = { handler: [], recompute: [], validate: [], notify: [], lit: [], fieldUpdates: [], layout: [], fieldsUpdated: [] };
  for (let i = 0; i < warm + count; i++) {
    const value = text(i);
    await nextFrame();
    resetSpent();
    const t0 = now();
    typeInto(input, value);
    const t1 = now();
    const updated = fieldsOf(form).filter((f) => f.isUpdatePending).length;
    await settle(form);
    const t2 = now();
    flushLayout();
    const t3 = now();
    if (i < warm) continue;
    times.push(t3 - t0);
    parts.handler.push(t1 - t0);
    parts.recompute.push(spent.recompute);
    parts.validate.push(spent.validate);
    parts.notify.push(spent.notify);
    parts.lit.push(t2 - t1);
    parts.fieldUpdates.push(spent.fields);
    parts.layout.push(t3 - t2);
    parts.fieldsUpdated.push(updated);
  }
  const breakdown = Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, median(xs)])) as unknown as KeystrokeBreakdown;
  return { times, breakdown };
}

async function keystrokesPeer(input: HTMLInputElement, count: number, warm: number, text: (i: number) => string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warm + count; i++) {
    const value = text(i);
    await nextFrame();
    const t0 = now();
    typeInto(input, value);
    flushLayout();
    const t1 = now();
    if (i >= warm) times.push(t1 - t0);
  }
  return times;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`formRender page: ${message}`);
}

const readAt = (value: unknown, pointer: string) => pointer.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

window.formRenderBench = async (options: PageOptions): Promise<PageResult> => {
  const { rows, mounts, warmMounts, keystrokes, warmKeystrokes } = options;

  // --- 200 fields -------------------------------------------------------------------------------
  const schema = wideSchema();
  const ui = wideUi();
  const fields = wideFieldCount();
  const compileTimes: number[] = [];
  let compiled: Compiled | undefined;
  for (let i = 0; i < 5; i++) {
    const t = now();
    compiled = { validator: createFormValidator(schema), rules: compileFormRules(schema) };
    compileTimes.push(now() - t);
  }
  const wide = instrument(compiled!);

  const tongbanMounts: number[] = [];
  const peerMounts: number[] = [];
  const mountParts: Record<keyof MountBreakdown, number[]> = { script: [], fields: [], recompute: [], layout: [] };
  for (let i = 0; i < warmMounts + mounts; i++) {
    // Alternate the sides so that neither always runs on a warmer engine.
    await nextFrame();
    const t = await mountTongban(freshContainer(), schema, ui, wideData(), wide);
    check(fieldsOf(t.form).filter((f) => f.shadowRoot?.querySelector('.field')).length === fields, `tb-form rendered ${fieldsOf(t.form).length} of ${fields} fields`);
    await nextFrame();
    const p = mountPeer(() => mountPlainWide(freshContainer(), schema, ui, wideData(), wide.validator));
    check(p.form.root.querySelectorAll('.field').length === fields, 'the peer did not draw every field');
    if (i < warmMounts) continue;
    tongbanMounts.push(t.total);
    peerMounts.push(p.total);
    for (const k of Object.keys(mountParts) as (keyof MountBreakdown)[]) mountParts[k].push(t.breakdown[k]);
  }

  const target = '/s5/remark';
  const { form } = await mountTongban(freshContainer(), schema, ui, wideData(), wide);
  const field = form.shadowRoot!.querySelector<HTMLElement>(`[data-pointer="${target}"]`)!;
  const wideInput = field.shadowRoot!.querySelector<HTMLInputElement>('input')!;
  const wideTongban = await keystrokesTongban(form, wideInput, keystrokes, warmKeystrokes, typing('无', 30));
  check(readAt(form.value, target) === wideInput.value && wideInput.value.length > 1, 'typing did not reach the store');
  check(form.errors.length === 0, `the 200-field form is not valid: ${form.errors[0]?.message ?? ''}`);
  const widePeerForm = mountPlainWide(freshContainer(), schema, ui, wideData(), wide.validator);
  const widePeer = await keystrokesPeer(widePeerForm.input(target), keystrokes, warmKeystrokes, typing('无', 30));
  check(readAt(widePeerForm.data, target) === widePeerForm.input(target).value, 'typing did not reach the peer data');

  // --- the household table ----------------------------------------------------------------------
  const tableSchema = householdSchema(options.dibaoSchema, rows);
  const table = instrument({ validator: createFormValidator(tableSchema), rules: compileFormRules(tableSchema) });
  const tableData = () => householdData(options.dibaoSample, rows);
  const tableTongbanMounts: number[] = [];
  const tablePeerMounts: number[] = [];
  for (let i = 0; i < warmMounts + mounts; i++) {
    await nextFrame();
    const t = await mountTongban(freshContainer(), tableSchema, householdUi, tableData(), table);
    await nextFrame();
    const p = mountPeer(() => mountPlainTable(freshContainer(), tableSchema, tableData(), table.validator));
    if (i < warmMounts) continue;
    tableTongbanMounts.push(t.total);
    tablePeerMounts.push(p.total);
  }
  const row = Math.floor(rows / 2);
  const cell = `/household/members/${row}/name`;
  const mounted = await mountTongban(freshContainer(), tableSchema, householdUi, tableData(), table);
  const tableField = mounted.form.shadowRoot!.querySelector<HTMLElement>('[data-pointer="/household/members"]')!;
  check(tableField.shadowRoot!.querySelectorAll('tbody tr').length === rows, `the table shows ${tableField.shadowRoot!.querySelectorAll('tbody tr').length} of ${rows} rows`);
  const cellInput = tableField.shadowRoot!.querySelector<HTMLInputElement>(`#r${row}-name`)!;
  const tableTongban = await keystrokesTongban(mounted.form, cellInput, keystrokes, warmKeystrokes, typing('李建', 20));
  check(readAt(mounted.form.value, cell) === cellInput.value, 'typing in the table did not reach the store');
  check(mounted.form.errors.length === 0, `the household form is not valid: ${mounted.form.errors[0]?.path ?? ''} ${mounted.form.errors[0]?.message ?? ''}`);
  const tablePeerForm = mountPlainTable(freshContainer(), tableSchema, tableData(), table.validator);
  check(tablePeerForm.root.querySelectorAll('tbody tr').length === rows, 'the peer table is short');
  const tablePeer = await keystrokesPeer(tablePeerForm.input(cell), keystrokes, warmKeystrokes, typing('李建', 20));
  document.body.replaceChildren();

  return {
    userAgent: navigator.userAgent,
    fields,
    rows,
    wideMount: { tongban: stats(tongbanMounts), peer: stats(peerMounts) },
    wideKeystroke: { tongban: stats(wideTongban.times), peer: stats(widePeer) },
    tableMount: { tongban: stats(tableTongbanMounts), peer: stats(tablePeerMounts) },
    tableKeystroke: { tongban: stats(tableTongban.times), peer: stats(tablePeer) },
    compileMs: median(compileTimes),
    wideMountBreakdown: Object.fromEntries(Object.entries(mountParts).map(([k, xs]) => [k, median(xs)])) as unknown as MountBreakdown,
    wideKeystrokeBreakdown: wideTongban.breakdown,
    tableKeystrokeBreakdown: tableTongban.breakdown,
  };
};
