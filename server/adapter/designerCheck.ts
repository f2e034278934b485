/**
 * The designer's check (the live check route's answer, and a draft's `problems`):
 * exactly the checks of `tongban check` and of publishing — the definition's shape and static
 * checks against its form, its process module and the catalogue of published processes (the
 * children it starts), then the form (formChecks.ts), then the templates (documentTemplates.ts) —
 * on content sent or saved, with paths under `/definition`, `/formSchema`, `/uiSchema`, `/sample`
 * and `/templates`. Nothing is written. For live checking, the compiled form validator and the
 * form's field list are cached by the schema's digest, the template problems by the templates'
 * digest, and the catalogue by the published records' ids and update times: a check compiles only
 * a form it has not seen (in each of the server's script VMs).
 */
import { checkDefinition, type FormFieldSummary, type WorkflowDefinition } from '../../engine/index.js';
import type { DesignerProblem, DraftTemplates } from '../../engine/api/designerRoutes.js';
import { createFormValidator, listSchemaFields, type FormSchema, type FormValidator } from '../../forms/core/index.js';
import { readVersionTemplates, renderedTemplates, versionTemplateProblems, type TemplateProblem } from './documentTemplates.js';
import { formProblems } from './formChecks.js';
import { processModuleFor } from './processModules.js';
import { app, readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/** What is checked: a version's content as the designer edits it. */
export interface DesignerContent {
  definition: unknown;
  formSchema?: unknown;
  uiSchema?: unknown;
  templates?: DraftTemplates | unknown;
  sample?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Compiled validators by the digest of their schema (a few: the forms being edited now). */
const validators = new Map<string, FormValidator>();
const validatorsKept = 8;

/** The form's validator, compiled once per distinct schema. */
export function cachedFormValidator(schema: FormSchema): FormValidator {
  const digest = sha256(JSON.stringify(schema));
  const hit = validators.get(digest);
  if (hit) return hit;
  const validator = createFormValidator(schema);
  if (validators.size >= validatorsKept) validators.delete(validators.keys().next().value!);
  validators.set(digest, validator);
  return validator;
}

/** Template problems by the digest of the templates and of the documents the definition names (templates change less often than steps). */
const templateChecks = new Map<string, TemplateProblem[]>();

/** {@link versionTemplateProblems}, remembered for the templates and document names last checked. */
function cachedTemplateProblems(definition: unknown, templates: unknown): TemplateProblem[] {
  const read = readVersionTemplates(templates);
  const digest = sha256(JSON.stringify([renderedTemplates(definition), read]));
  const hit = templateChecks.get(digest);
  if (hit) return hit;
  const problems = versionTemplateProblems(definition, read);
  if (templateChecks.size >= validatorsKept) templateChecks.delete(templateChecks.keys().next().value!);
  templateChecks.set(digest, problems);
  return problems;
}

/** Form field summaries by the digest of their schema. */
const summaries = new Map<string, FormFieldSummary | undefined>();

let catalogueCache: { stamp: string; catalogue: Map<string, WorkflowDefinition> } | undefined;

/** The published national definitions by key (newest version), as publishing.ts reads them, re-read only when a record changed. */
function publishedDefinitions(tx: PbApp): Map<string, WorkflowDefinition> {
  const rows = selectRows(tx, "SELECT id, updated FROM workflow_definitions WHERE status = 'published' AND division = '' ORDER BY id", {}, { id: '', updated: '' });
  const stamp = rows.map((r) => `${r.id}@${r.updated}`).join(',');
  if (catalogueCache?.stamp === stamp) return catalogueCache.catalogue;
  const catalogue = new Map<string, WorkflowDefinition>();
  for (const r of tx.findRecordsByFilter('workflow_definitions', 'status = "published" && division = ""', '-version', 1000, 0)) {
    const d = readJson<WorkflowDefinition | null>(r, 'definition');
    if (d && typeof d.key === 'string' && !catalogue.has(d.key)) catalogue.set(d.key, d);
  }
  catalogueCache = { stamp, catalogue };
  return catalogue;
}

/** The form's fields as the static checks read them, or undefined without a usable form. */
function fieldSummary(schema: unknown): FormFieldSummary | undefined {
  if (!isObject(schema)) return undefined;
  const digest = sha256(JSON.stringify(schema));
  if (summaries.has(digest)) return summaries.get(digest);
  let summary: FormFieldSummary | undefined;
  try {
    const fields = listSchemaFields(schema as FormSchema);
    summary = { fields: fields.map((f) => f.pointer), sensitive: fields.filter((f) => typeof f.schema['x-mask'] === 'string').map((f) => f.pointer) };
  } catch {
    summary = undefined;
  }
  if (summaries.size >= validatorsKept) summaries.delete(summaries.keys().next().value!);
  summaries.set(digest, summary);
  return summary;
}

const formPrefix = { schema: '/formSchema', ui: '/uiSchema', sample: '/sample', definition: '/definition' } as const;

/**
 * The problems of a process's content, as `tongban check` finds them; `version` (a draft's or a
 * version's number) must then be the definition's own. Empty: it may be published.
 */
export function designerProblems(key: string, content: DesignerContent, version?: number, tx: PbApp = app(), timings?: Record<string, number>): DesignerProblem[] {
  let lap = Date.now();
  const time = (part: string) => {
    const at = Date.now();
    if (timings) timings[part] = at - lap;
    lap = at;
  };
  const definition = content.definition;
  if (!isObject(definition)) return [{ path: '/definition', message: '流程定义须是一个 JSON 对象。' }];
  const def = definition as unknown as WorkflowDefinition;
  const catalogue = new Map(publishedDefinitions(tx));
  if (typeof def.key === 'string') catalogue.set(def.key, def);
  const problems: DesignerProblem[] = checkDefinition(def, undefined, fieldSummary(content.formSchema), processModuleFor(key), catalogue).map((p) => ({ path: `/definition${p.path}`, message: p.message }));
  if (problems.length === 0 && def.key !== key) problems.push({ path: '/definition/key', message: `流程定义的 key“${String(def.key)}”与流程“${key}”不一致。` });
  if (problems.length === 0 && version !== undefined && def.version !== version) problems.push({ path: '/definition/version', message: `流程定义的版本 ${String(def.version)} 与草稿的版本 ${version} 不一致。` });
  time('definition');
  if (problems.length > 0) return problems;
  // The form once the definition is sound (its check reads the steps), as `tongban check` does.
  if (content.formSchema !== undefined && content.formSchema !== null) {
    if (!isObject(content.formSchema)) return [{ path: '/formSchema', message: '表单结构须是一个 JSON 对象。' }];
    problems.push(...formProblems(def, { schema: content.formSchema as FormSchema, ui: content.uiSchema, sample: content.sample }, cachedFormValidator).map((p) => ({ path: `${formPrefix[p.part]}${p.path}`, message: p.message })));
    time('form');
    if (problems.length > 0) return problems;
  } else if (content.uiSchema !== undefined && content.uiSchema !== null) return [{ path: '/uiSchema', message: '没有表单结构时不能有界面配置。' }];
  // And the documents: every template it names exists, and every template keeps the rules.
  const templateProblems = cachedTemplateProblems(def, content.templates).map((p) => ({ path: p.path.startsWith('/templates') ? p.path : `/definition${p.path}`, message: p.message }));
  time('templates');
  return templateProblems;
}

/** The content stored in a version record, as the designer edits it. */
export function recordContent(record: PbRecord): Required<DesignerContent> {
  return {
    definition: readJson<unknown>(record, 'definition'),
    formSchema: readJson<unknown>(record, 'form_schema'),
    uiSchema: readJson<unknown>(record, 'ui_schema'),
    templates: readVersionTemplates(readJson<unknown>(record, 'templates')),
    sample: readJson<unknown>(record, 'sample'),
  };
}
