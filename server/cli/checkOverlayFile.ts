/**
 * `tongban check workflows/<key>/overlays/<division>.json`: an overlay (local rules) is checked
 * with its base — the `workflow.json` of the process folder the `overlays/` folder sits in — its
 * form, process module and sibling processes: what the overlay may change, then the merged
 * definition with every check of `tongban check`. Problems point into the overlay file. The org
 * tree is the server's, so here a division code is checked for its form and province; publishing
 * also checks that the org tree holds it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkOverlay, duplicateJsonKeys, type DefinitionOverlay, type FormFieldSummary, type ProcessModule, type WorkflowDefinition } from '../../engine/index.js';
import { loadProcessModule } from '../build/processModules.js';
import type { CheckOutcome } from './checkCommand.js';

/** Whether a parsed file is an overlay rather than a definition: it names its `base` process (a definition has no such field). */
export function looksLikeOverlay(parsed: unknown): boolean {
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && typeof (parsed as Record<string, unknown>).base === 'string';
}

/** The base definition file of an overlay file: `<process>/workflow.json` for `<process>/overlays/<division>.json`. */
export function overlayBaseFile(file: string): string {
  return path.resolve(path.dirname(path.resolve(file)), '..', 'workflow.json');
}

/** Checks an overlay file with its base; `helpers` are checkCommand's readers of the base folder. */
export async function checkOverlayFile(
  file: string,
  overlay: unknown,
  helpers: { formFields: (dir: string) => FormFieldSummary | undefined; siblingDefinitions: (file: string) => Map<string, WorkflowDefinition> },
): Promise<CheckOutcome> {
  const baseFile = overlayBaseFile(file);
  let baseText: string;
  try {
    baseText = readFileSync(baseFile, 'utf8');
  } catch {
    return { exitCode: 1, lines: [`/base: 找不到叠加规则的基础定义 ${path.relative(process.cwd(), baseFile)}（叠加规则应放在流程文件夹的 overlays/ 下）。`] };
  }
  let base: WorkflowDefinition;
  try {
    base = JSON.parse(baseText) as WorkflowDefinition;
  } catch (e) {
    return { exitCode: 1, lines: [`/base: 基础定义不是有效的 JSON：${(e as Error).message}`] };
  }
  if (duplicateJsonKeys(baseText).length > 0) return { exitCode: 1, lines: ['/base: 基础定义有重复的键，请先检查基础定义。'] };
  let module: ProcessModule | undefined;
  try {
    module = await loadProcessModule(path.dirname(baseFile));
  } catch (e) {
    return { exitCode: 1, lines: [`/process: ${(e as Error).message}`] };
  }
  const problems = checkOverlay(overlay, base, { form: helpers.formFields(path.dirname(baseFile)), ...(module ? { process: module } : {}), catalogue: helpers.siblingDefinitions(baseFile) }).map((p) => `${p.path || '/'}: ${p.message}`);
  if (problems.length > 0) return { exitCode: 1, lines: [...problems, `共 ${problems.length} 个问题。`] };
  const o = overlay as DefinitionOverlay;
  return { exitCode: 0, lines: [`通过：${o.name ?? '叠加规则'}（${base.key} 第 ${base.version} 版，行政区划 ${o.division}，叠加规则第 ${o.version} 版）`] };
}
