/**
 * The form files beside a workflow definition, checked as `tongban check` does (the checks
 * themselves are server/adapter/formChecks.ts, shared with the studio's designer):
 * `form.schema.json` compiles, `form.ui.json` names only fields of the schema, `form.sample.json`
 * (if any) is valid, and the definition's use of the form fits it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowDefinition } from '../../engine/index.js';
import { readFormSchema } from '../build/readFormSchema.js';
import type { FormSchema } from '../../forms/core/index.js';
import { formProblems } from '../adapter/formChecks.js';

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
  const read = readJson(schemaFile);
  if (read.problem) return [{ where: 'form.schema.json', message: read.problem }];
  let schema: FormSchema;
  try {
    schema = readFormSchema(schemaFile); // the shared parts (workflows/_shared/) bundled in, as published
  } catch (e) {
    return [{ where: 'form.schema.json', message: (e as Error).message }];
  }
  const unreadable: FormProblem[] = [];
  const optional = (file: string): unknown => {
    if (!existsSync(path.join(dir, file))) return undefined;
    const r = readJson(path.join(dir, file));
    if (r.problem) unreadable.push({ where: file, message: r.problem });
    return r.value;
  };
  const ui = optional('form.ui.json');
  const sample = optional('form.sample.json');
  const files = { schema: 'form.schema.json', ui: 'form.ui.json', sample: 'form.sample.json', definition: definitionName } as const;
  const problems = formProblems(definition, { schema, ui, sample }).map((p) => ({ where: `${files[p.part]}${p.path}`, message: p.message }));
  if (problems.length === 1 && problems[0]!.where === 'form.schema.json' && problems[0]!.message.startsWith('无法编译')) return problems;
  // Problems in the definition's use of the form first, then the UI schema's, then the sample's, as before.
  const order = (w: string) => (w.startsWith(definitionName) ? 0 : w.startsWith('form.ui.json') ? 1 : 2);
  return [...problems.filter((p) => order(p.where) === 0), ...unreadable.filter((p) => p.where === 'form.ui.json'), ...problems.filter((p) => order(p.where) === 1), ...unreadable.filter((p) => p.where === 'form.sample.json'), ...problems.filter((p) => order(p.where) === 2)];
}
