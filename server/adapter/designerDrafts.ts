/**
 * Drafts of a new process version (the studio's designer): `POST …/workflows/{key}/drafts` opens
 * one — a `workflow_definitions` record with status `draft`, the next version number, and the
 * definition (its `version` set to the new number), form, UI schema, templates and sample copied
 * from a published version — or answers the process's open draft; `GET`, `PUT` and `DELETE
 * …/drafts/{version}` read, save and discard it. A draft is saved with its problems (the checks of
 * designerCheck.ts) and answers them; two administrators never overwrite each other (a stale
 * `expectedUpdated` is a 409). Published and retired versions are never edited here
 * (versionImmutability.ts).
 */
import type { DesignerDraft, DraftEdit, DraftTemplates, JsonObject } from '../../engine/api/designerRoutes.js';
import { checkInputSafety } from '../../forms/core/index.js';
import { tagActor } from './configAudit.js';
import { recordContent, designerProblems } from './designerCheck.js';
import { readVersionTemplates } from './documentTemplates.js';
import { draftRecord, processKey } from './designerRecords.js';
import { badRequest, conflict, notFound, type FieldProblem } from './httpError.js';
import { newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The open draft of a process, or undefined. */
function openDraftOf(tx: PbApp, key: string): PbRecord | undefined {
  return tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "draft" && division = ""', '-version', 1, 0, { key })[0];
}

/** Sets a JSON field as written (its keys in the author's order, not sorted). */
function writeJson(record: PbRecord, field: string, value: unknown): void {
  record.set(field, JSON.stringify(value ?? null));
}

/** The draft as the designer edits it, with its problems. */
export function draftView(record: PbRecord): DesignerDraft {
  const content = recordContent(record);
  return {
    id: record.id,
    key: record.getString('key'),
    version: record.getInt('version'),
    basedOn: record.getInt('based_on'),
    name: record.getString('name'),
    definition: content.definition as JsonObject,
    formSchema: content.formSchema as JsonObject | null,
    uiSchema: content.uiSchema as JsonObject | null,
    templates: content.templates as DraftTemplates,
    sample: content.sample as JsonObject | null,
    problems: designerProblems(record.getString('key'), content, record.getInt('version')),
    updated: record.getString('updated'),
  };
}

/** The sample of a version, else the newest one stored with any version of the process. */
function sampleFor(tx: PbApp, base: PbRecord): unknown {
  const own = readJson<unknown>(base, 'sample');
  if (own !== null) return own;
  for (const r of tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && division = ""', '-version', 100, 0, { key: base.getString('key') })) {
    const sample = readJson<unknown>(r, 'sample');
    if (sample !== null) return sample;
  }
  return null;
}

/** `POST …/drafts`: opens a draft copied from a published version (201), or answers the open one (200). */
export function openDraft(tx: PbApp, auth: PbRecord | null, key: string, body: unknown): RouteAnswer {
  processKey(key);
  if (!isObject(body)) throw badRequest('请求体必须是 JSON 对象。');
  for (const k of Object.keys(body)) if (k !== 'from') throw badRequest(`不允许的字段“${k}”。`, [{ path: `/${k}`, message: `不允许的字段“${k}”。` }]);
  const from = body.from;
  if (from !== undefined && from !== null && !(typeof from === 'number' && Number.isInteger(from) && from > 0)) throw badRequest('“from”须是版本号（正整数）。', [{ path: '/from', message: '须是版本号（正整数）。' }]);
  const national = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && division = ""', '-version', 1000, 0, { key });
  if (national.length === 0) throw notFound('没有这个流程。');
  const open = openDraftOf(tx, key);
  if (open) return { status: 200, body: draftView(open) };
  const base = typeof from === 'number' ? national.find((r) => r.getInt('version') === from && r.getString('status') !== 'draft') : national.find((r) => r.getString('status') === 'published');
  if (!base) throw badRequest(typeof from === 'number' ? `流程“${key}”没有已发布的第 ${from} 版。` : `流程“${key}”没有已发布的版本。`, [{ path: '/from', message: '没有这个已发布的版本。' }]);
  const version = national[0]!.getInt('version') + 1;
  const definition = readJson<Record<string, unknown>>(base, 'definition');
  const draft = newRecord(tx, 'workflow_definitions');
  draft.set('key', key);
  draft.set('version', version);
  draft.set('status', 'draft');
  draft.set('name', base.getString('name'));
  draft.set('division', '');
  draft.set('overlay_version', 0);
  draft.set('based_on', base.getInt('version'));
  writeJson(draft, 'definition', { ...definition, version });
  writeJson(draft, 'form_schema', readJson<unknown>(base, 'form_schema'));
  writeJson(draft, 'ui_schema', readJson<unknown>(base, 'ui_schema'));
  writeJson(draft, 'templates', readVersionTemplates(readJson<unknown>(base, 'templates')));
  writeJson(draft, 'sample', sampleFor(tx, base));
  tagActor(tx, draft, auth);
  tx.save(draft);
  return { status: 201, body: draftView(tx.findRecordById('workflow_definitions', draft.id)) };
}

/** The limits a draft's content is checked against before anything looks at it (a form is big). */
const draftLimits = { maxDepth: 64, maxArrayLength: 5000, maxStringLength: 500_000, maxKeys: 200_000 };

/** The edit's parts, checked for their shape; 400 with paths otherwise. */
function readEdit(body: unknown): DraftEdit {
  if (!isObject(body)) throw badRequest('请求体必须是 JSON 对象。');
  const problems: FieldProblem[] = checkInputSafety(body, draftLimits).map((e) => ({ path: e.path, message: e.message }));
  if (problems.length > 0) throw badRequest('请求内容不安全或过大。', problems);
  const allowed = new Set(['definition', 'formSchema', 'uiSchema', 'templates', 'sample', 'expectedUpdated']);
  for (const k of Object.keys(body)) if (!allowed.has(k)) problems.push({ path: `/${k}`, message: `不允许的字段“${k}”。` });
  if ('definition' in body && !isObject(body.definition)) problems.push({ path: '/definition', message: '流程定义须是一个 JSON 对象。' });
  for (const k of ['formSchema', 'uiSchema', 'sample']) if (k in body && body[k] !== null && !isObject(body[k])) problems.push({ path: `/${k}`, message: '须是一个 JSON 对象或 null。' });
  if ('templates' in body) {
    const t = body.templates;
    if (!isObject(t) || !isObject(t.documents) || !isObject(t.shared) || Object.keys(t).some((k) => k !== 'documents' && k !== 'shared')) problems.push({ path: '/templates', message: '文书模板须是 { documents, shared }，各为“名称 → 模板文本”。' });
    else for (const part of ['documents', 'shared'] as const) for (const [name, text] of Object.entries(t[part] as Record<string, unknown>)) if (typeof text !== 'string') problems.push({ path: `/templates/${part}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: '模板须是文本。' });
  }
  if ('expectedUpdated' in body && typeof body.expectedUpdated !== 'string') problems.push({ path: '/expectedUpdated', message: '须是草稿上次保存的时间（updated）。' });
  if (problems.length > 0) throw badRequest('草稿内容的格式不对，未保存。', problems);
  return body as DraftEdit;
}

/** `PUT …/drafts/{version}`: saves what changed (problems and all) and answers the draft with its problems. */
export function saveDraft(tx: PbApp, auth: PbRecord | null, key: string, version: number, body: unknown): RouteAnswer {
  processKey(key);
  const edit = readEdit(body);
  let saved = '';
  tx.runInTransaction((t) => {
    const draft = draftRecord(t, key, version);
    if (edit.expectedUpdated !== undefined && edit.expectedUpdated !== draft.getString('updated')) {
      throw conflict(`草稿已被他人保存（${draft.getString('updated')}），请刷新后再改。`);
    }
    if (edit.definition !== undefined) {
      writeJson(draft, 'definition', edit.definition);
      if (typeof edit.definition.name === 'string' && edit.definition.name.trim() !== '') draft.set('name', edit.definition.name.slice(0, 200));
    }
    if (edit.formSchema !== undefined) writeJson(draft, 'form_schema', edit.formSchema);
    if (edit.uiSchema !== undefined) writeJson(draft, 'ui_schema', edit.uiSchema);
    if (edit.templates !== undefined) writeJson(draft, 'templates', { documents: edit.templates.documents, shared: edit.templates.shared });
    if (edit.sample !== undefined) writeJson(draft, 'sample', edit.sample);
    tagActor(t, draft, auth);
    t.save(draft);
    saved = draft.id;
  });
  return { status: 200, body: draftView(tx.findRecordById('workflow_definitions', saved)) };
}

/** `GET …/drafts/{version}`. */
export function getDraft(tx: PbApp, key: string, version: number): RouteAnswer {
  processKey(key);
  return { status: 200, body: draftView(draftRecord(tx, key, version)) };
}

/** `DELETE …/drafts/{version}`: discards a draft (only a draft). */
export function discardDraft(tx: PbApp, auth: PbRecord | null, key: string, version: number): RouteAnswer {
  processKey(key);
  const draft = draftRecord(tx, key, version);
  tagActor(tx, draft, auth);
  tx.delete(draft);
  return { status: 200, body: { key, version, discarded: true } };
}
