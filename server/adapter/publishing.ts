/**
 * Publishing a process version through the record API (the loader and any superuser client use
 * it): a published version must pass the same checks as `tongban check` — the definition's shape
 * and static checks against its form and its process module — carry every template its definition
 * names, and its templates must pass the template rules (documentTemplates.ts). A version that does
 * not is refused with 409 `invalid_definition` and its problems, and nothing is written: nothing
 * unchecked is ever published. The child processes a definition starts are checked against the
 * published definitions (each must be published and name it among its parent starters).
 */
import { checkDefinition, type FormFieldSummary, type WorkflowDefinition } from '../../engine/index.js';
import { listSchemaFields, type FormSchema } from '../../forms/core/index.js';
import { HttpError } from './httpError.js';
import { processModuleFor } from './processModules.js';
import { readVersionTemplates, versionTemplateProblems } from './documentTemplates.js';
import { app, readJson, type PbRecord } from './pocketbase.js';

/** 409 for a published version whose documents do not check; null when it may be saved. */
export function publishingRefusal(record: PbRecord): HttpError | null {
  if (record.getString('status') !== 'published') return null;
  let definition: unknown;
  let templates: unknown;
  try {
    definition = readJson<unknown>(record, 'definition');
    templates = readJson<unknown>(record, 'templates');
  } catch {
    return new HttpError(409, 'invalid_definition', '流程定义或文书模板不是有效的 JSON，不能发布。');
  }
  const name = `“${record.getString('key')}”第 ${record.getInt('version')} 版`;
  const definitionProblems = definitionCheck(record, definition);
  if (definitionProblems.length > 0) {
    return new HttpError(409, 'invalid_definition', `流程${name}未通过检查（${definitionProblems.length} 个问题），不能发布。`, definitionProblems);
  }
  const problems = versionTemplateProblems(definition, readVersionTemplates(templates));
  if (problems.length === 0) return null;
  return new HttpError(
    409,
    'invalid_definition',
    `流程${name}的文书模板有 ${problems.length} 个问题，不能发布。`,
    problems.map((p) => ({ path: p.path.startsWith('/templates') ? p.path : `/definition${p.path}`, message: p.message })),
  );
}

/** The form's fields as the static checks read them, or undefined without a usable form. */
export function formSummary(record: PbRecord): FormFieldSummary | undefined {
  try {
    const schema = readJson<FormSchema | null>(record, 'form_schema');
    if (!schema) return undefined;
    const fields = listSchemaFields(schema);
    return { fields: fields.map((f) => f.pointer), sensitive: fields.filter((f) => typeof f.schema['x-mask'] === 'string').map((f) => f.pointer) };
  } catch {
    return undefined;
  }
}

/** The published national definitions by key (newest version): the children a definition starts must be among them and name it as parent. */
export function publishedCatalogue(): Map<string, WorkflowDefinition> {
  const catalogue = new Map<string, WorkflowDefinition>();
  for (const r of app().findRecordsByFilter('workflow_definitions', 'status = "published" && division = ""', '-version', 1000, 0)) {
    const d = readJson<WorkflowDefinition | null>(r, 'definition');
    if (d && typeof d.key === 'string' && !catalogue.has(d.key)) catalogue.set(d.key, d);
  }
  return catalogue;
}

/** The problems `tongban check` finds in the version's definition, with paths under `/definition`. */
function definitionCheck(record: PbRecord, definition: unknown): { path: string; message: string }[] {
  const key = record.getString('key');
  const def = definition as WorkflowDefinition;
  const problems = checkDefinition(def, undefined, formSummary(record), processModuleFor(key), publishedCatalogue()).map((p) => ({ path: `/definition${p.path}`, message: p.message }));
  if (problems.length === 0 && def.key !== key) problems.push({ path: '/definition/key', message: `流程定义的 key“${String(def.key)}”与发布记录的 key“${key}”不一致。` });
  if (problems.length === 0 && def.version !== record.getInt('version')) problems.push({ path: '/definition/version', message: `流程定义的版本 ${String(def.version)} 与发布记录的版本 ${record.getInt('version')} 不一致。` });
  return problems;
}
