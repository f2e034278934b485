/**
 * The form files beside a workflow definition, checked as `tongban check` does: `form.schema.json`
 * compiles (known keywords and formats, expressions that parse, no computed-field cycles),
 * `form.ui.json` names only fields of the schema, `form.sample.json` (if any) is valid, and every
 * section a step shows or an action writes exists in the schema, and a field a step takes its unit
 * from (`assignee.unitFrom`) offers units of that kind (`x-org-unit`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TaskStep, WorkflowDefinition } from '../../engine/index.js';
import { readFormSchema } from '../build/readFormSchema.js';
import { checkUiSchema, createFormValidator, schemaAtPath, type FormSchema, type UiSchema } from '../../forms/core/index.js';

/** A problem in one of the form files (or in the definition's use of the form). */
export interface FormProblem {
  /** `form.schema.json`, `form.ui.json`, `form.sample.json` or the definition's file name, then a JSON pointer. */
  where: string;
  message: string;
}

function readJson(file: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (e) {
    return { problem: `不是有效的 JSON：${(e as Error).message}` };
  }
}

/** Checks the form files in `dir` against each other and against `definition`. No form files: nothing to check. */
export function checkFormFiles(dir: string, definition: WorkflowDefinition, definitionName = 'workflow.json'): FormProblem[] {
  const schemaFile = path.join(dir, 'form.schema.json');
  if (!existsSync(schemaFile)) return [];
  const problems: FormProblem[] = [];
  const read = readJson(schemaFile);
  if (read.problem) return [{ where: 'form.schema.json', message: read.problem }];
  let schema: FormSchema;
  try {
    schema = readFormSchema(schemaFile); // the shared parts (workflows/_shared/) bundled in, as published
  } catch (e) {
    return [{ where: 'form.schema.json', message: (e as Error).message }];
  }
  let validator;
  try {
    validator = createFormValidator(schema);
  } catch (e) {
    return [{ where: 'form.schema.json', message: `无法编译：${(e as Error).message}` }];
  }

  const sections = new Set(Object.keys(schema.properties ?? {}));
  // Task and timer steps; a parallel step's branches are checked like task steps, each at its own path.
  type Worked = { form?: TaskStep['form']; assignee?: TaskStep['assignee']; actions?: TaskStep['actions'] };
  const workedSteps: [string, Worked][] = Object.entries(definition.steps ?? {}).flatMap(([stepName, step]): [string, Worked][] =>
    step.type === 'task' ? [[stepName, step]] : step.type === 'timer' ? [[stepName, { ...(step.actions ? { actions: step.actions } : {}) }]] : step.type === 'parallel' ? Object.entries(step.branches).map(([b, branch]): [string, Worked] => [`${stepName}/branches/${b}`, branch]) : []);
  for (const [stepName, step] of workedSteps) {
    for (const section of Object.keys(step.form?.sections ?? {})) {
      if (!sections.has(section)) problems.push({ where: `${definitionName}/steps/${stepName}/form/sections/${section}`, message: `表单中没有“${section}”部分。` });
    }
    // A unit the form names: the field must offer the units of that kind (x-org-unit), or the applicant has nothing to choose from.
    const unitFrom = step.assignee?.unitFrom;
    const field = unitFrom ? (schemaAtPath(schema, unitFrom.path) as Record<string, unknown> | undefined) : undefined;
    if (unitFrom && field) {
      const offered = field['x-org-unit'] as { kind?: unknown } | undefined;
      if (offered?.kind !== unitFrom.kind) problems.push({ where: `${definitionName}/steps/${stepName}/assignee/unitFrom/path`, message: `字段“${unitFrom.path}”须标注 "x-org-unit": {"kind": "${unitFrom.kind}"}，表单才会列出这类单位供选择。` });
    }
    for (const [actionName, action] of Object.entries(step.actions ?? {})) {
      (action.writes ?? []).forEach((section, i) => {
        if (!sections.has(section)) problems.push({ where: `${definitionName}/steps/${stepName}/actions/${actionName}/writes/${i}`, message: `表单中没有“${section}”部分。` });
      });
    }
  }

  const uiFile = path.join(dir, 'form.ui.json');
  if (existsSync(uiFile)) {
    const ui = readJson(uiFile);
    if (ui.problem) problems.push({ where: 'form.ui.json', message: ui.problem });
    else for (const p of checkUiSchema(ui.value as UiSchema, schema)) problems.push({ where: `form.ui.json${p.path}`, message: p.message });
  }

  const sampleFile = path.join(dir, 'form.sample.json');
  if (existsSync(sampleFile)) {
    const sample = readJson(sampleFile);
    if (sample.problem) problems.push({ where: 'form.sample.json', message: sample.problem });
    else {
      const result = validator.validate(sample.value);
      if (!result.valid) for (const e of result.errors) problems.push({ where: `form.sample.json${e.path}`, message: e.message });
    }
  }
  return problems;
}
