/**
 * Compiled workflows, validators and document templates, cached per version record (a national
 * version, or a division's overlay materialised over one) for the life of
 * the server process (PocketBase shares loaded modules across its VM pool). Nothing is compiled on
 * a request after the first use of a version; `warmUp` compiles every published one at start.
 */
import { compileWorkflow, DefinitionError, type CompiledWorkflow } from '../../engine/index.js';
import type { WorkflowDefinition } from '../../engine/definition/types.js';
import { attachmentReferences, compileFormRules, idCardFields, createFormValidator, masksFromSchema, type FormRules, type FormSchema, type FormValidator } from '../../forms/core/index.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { readJson } from './pocketbase.js';
import { HttpError } from './httpError.js';
import { processModuleFor } from './processModules.js';
import { bundledValidatorFor } from './bundledValidators.js';
import { cachedRead } from './configCache.js';
import { compileVersionDocuments, readVersionTemplates, versionTemplateProblems, type VersionDocuments } from './documentTemplates.js';

/** Everything needed to run cases of one definition version. */
export interface LoadedWorkflow {
  recordId: string;
  /** The division whose local rules (overlay) this version record carries; '' for a national version. */
  division: string;
  definition: WorkflowDefinition;
  compiled: CompiledWorkflow;
  formSchema: FormSchema | null;
  validator: FormValidator | null;
  /** Whether the form's validator came precompiled with the hook bundle (a shipped form), not compiled in this VM. */
  precompiledValidator: boolean;
  /** Computed fields and conditional fields of the form, compiled once. */
  rules: FormRules | null;
  /** Mask kind per field pointer, as the form schema declares (`x-mask`). */
  masks: Record<string, string>;
  /** Pointers of attachment references (`file`, `type`, `size` of `x-attachment` items), shown as stored where their section is masked. */
  attachmentReferences: string[];
  /** Pointers (`*` for array items) of the form's 身份证 fields: the people the 近亲属 register is checked against. */
  idFields: string[];
  /** The documents published with this version (`templates`), compiled once. */
  documents: VersionDocuments;
}

/** By version record id: a key and version may have a record per division (overlays). */
const byRecord = new Map<string, LoadedWorkflow>();

/** Compiles a stored definition with its process module; one that does not compile answers 409 with its problems, never a crash. */
function compileStored(record: PbRecord, definition: WorkflowDefinition): CompiledWorkflow {
  try {
    return compileWorkflow(definition, { process: processModuleFor(definition.key) });
  } catch (e) {
    if (!(e instanceof DefinitionError)) throw e;
    const name = `“${record.getString('key')}”第 ${record.getInt('version')} 版`;
    throw new HttpError(409, 'invalid_definition', `流程${name}的定义无效，不能办理；请管理员修正后发布新版本。`, e.problems.map((p) => ({ path: `/definition${p.path}`, message: p.message })));
  }
}

/**
 * Compiles the documents published with a version; a version whose definition names a template it
 * does not carry (or whose templates break the rules) answers 409 before any case moves, never
 * failing inside a command.
 */
function documentsOf(record: PbRecord, definition: WorkflowDefinition): VersionDocuments {
  const templates = readVersionTemplates(readJson<unknown>(record, 'templates'));
  const problems = versionTemplateProblems(definition, templates);
  if (problems.length > 0) {
    const name = `“${record.getString('key')}”第 ${record.getInt('version')} 版`;
    throw new HttpError(409, 'invalid_definition', `流程${name}的文书模板无效，不能办理；请管理员修正后发布新版本。`, problems.map((p) => ({ path: p.path.startsWith('/templates') ? p.path : `/definition${p.path}`, message: p.message })));
  }
  return compileVersionDocuments(definition.key, templates);
}

function load(record: PbRecord): LoadedWorkflow {
  const definition = readJson<WorkflowDefinition>(record, 'definition');
  const formSchema = readJson<FormSchema | null>(record, 'form_schema');
  const compiled = compileStored(record, definition);
  // A shipped form's validator comes precompiled with the bundle; any other form is compiled here.
  const precompiled = formSchema ? bundledValidatorFor(formSchema) : undefined;
  return {
    recordId: record.id,
    division: record.getString('division'),
    definition,
    compiled,
    documents: documentsOf(record, definition),
    formSchema,
    validator: formSchema ? createFormValidator(formSchema, { precompiled }) : null,
    precompiledValidator: precompiled !== undefined,
    rules: formSchema ? compileFormRules(formSchema) : null,
    masks: formSchema ? masksFromSchema(formSchema) : {},
    attachmentReferences: formSchema ? attachmentReferences(formSchema) : [],
    idFields: formSchema ? idCardFields(formSchema) : [],
  };
}

/** The loaded workflow of a definition record id. */
export function workflowByRecord(tx: PbApp, recordId: string): LoadedWorkflow {
  const cached = byRecord.get(recordId);
  if (cached) return cached;
  const record = tx.findRecordById('workflow_definitions', recordId);
  const wf = load(record);
  // A draft still changes (the designer saves it); a published or retired version never does.
  if (record.getString('status') !== 'draft') byRecord.set(recordId, wf);
  return wf;
}

/** The newest published national version of a workflow key (no division's overlay), or undefined. */
export function latestPublished(tx: PbApp, key: string): LoadedWorkflow | undefined {
  // Which record is the newest is cached per VM outside transactions (configCache.ts); the version itself never changes.
  const recordId = cachedRead(tx, 'workflow_definitions', `latest:${key}`, () => {
    try {
      return tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "published" && division = ""', '-version', 1, 0, { key })[0]?.id ?? '';
    } catch {
      return '';
    }
  });
  if (!recordId) return undefined;
  let wf = byRecord.get(recordId);
  if (!wf) {
    wf = load(tx.findRecordById('workflow_definitions', recordId));
    byRecord.set(recordId, wf);
  }
  return wf;
}

/** Compiles every published definition (called once at server start); returns how many compiled. An invalid one is skipped, not fatal. */
export function warmUp(tx: PbApp): number {
  const records = tx.findRecordsByFilter('workflow_definitions', 'status = "published"', 'key', 1000, 0);
  let compiled = 0;
  for (const r of records) {
    try {
      workflowByRecord(tx, r.id);
      compiled++;
    } catch (e) {
      // An invalid definition must not stop the server: its routes answer 409 with the problems.
      if (!(e instanceof HttpError)) throw e;
    }
  }
  return compiled;
}
