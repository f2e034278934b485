/**
 * A draft version as the studio's simulation and template preview read it: the
 * `workflow_definitions` record of the key and version with status `draft` (national: no
 * division), its definition compiled with the process's module, the form's computed fields, its
 * templates and its sample (the process's `form.sample.json`, stored with the draft). Nothing here
 * writes.
 */
import { checkDefinition, compileWorkflow, DefinitionError, type CompiledWorkflow, type JsonValue, type WorkflowDefinition } from '../../engine/index.js';
import { compileFormRules, evaluateComputed, type FormSchema } from '../../forms/core/index.js';
import { compileVersionDocuments, readVersionTemplates, versionTemplateProblems, type VersionDocuments, type VersionTemplates } from './documentTemplates.js';
import { draftRecord, processKey, versionNumber } from './designerRecords.js';
import { HttpError } from './httpError.js';
import { readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { processModuleFor } from './processModules.js';
import { formSummary, publishedCatalogue } from './publishing.js';

const isObject = (v: unknown): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The draft record of `key` and `version` (designerRecords.ts): 404 when there is no such version, 409 `not_a_draft` when it is published or retired. */
export function findDraftRecord(tx: PbApp, key: string, version: string): PbRecord {
  return draftRecord(tx, processKey(key), versionNumber(version));
}

/** The draft's templates, read defensively. */
export function draftTemplates(record: PbRecord): VersionTemplates {
  return readVersionTemplates(readJson<unknown>(record, 'templates'));
}

/** The draft's stored sample (the form's data), or an empty object when it has none. */
export function draftSample(record: PbRecord): Record<string, JsonValue> {
  let sample: unknown;
  try {
    sample = readJson<unknown>(record, 'sample');
  } catch {
    sample = null;
  }
  return isObject(sample) ? sample : {};
}

/** The form's computed fields filled in as the server fills them in (withComputedFields.ts), or the data as it is without a form. */
export function draftComputeData(record: PbRecord, definition: WorkflowDefinition): (data: Record<string, JsonValue>) => Record<string, JsonValue> {
  const schema = readJson<FormSchema | null>(record, 'form_schema');
  if (!schema) return (d) => d;
  const rules = compileFormRules(schema);
  const params = (definition.parameters ?? {}) as Record<string, JsonValue>;
  return (d) => evaluateComputed(rules, d, { params }) as Record<string, JsonValue>;
}

/** A draft's definition checked and compiled, with its form's computed fields. */
export interface CheckedDraft {
  definition: WorkflowDefinition;
  compiled: CompiledWorkflow;
  computeData: (data: Record<string, JsonValue>) => Record<string, JsonValue>;
}

/** Checked drafts by record id and save time (a save changes `updated`): a walk after a walk compiles nothing. */
const checkedDrafts = new Map<string, CheckedDraft>();
const maxCheckedDrafts = 16;

/**
 * The draft's definition compiled, when it passes the checks of `tongban check` (the definition's
 * shape and static checks against its form and process module, and its templates); otherwise 409
 * `invalid_definition` with the problems, as publishing answers — what would not publish is not
 * simulated. Kept per saved state of the draft.
 */
export function compileCheckedDraft(record: PbRecord): CheckedDraft {
  const cacheKey = `${record.id}@${record.getString('updated')}`;
  const cached = checkedDrafts.get(cacheKey);
  if (cached) return cached;
  const key = record.getString('key');
  const definition = readJson<WorkflowDefinition>(record, 'definition');
  const name = `“${key}”第 ${record.getInt('version')} 版草稿`;
  const refuse = (problems: { path: string; message: string }[]) => new HttpError(409, 'invalid_definition', `流程${name}未通过检查（${problems.length} 个问题），不能模拟。`, problems);
  if (!isObject(definition)) throw refuse([{ path: '/definition', message: '流程定义须为 JSON 对象。' }]);
  const process = processModuleFor(key);
  const checked = checkDefinition(definition, undefined, formSummary(record), process, publishedCatalogue()).map((p) => ({ path: `/definition${p.path}`, message: p.message }));
  const templateProblems = versionTemplateProblems(definition, draftTemplates(record)).map((p) => ({ path: p.path.startsWith('/templates') ? p.path : `/definition${p.path}`, message: p.message }));
  if (checked.length + templateProblems.length > 0) throw refuse([...checked, ...templateProblems]);
  let compiled: CompiledWorkflow;
  try {
    compiled = compileWorkflow(definition, { process });
  } catch (e) {
    if (!(e instanceof DefinitionError)) throw e;
    throw refuse(e.problems.map((p) => ({ path: `/definition${p.path}`, message: p.message })));
  }
  const result = { definition, compiled, computeData: draftComputeData(record, definition) };
  if (checkedDrafts.size >= maxCheckedDrafts) checkedDrafts.delete(checkedDrafts.keys().next().value!);
  checkedDrafts.set(cacheKey, result);
  return result;
}

/** Drafts compiled without the checks (for the template preview) by record id and save time. */
const compiledDrafts = new Map<string, CheckedDraft>();

/**
 * The draft's definition compiled without the checks — the template preview serves a draft being
 * mended — or 409 `invalid_definition` when it does not compile. Kept per saved state of the draft.
 */
export function compileDraft(record: PbRecord): CheckedDraft {
  const cacheKey = `${record.id}@${record.getString('updated')}`;
  const cached = checkedDrafts.get(cacheKey) ?? compiledDrafts.get(cacheKey);
  if (cached) return cached;
  const definition = readJson<WorkflowDefinition>(record, 'definition');
  let compiled: CompiledWorkflow;
  try {
    compiled = compileWorkflow(definition, { process: processModuleFor(record.getString('key')) });
  } catch (e) {
    if (!(e instanceof DefinitionError)) throw e;
    throw new HttpError(409, 'invalid_definition', '草稿的流程定义未通过检查，无法预览文书。', e.problems.map((p) => ({ path: `/definition${p.path}`, message: p.message })));
  }
  const result = { definition, compiled, computeData: draftComputeData(record, definition) };
  if (compiledDrafts.size >= maxCheckedDrafts) compiledDrafts.delete(compiledDrafts.keys().next().value!);
  compiledDrafts.set(cacheKey, result);
  return result;
}

/** Compiled documents by the hash of the templates they were compiled from (a draft's templates change with each save). */
const compiledDocuments = new Map<string, VersionDocuments>();
const maxCachedDocuments = 32;

/** The draft's documents compiled once per distinct set of templates (kept in this VM, the oldest forgotten past {@link maxCachedDocuments}). */
export function draftDocuments(key: string, templates: VersionTemplates): VersionDocuments {
  const hash = sha256(JSON.stringify([key, templates.documents, templates.shared]));
  let documents = compiledDocuments.get(hash);
  if (!documents) {
    documents = compileVersionDocuments(key, templates);
    if (compiledDocuments.size >= maxCachedDocuments) compiledDocuments.delete(compiledDocuments.keys().next().value!);
    compiledDocuments.set(hash, documents);
  }
  return documents;
}
