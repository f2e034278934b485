/**
 * `tongban check <file>`: validates and statically checks a workflow definition, the form files
 * beside it and its document templates (`templates/<key>/` of the project the definition sits in,
 * with the shared layout; each rendered from its sample in strict mode). Every problem is printed
 * as `JSON-path: message` (a template's problem as its file: message); garbage input gets the same
 * treatment, never a stack trace.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDefinition, duplicateJsonKeys, type FormFieldSummary, type ProcessModule, type WorkflowDefinition } from '../../engine/index.js';
import { listSchemaFields } from '../../forms/core/index.js';
import { loadProcessModule } from '../build/processModules.js';
import { readFormSchema } from '../build/readFormSchema.js';
import { checkFormFiles } from './checkForm.js';
import { templateCheckLines } from './checkTemplates.js';
import { checkOverlayFile, looksLikeOverlay } from './checkOverlayFile.js';

/** The outcome of a check: exit code and lines to print. */
export interface CheckOutcome {
  exitCode: number;
  lines: string[];
}

/** The fields of the form beside the definition, if it has a readable one. */
function formFields(dir: string): FormFieldSummary | undefined {
  const file = path.join(dir, 'form.schema.json');
  if (!existsSync(file)) return undefined;
  try {
    const fields = listSchemaFields(readFormSchema(file));
    return { fields: fields.map((f) => f.pointer), sensitive: fields.filter((f) => typeof f.schema['x-mask'] === 'string').map((f) => f.pointer) };
  } catch {
    return undefined; // checkFormFiles reports an unreadable form
  }
}

/**
 * The definitions beside this one (`<workflows>/<key>/workflow.json` of the same workflows folder),
 * by key: the child processes a definition starts must be among them and name it as their parent.
 */
function siblingDefinitions(file: string): Map<string, WorkflowDefinition> {
  const root = path.resolve(path.dirname(path.resolve(file)), '..');
  const catalogue = new Map<string, WorkflowDefinition>();
  let folders: string[];
  try {
    folders = readdirSync(root);
  } catch {
    return catalogue;
  }
  for (const folder of folders) {
    try {
      const d = JSON.parse(readFileSync(path.join(root, folder, 'workflow.json'), 'utf8')) as WorkflowDefinition;
      if (typeof d.key === 'string') catalogue.set(d.key, d);
    } catch {
      // not a process folder, or not readable: not part of the catalogue
    }
  }
  return catalogue;
}

/** The templates folder of the project a definition belongs to: `<project>/templates` for `<project>/workflows/<key>/workflow.json`. */
export function templatesRootOf(file: string): string {
  return path.resolve(path.dirname(path.resolve(file)), '..', '..', 'templates');
}

/**
 * Checks the definition in `file`, with the process module beside it (`process.ts` in the same
 * folder), if any: the guards, effects and resolvers it names must be built in or registered there;
 * the child processes it starts must be among the definitions beside it and name it as parent.
 */
export async function checkFile(file: string | undefined, options: { templatesRoot?: string } = {}): Promise<CheckOutcome> {
  if (!file) return { exitCode: 2, lines: ['用法：tongban check <workflow.json | overlays/<行政区划代码>.json>'] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { exitCode: 1, lines: [`/: 无法读取文件 ${file}${code === 'ENOENT' ? '：文件不存在' : code === 'EISDIR' ? '：这是一个目录' : ''}。`] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { exitCode: 1, lines: [`/: 不是有效的 JSON：${(e as Error).message}`] };
  }
  // A key written twice: JSON.parse keeps the last one silently.
  const repeated = duplicateJsonKeys(text).map((p) => `${p.path || '/'}: ${p.message}`);
  if (repeated.length > 0) return { exitCode: 1, lines: [...repeated, `共 ${repeated.length} 个问题。`] };
  // Local rules: an overlay is checked with the base definition of its process folder (checkOverlayFile.ts).
  if (looksLikeOverlay(parsed)) return checkOverlayFile(file, parsed, { formFields, siblingDefinitions });
  let process: ProcessModule | undefined;
  try {
    process = await loadProcessModule(path.dirname(path.resolve(file)));
  } catch (e) {
    return { exitCode: 1, lines: [`/process: ${(e as Error).message}`] };
  }
  const problems = checkDefinition(parsed as WorkflowDefinition, undefined, formFields(path.dirname(file)), process, siblingDefinitions(file)).map((p) => `${p.path || '/'}: ${p.message}`);
  // The form files are checked once the definition itself is sound (their check reads its steps).
  if (problems.length === 0) problems.push(...checkFormFiles(path.dirname(file), parsed as WorkflowDefinition, path.basename(file)).map((p) => `${p.where}: ${p.message}`));
  // And so are its documents: every template it names exists, and every template keeps the rules and renders its sample.
  if (problems.length === 0) problems.push(...templateCheckLines(parsed as WorkflowDefinition, options.templatesRoot ?? templatesRootOf(file)));
  if (problems.length === 0) {
    const def = parsed as WorkflowDefinition;
    return { exitCode: 0, lines: [`通过：${def.name}（${def.key} 第 ${def.version} 版，${Object.keys(def.steps).length} 个步骤）`] };
  }
  return { exitCode: 1, lines: [...problems, `共 ${problems.length} 个问题。`] };
}
