/**
 * The form of a published workflow version, with the validator the server precompiled for it.
 */
import { compileFormRules, createFormValidator, type FormRules, type FormSchema, type FormValidator, type SchemaValidateFunction, type UiSchema } from '../../../forms/core/index.js';
import { pb } from './client.js';

/** The form of a published workflow version: its JSON Schema, UI schema, validator and rules. */
export interface WorkflowForm {
  schema: FormSchema;
  ui: UiSchema | undefined;
  compiled: { validator: FormValidator; rules: FormRules };
}

/**
 * The validator of a form version: the module the server precompiled when the version was
 * published (no code generation in the page, as the Content-Security-Policy requires); compiled here
 * only if the server has none, which the policy then refuses with a Chinese error in the form.
 */
async function compileForm(key: string, version: number, schema: FormSchema): Promise<WorkflowForm['compiled']> {
  let precompiled: SchemaValidateFunction | undefined;
  try {
    const url = new URL(`/api/tongban/workflows/${encodeURIComponent(key)}/${version}/validator.js`, window.location.origin).href;
    precompiled = ((await import(/* @vite-ignore */ url)) as { default: SchemaValidateFunction }).default;
  } catch {
    precompiled = undefined;
  }
  try {
    return { validator: createFormValidator(schema, precompiled ? { precompiled } : {}), rules: compileFormRules(schema) };
  } catch (e) {
    throw new Error(`无法加载“${key}”第 ${version} 版的表单校验模块，请联系管理员重新发布该流程。（${e instanceof Error ? e.message : String(e)}）`);
  }
}

const forms = new Map<string, Promise<WorkflowForm>>();

/** The form of a workflow version, fetched once per page load. */
export function getWorkflowForm(key: string, version: number): Promise<WorkflowForm> {
  const id = `${key}@${version}`;
  let form = forms.get(id);
  if (!form) {
    form = pb
      .collection('workflow_definitions')
      .getFirstListItem(pb.filter('key = {:key} && version = {:version}', { key, version }))
      .then(async (r) => {
        const schema = r.form_schema as FormSchema;
        return { schema, ui: (r.ui_schema ?? undefined) as UiSchema | undefined, compiled: await compileForm(key, version, schema) };
      });
    form.catch(() => forms.delete(id));
    forms.set(id, form);
  }
  return form;
}
