/**
 * A published version never changes (DESIGN §3): once a `workflow_definitions` record is published
 * (or retired), its definition, form, UI schema, templates, overlay and identity stay as they were,
 * whoever saves it — the record API (superusers, the loader) or any route. Only what was never
 * stored may be added (a version stored before templates, samples or precompiled validators were
 * gets them once; the validator module, made from the form, may be dropped for the loader to make
 * again), and the status may move between published and retired. It is never deleted either (a
 * new record could take its number with other content): it is retired. Only a draft is edited.
 */
import { HttpError } from './httpError.js';
import type { PbRecord } from './pocketbase.js';

/** A record as the record hooks see it: with the values it was loaded with. */
export interface LoadedRecord extends PbRecord {
  original(): PbRecord;
}

/** Fields that never change once a version is published. */
const frozen = ['key', 'version', 'division', 'overlay_version', 'base', 'name', 'definition', 'form_schema', 'ui_schema', 'overlay', 'based_on'];

/** Canonical JSON text of a stored field (object keys sorted), so key order alone is no change. */
function canonicalField(record: PbRecord, field: string): string {
  const text = record.getString(field);
  let value: unknown;
  try {
    value = text === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
    return JSON.stringify(v);
  };
  return canonical(value);
}

const isEmpty = (text: string) => text === '' || text === 'null' || text === '{}' || text === '""';

/** Whether stored templates hold no document (a version stored before templates were). */
function withoutDocuments(record: PbRecord): boolean {
  try {
    const t = JSON.parse(record.getString('templates') || 'null') as { documents?: Record<string, unknown> } | null;
    return !t || !t.documents || Object.keys(t.documents).length === 0;
  } catch {
    return true;
  }
}

/** 409 `immutable_version` when the save would change a published or retired version; null otherwise. */
export function versionChangeRefusal(record: LoadedRecord): HttpError | null {
  const before = record.original();
  const status = before.getString('status');
  if (status !== 'published' && status !== 'retired') return null;
  const name = `“${before.getString('key')}”第 ${before.getInt('version')} 版`;
  const refuse = (field: string, message: string) => new HttpError(409, 'immutable_version', `流程${name}已发布，不能修改；请在流程设计中打开新版本的草稿。`, [{ path: `/${field}`, message }]);
  if (record.getString('status') === 'draft') return refuse('status', '已发布的版本不能改回草稿。');
  for (const field of frozen) if (canonicalField(record, field) !== canonicalField(before, field)) return refuse(field, '已发布版本的这一项不可更改。');
  // Added once to a version stored before they were kept: templates, the sample, the validator module (with the fingerprint).
  const templatesAdded = withoutDocuments(before);
  if (canonicalField(record, 'templates') !== canonicalField(before, 'templates') && !templatesAdded) return refuse('templates', '已发布版本的文书模板不可更改。');
  if (canonicalField(record, 'sample') !== canonicalField(before, 'sample') && !isEmpty(before.getString('sample'))) return refuse('sample', '已发布版本的示例数据不可更改。');
  // The validator module is made from the form: it may be dropped (the loader makes it again at its next start) or added, never replaced.
  if (record.getString('validator_module') !== before.getString('validator_module') && before.getString('validator_module') !== '' && record.getString('validator_module') !== '') return refuse('validator_module', '已发布版本的表单校验模块不可更改。');
  if (record.getString('sha256') !== before.getString('sha256') && !templatesAdded && before.getString('sha256') !== '') return refuse('sha256', '已发布版本的指纹不可更改。');
  return null;
}

/** 409 `immutable_version` for deleting a published or retired version (it would let another take its number); null for a draft. */
export function versionDeletionRefusal(record: PbRecord): HttpError | null {
  const status = record.getString('status');
  if (status !== 'published' && status !== 'retired') return null;
  return new HttpError(409, 'immutable_version', `流程“${record.getString('key')}”第 ${record.getInt('version')} 版已发布，不能删除；不再使用时请停用。`);
}
