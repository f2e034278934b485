/**
 * The form sections a definition names, against the form: every section a task step's `form` shows
 * and every section an action `writes` — on task steps and on timer steps alike (an 异议 recorded
 * while 公示 waits writes too) — must be a top-level property of the form schema, or the data would
 * be written where no field is and shown nowhere.
 */
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Sections the steps name that the form lacks; `fields` are the form's JSON pointers (`/acceptance`, `/acceptance/date` …). */
export function formSectionProblems(def: WorkflowDefinition, fields: readonly string[]): DefinitionProblem[] {
  const sections = new Set(fields.filter((p) => p.lastIndexOf('/') === 0).map((p) => p.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')));
  const problems: DefinitionProblem[] = [];
  const missing = (section: string, path: string) => { if (!sections.has(section)) problems.push({ path, message: `表单中没有“${section}”部分。` }); };
  for (const [name, step] of Object.entries(def.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (step.type === 'task') for (const section of Object.keys(step.form?.sections ?? {})) missing(section, `${sp}/form/sections/${escape(section)}`);
    if (step.type !== 'task' && step.type !== 'timer') continue;
    for (const [actionName, action] of Object.entries(step.actions ?? {})) {
      (action.writes ?? []).forEach((section, i) => missing(section, `${sp}/actions/${escape(actionName)}/writes/${i}`));
    }
  }
  return problems;
}
