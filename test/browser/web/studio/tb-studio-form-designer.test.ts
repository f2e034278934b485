import '../../../../web/src/pages/studio/tb-studio-form-designer.js';
import type { DesignerDraft, DraftEdit, JsonObject } from '../../../../engine/index.js';
import { defaultWidgets } from '../../../../forms/elements/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { loadDibaoForm, dibaoApplication } from '../../support/dibaoForm.js';
import { listOf, signInAs, startFakeServer, stopFakeServer, until, type FakeRoute, type RecordedCall } from '../../support/fakeServer.js';

const definition = (await (await fetch('/workflows/dibao/workflow.json')).json()) as JsonObject;
const dibaoForm = await loadDibaoForm();

/** The 低保 draft as the server answers it: the shipped form, definition and sample. */
function draftOf(): DesignerDraft {
  return {
    id: 'd1', key: 'dibao', version: 99, basedOn: 98, name: '最低生活保障审核确认',
    definition: structuredClone(definition), formSchema: structuredClone(dibaoForm.schema) as JsonObject, uiSchema: structuredClone(dibaoForm.ui) as unknown as JsonObject,
    templates: { documents: {}, shared: {} }, sample: dibaoApplication() as JsonObject, problems: [], updated: '2026-11-29 10:00:00.000Z',
  };
}

interface Mounted { el: HTMLElement; calls: RecordedCall[]; root: ShadowRoot }

