/**
 * The form part of `tongban check`, on the form as data: the form schema compiles (known keywords
 * and formats, expressions that parse, no computed-field cycles), the UI schema names only fields
 * of the schema, the sample application (if any) is valid, every section a step shows or an action
 * writes exists in the schema, and a field a step takes its unit from (`assignee.unitFrom`) offers
 * units of that kind (`x-org-unit`). The CLI reads the files beside a definition and the studio's
 * designer sends its draft; both get these same problems.
 */
import type { TaskStep, WorkflowDefinition } from '../../engine/index.js';
import { checkUiSchema, createFormValidator, schemaAtPath, type FormSchema, type FormValidator, type UiSchema } from '../../forms/core/index.js';

/** Which part a form problem lies in: the schema, the UI schema, the sample, or the definition's use of the form. */
export type FormPart = 'schema' | 'ui' | 'sample' | 'definition';

/** A problem of the form, at a JSON pointer into its part (`''` for the part as a whole). */
export interface FormCheckProblem {
  part: FormPart;
  path: string;
  message: string;
}

/** The form as checked: the schema (shared parts bundled in), and optionally its UI schema and sample. */
export interface FormParts {
  schema: FormSchema;
  ui?: unknown;
  /** The sample application; `undefined` when there is none. */
  sample?: unknown;
}

/** Checks a form against itself and against `definition`. `compile` makes the validator (a cache may be passed). */
export function formProblems(definition: WorkflowDefinition, form: FormParts, compile: (schema: FormSchema) => FormValidator = createFormValidator): FormCheckProblem[] {
  const { schema } = form;
  let validator: FormValidator;
  try {
    validator = compile(schema);
  } catch (e) {
    return [{ part: 'schema', path: '', message: `无法编译：${(e as Error).message}` }];
  }
  const problems: FormCheckProblem[] = [];
  const sections = new Set(Object.keys(schema.properties ?? {}));
  // Task and timer steps; a parallel step's branches are checked like task steps, each at its own path.
  type Worked = { form?: TaskStep['form']; assignee?: TaskStep['assignee']; actions?: TaskStep['actions'] };
  const workedSteps: [string, Worked][] = Object.entries(definition.steps ?? {}).flatMap(([stepName, step]): [string, Worked][] =>
    step.type === 'task' ? [[stepName, step]] : step.type === 'timer' ? [[stepName, { ...(step.actions ? { actions: step.actions } : {}) }]] : step.type === 'parallel' ? Object.entries(step.branches).map(([b, branch]): [string, Worked] => [`${stepName}/branches/${b}`, branch]) : []);
  for (const [stepName, step] of workedSteps) {
    for (const section of Object.keys(step.form?.sections ?? {})) {
      if (!sections.has(section)) problems.push({ part: 'definition', path: `/steps/${stepName}/form/sections/${section}`, message: `表单中没有“${section}”部分。` });
    }
    // A unit the form names: the field must offer the units of that kind (x-org-unit), or the applicant has nothing to choose from.
    const unitFrom = step.assignee?.unitFrom;
    const field = unitFrom ? (schemaAtPath(schema, unitFrom.path) as Record<string, unknown> | undefined) : undefined;
    if (unitFrom && field) {
      const offered = field['x-org-unit'] as { kind?: unknown } | undefined;
      if (offered?.kind !== unitFrom.kind) problems.push({ part: 'definition', path: `/steps/${stepName}/assignee/unitFrom/path`, message: `字段“${unitFrom.path}”须标注 "x-org-unit": {"kind": "${unitFrom.kind}"}，表单才会列出这类单位供选择。` });
    }
    for (const [actionName, action] of Object.entries(step.actions ?? {})) {
      (action.writes ?? []).forEach((section, i) => {
        if (!sections.has(section)) problems.push({ part: 'definition', path: `/steps/${stepName}/actions/${actionName}/writes/${i}`, message: `表单中没有“${section}”部分。` });
      });
    }
  }
  if (form.ui !== undefined && form.ui !== null) for (const p of checkUiSchema(form.ui as UiSchema, schema)) problems.push({ part: 'ui', path: p.path, message: p.message });
  if (form.sample !== undefined && form.sample !== null) {
    const result = validator.validate(form.sample);
    if (!result.valid) for (const e of result.errors) problems.push({ part: 'sample', path: e.path, message: e.message });
  }
  return problems;
}