async function mount(extra: FakeRoute[] = []): Promise<Mounted> {
  signInAs({ id: 'u-admin', role: 'admin', name: '系统管理员' });
  const calls = startFakeServer([
    ...extra,
    { path: '/api/tongban/admin/workflows/dibao/drafts/99', answer: draftOf() },
    { method: 'POST', path: '/api/tongban/admin/workflows/dibao/check', answer: { problems: [] } },
    { method: 'PUT', path: '/api/tongban/admin/workflows/dibao/drafts/99', answer: (c: RecordedCall) => ({ ...draftOf(), ...(c.body as DraftEdit), updated: '2026-11-29 10:05:00.000Z' }) },
  ]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-studio-form-designer key="dibao" version="99"></tb-studio-form-designer></main>';
  const el = document.querySelector('tb-studio-form-designer') as HTMLElement;
  await until(() => el.shadowRoot?.querySelector('tb-form-outline'), 'the outline');
  await settled(el);
  return { el, calls, root: el.shadowRoot! };
}

/** The shadow root of the page's part `tag`. */
const part = (m: Mounted, tag: string) => {
  const found = m.root.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  assert(found?.shadowRoot, `no ${tag}`);
  return found.shadowRoot!;
};
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const settle = async (m: Mounted) => { await settled(m.el); for (const tag of ['tb-form-outline', 'tb-widget-palette', 'tb-field-editor', 'tb-permission-grid', 'tb-form-preview']) await settled(m.root.querySelector(tag)!); };
/** Sets a control's value as typing would, and fires its change. */
function enter(root: ShadowRoot, selector: string, value: string): void {
  const input = root.querySelector(selector) as HTMLInputElement | HTMLSelectElement;
  assert(input, `no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
/** The field labels of a section in the outline. */
const outlineFields = (m: Mounted, section: string) => [...part(m, 'tb-form-outline').querySelectorAll(`ol[aria-labelledby="section-${section}"] > li button.name`)].map((b) => text(b).split(' ')[0]);
/** The body of the last save. */
const lastSave = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'PUT').at(-1)?.body as DraftEdit & { formSchema: JsonObject; uiSchema: JsonObject; definition: JsonObject };
const save = async (m: Mounted) => {
  const before = m.calls.filter((c) => c.method === 'PUT').length;
  ([...m.root.querySelectorAll('button')].find((b) => text(b) === '保存草稿')!).click();
  await until(() => m.calls.filter((c) => c.method === 'PUT').length > before, 'the save');
  await until(() => !(m.el as HTMLElement & { saving: boolean }).saving, 'the saved draft');
  await settle(m);
};

/** Adds a field from the palette. */
async function addFromPalette(m: Mounted, section: string, widget: string, title: string, key = ''): Promise<void> {
  const palette = part(m, 'tb-widget-palette');
  enter(palette, '#section', section);
  await settle(m);
  (palette.querySelector(`#widget-${widget}`) as HTMLInputElement).click();
  enter(palette, '#title', title);
  enter(palette, '#key', key);
  (palette.querySelector('button[type=submit]') as HTMLButtonElement).click();
  await settle(m);
}

describe('tb-studio-form-designer', () => {
  afterEach(() => {
    stopFakeServer();
    document.body.innerHTML = '';
  });

  it('offers every widget of the registry in the palette, and a field added from it is in the outline, the preview and the saved schema and layout', async () => {
    const m = await mount();
    const offered = [...part(m, 'tb-widget-palette').querySelectorAll('input[name=widget]')].map((i) => (i as HTMLInputElement).value);
    assertEqual(offered, defaultWidgets.list().map((w) => w.name));
    await addFromPalette(m, 'applicant', 'text', '工作单位', 'employer');
    assertEqual(outlineFields(m, 'applicant').at(-1), '工作单位');
    // The preview draws it with the real <tb-form>.
    const preview = part(m, 'tb-form-preview').querySelector('tb-form')!;
    await until(() => preview.shadowRoot?.querySelector('[data-pointer="/applicant/employer"], tb-text-field[pointer="/applicant/employer"]') || [...(preview.shadowRoot?.querySelectorAll('tb-text-field') ?? [])].some((f) => text(f.shadowRoot?.querySelector('label')) === '工作单位'), 'the new field in the preview');
    await save(m);
    const body = lastSave(m.calls);
    assertEqual((body.formSchema.properties as Record<string, JsonObject>).applicant!.properties!, { ...((body.formSchema.properties as Record<string, JsonObject>).applicant!.properties as JsonObject), employer: { title: '工作单位', type: 'string', maxLength: 100 } });
    assert(JSON.stringify(body.uiSchema).includes('{"type":"Control","scope":"/applicant/employer","widget":"text"}'), 'the control is in the layout');
    assertEqual(body.expectedUpdated, '2026-11-29 10:00:00.000Z');
    assertEqual(text(m.root.querySelector('.bar [role=status]')), '已保存');
  });

  it('starts each widget as the data it draws: a 身份证 field is a cn-id-card text masked as one, a household table a list of members', async () => {
    const m = await mount();
    await addFromPalette(m, 'applicant', 'id-card', '配偶身份证号', 'spouseId');
    await addFromPalette(m, 'applicant', 'household-table', '共同居住人', 'others');
    await save(m);
    const props = ((lastSave(m.calls).formSchema.properties as Record<string, JsonObject>).applicant!.properties) as Record<string, JsonObject>;
    assertEqual([props.spouseId!.format, props.spouseId!['x-mask']], ['cn-id-card', 'id-card']);
    assertEqual(props.others!.type, 'array');
    assert(JSON.stringify(props.others!.items).includes('"relation"'), 'members have a relation');
  });

  it('edits a field: label, help, required, length, pattern, masking and a condition built from another field — all written to the schema', async () => {
    const m = await mount();
    await addFromPalette(m, 'applicant', 'text', '代办人电话', 'proxyPhone');
    const editor = part(m, 'tb-field-editor');
    assertEqual(text(editor.querySelector('h3')).startsWith('字段设置：代办人电话'), true);
    enter(editor, '#help', '填写代办人的联系电话。');
    await settle(m);
    (part(m, 'tb-field-editor').querySelector('#required') as HTMLInputElement).click();
    await settle(m);
    enter(part(m, 'tb-field-editor'), '#maxLength', '20');
    await settle(m);
    enter(part(m, 'tb-field-editor'), '#pattern', '^[0-9-]+$');
    await settle(m);
    enter(part(m, 'tb-field-editor'), '#mask', 'mobile');
    await settle(m);
    const e = part(m, 'tb-field-editor');
    enter(e, '#when-field', '/applicant/filedByProxy');
    enter(e, '#when-comparison', '==');
    enter(e, '#when-value', 'true');
    ([...e.querySelectorAll('button')].find((b) => text(b) === '设为显示条件')!).click();
    await settle(m);
    assertEqual((part(m, 'tb-field-editor').querySelector('#visible-if') as HTMLInputElement).value, 'applicant.filedByProxy == true');
    await save(m);
    const applicant = (lastSave(m.calls).formSchema.properties as Record<string, JsonObject>).applicant!;
    assertEqual((applicant.properties as Record<string, JsonObject>).proxyPhone, { title: '代办人电话', type: 'string', maxLength: 20, description: '填写代办人的联系电话。', pattern: '^[0-9-]+$', 'x-mask': 'mobile', 'x-visible-if': 'applicant.filedByProxy == true' });
    assert((applicant.required as string[]).includes('proxyPhone'), 'required');
  });

  it('edits the choices of a choice field, one per line, blank lines and repeats dropped', async () => {
    const m = await mount();
    await addFromPalette(m, 'applicant', 'radio', '居住状况', 'living');
    enter(part(m, 'tb-field-editor'), '#options', '独居\n与子女同住\n\n独居\n其他');
    await settle(m);
    await save(m);
    const living = ((lastSave(m.calls).formSchema.properties as Record<string, JsonObject>).applicant!.properties as Record<string, JsonObject>).living!;
    assertEqual(living.enum, ['独居', '与子女同住', '其他']);
  });

  it('names a condition that does not parse beside its box', async () => {
    const m = await mount();
    await addFromPalette(m, 'applicant', 'text', '备注', 'remark');
    enter(part(m, 'tb-field-editor'), '#visible-if', 'applicant.name ==');
    await settle(m);
    const editor = part(m, 'tb-field-editor');
    assertEqual(editor.querySelector('#visible-if')!.getAttribute('aria-invalid'), 'true');
    assert(text(editor.querySelector('#visible-if-problem')) !== '', 'the problem is named');
  });

  it('moves a field by keyboard (Enter on its ↑ button) in the schema and the layout, and removes one', async () => {
    const m = await mount();
    const before = outlineFields(m, 'applicant');
    const outline = part(m, 'tb-form-outline');
    const up = outline.querySelector(`button[aria-label="上移：${before[1]}"]`) as HTMLButtonElement;
    up.focus();
    // A button answers Enter with a click: the keyboard path is the click path.
    up.click();
    await settle(m);
    assertEqual(outlineFields(m, 'applicant').slice(0, 2), [before[1], before[0]]);
    (part(m, 'tb-form-outline').querySelector(`button[aria-label="删除：${before[2]}"]`) as HTMLButtonElement).click();
    await settle(m);
    assertEqual(outlineFields(m, 'applicant').includes(before[2]!), false);
    await save(m);
    const body = lastSave(m.calls);
    const keys = Object.keys((body.formSchema.properties as Record<string, JsonObject>).applicant!.properties as JsonObject);
    assertEqual(keys.slice(0, 2), ['idNumber', 'name']);
    assertEqual(keys.includes('phone'), false);
    assertEqual(JSON.stringify(body.uiSchema).includes('"/applicant/phone"'), false);
    const scopes = [...JSON.stringify(body.uiSchema).matchAll(/"scope":"(\/applicant\/[a-zA-Z]+)"/g)].map((x) => x[1]);
    assertEqual(scopes.slice(0, 2), ['/applicant/idNumber', '/applicant/name']);
  });

  it('sets a section’s permission per step in the grid: write on 乡镇受理 lists it, hidden removes it', async () => {
    const m = await mount();
    const grid = part(m, 'tb-permission-grid');
    const cell = grid.querySelector('select[aria-label="受理 · 乡镇受理"]') as HTMLSelectElement;
    assertEqual(cell.value, 'write');
    const applicantOnAccept = grid.querySelector('select[aria-label="申请人基本信息 · 乡镇受理"]') as HTMLSelectElement;
    assertEqual(applicantOnAccept.value, 'masked');
    enter(grid, 'select[aria-label="申请人基本信息 · 乡镇受理"]', 'hidden');
    await settle(m);
    enter(part(m, 'tb-permission-grid'), 'select[aria-label="信息核对 · 乡镇受理"]', 'read');
    await settle(m);
    await save(m);
    const accept = ((lastSave(m.calls).definition.steps as Record<string, JsonObject>).accept!.form as JsonObject).sections as Record<string, string>;
    assertEqual([accept.applicant, accept.verification, accept.acceptance], [undefined, 'read', 'write']);
  });

  it('checks each edit with the draft’s templates and sample, shows the problems on their field and grid cell, and a conflicting save with a way to load the draft again', async () => {
    const m = await mount([
      { method: 'POST', path: '/api/tongban/admin/workflows/dibao/check', answer: { problems: [
        { path: '/formSchema/properties/applicant/properties/phone/maxLength', message: '“联系电话”的最多字数须为非负整数。' },
        { path: '/definition/steps/accept/form/sections/applicant', message: '乡镇受理须能看到申请人。' },
      ] } },
      { method: 'PUT', path: '/api/tongban/admin/workflows/dibao/drafts/99', status: 409, answer: { status: 409, code: 'conflict', message: '草稿已被修改，请重新载入。' } },
    ]);
    (part(m, 'tb-form-outline').querySelector('button[aria-label^="下移：联系电话"]') as HTMLButtonElement).click();
    await until(() => m.calls.some((c) => c.path.endsWith('/check')), 'the live check', 3000);
    await until(() => text(m.root.querySelector('#check-title + p')).includes('发现 2 个问题'), 'the problems');
    // The check gets what tongban check reads: the definition, the form, the templates and the sample, for this version.
    const checked = m.calls.find((c) => c.path.endsWith('/check'))!.body as Record<string, unknown>;
    assertEqual(Object.keys(checked).sort(), ['definition', 'formSchema', 'sample', 'templates', 'uiSchema', 'version']);
    assertEqual(checked.version, 99);
    await settle(m);
    ([...part(m, 'tb-form-outline').querySelectorAll('button.name')].find((b) => text(b).startsWith('联系电话')) as HTMLButtonElement).click();
    await settle(m);
    assert(text(part(m, 'tb-field-editor').querySelector('ul.problem')).includes('最多字数'), 'the problem is on the field');
    assert(text(part(m, 'tb-permission-grid').querySelector('select[aria-label="申请人基本信息 · 乡镇受理"]')!.parentElement).includes('乡镇受理须能看到申请人'), 'and on the cell');
    ([...m.root.querySelectorAll('button')].find((b) => text(b) === '保存草稿')!).click();
    await until(() => m.root.querySelector('.warning[role=alert]'), 'the conflict');
    assert(text(m.root.querySelector('.warning')).includes('草稿已被修改，请重新载入。'), text(m.root.querySelector('.warning')));
    assert([...m.root.querySelectorAll('.warning button')].some((b) => text(b) === '重新载入草稿'), 'a way to load it again');
  });

  it('shows a published version read-only: the preview and the permissions grid, nothing to save', async () => {
    signInAs({ id: 'u-admin', role: 'admin', name: '系统管理员' });
    const published = draftOf();
    startFakeServer([
      { path: '/api/tongban/admin/workflows/dibao/drafts/98', status: 409, answer: { status: 409, code: 'not_a_draft', message: '流程“dibao”第 98 版已发布，不能修改；请打开新版本的草稿。' } },
      { path: '/api/collections/workflow_definitions/records', answer: listOf([{ id: 'w98', key: 'dibao', version: 98, status: 'published', name: published.name, definition: published.definition, form_schema: published.formSchema, ui_schema: published.uiSchema }]) },
    ]);
    document.body.innerHTML = '<main><tb-studio-form-designer key="dibao" version="98"></tb-studio-form-designer></main>';
    const el = document.querySelector('tb-studio-form-designer') as HTMLElement;
    await until(() => el.shadowRoot?.querySelector('tb-permission-grid'), 'the grid');
    const root = el.shadowRoot!;
    assertEqual(text(root.querySelector('h1')), '表单：最低生活保障审核确认（第 98 版，已发布）');
    assertEqual([...root.querySelectorAll('button')].filter((b) => text(b) === '保存草稿').length, 0);
    assertEqual(root.querySelector('tb-widget-palette'), null);
    const grid = root.querySelector('tb-permission-grid')!;
    await settled(grid);
    assert([...grid.shadowRoot!.querySelectorAll('select')].every((x) => x.disabled), 'the grid cannot change');
    assertEqual(await axeViolations(document.body), []);
  });

  it('previews at phone width and in 长辈模式, and has no axe violations', async () => {
    const m = await mount();
    const preview = part(m, 'tb-form-preview');
    (preview.querySelector('#phone') as HTMLInputElement).click();
    (preview.querySelector('#elder') as HTMLInputElement).click();
    await settle(m);
    const frame = part(m, 'tb-form-preview').querySelector('.frame') as HTMLElement;
    assert(frame.getBoundingClientRect().width <= 390, `the frame is ${frame.getBoundingClientRect().width} px`);
    assert(frame.querySelector('tb-form')!.hasAttribute('elder'), 'the form is in 长辈模式');
    await addFromPalette(m, 'applicant', 'text', '工作单位', 'employer');
    assertEqual(await axeViolations(document.body), []);
  });
});
