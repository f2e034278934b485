/**
 * `tongban simulate <workflow.json> <move> <move> …`: walks a definition along a path of moves with
 * the real engine on a simulated clock (engine/simulate) and prints each state: the step, the open
 * tasks (level, unit, role, deadline in dates and working days), the pending timer, the documents
 * rendered and the statutory clock. The definition must pass `tongban check` first (with the form
 * and templates beside it); the case data is the form's sample (`form.sample.json` beside it, or
 * `--sample`), with the computed fields of the form beside it (or `--form`) filled in as the server
 * fills them in; documents are rendered from the process's templates (`--templates`, default those of
 * the project) and written to a folder with `--html`. A move the engine refuses ends the run with
 * exit code 1 and the reason.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileWorkflow, createWorkingCalendar, mergeOverlay, parsePath, simulateCase, simulationReport, type JsonValue, type WorkflowDefinition, type DefinitionOverlay } from '../../engine/index.js';
import { compileFormRules, evaluateComputed, type FormSchema } from '../../forms/core/index.js';
import { compileVersionDocuments } from '../adapter/documentTemplates.js';
import { renderSimulatedDocument, unrenderableDocumentLine } from '../adapter/simulatedDocuments.js';
import { loadProcessModule } from '../build/processModules.js';
import { readFormSchema } from '../build/readFormSchema.js';
import { readProcessTemplates } from '../build/processTemplates.js';
import { checkFile, templatesRootOf } from './checkCommand.js';
import { looksLikeOverlay, overlayBaseFile } from './checkOverlayFile.js';

/** The overlay in `file`, when it is one (readable JSON naming its base); undefined otherwise. */
function readOverlay(file: string): DefinitionOverlay | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return looksLikeOverlay(parsed) ? (parsed as DefinitionOverlay) : undefined;
  } catch {
    return undefined;
  }
}

/** The outcome of a simulation: exit code and lines to print. */
export interface SimulateOutcome {
  exitCode: number;
  lines: string[];
}

export const simulateUsage = '用法：tongban simulate <workflow.json> [--start 2026-03-02] [--sample 样例.json] [--form 表单.json] [--templates 模板目录] [--html 输出目录] <步骤> <步骤> …';

const flags = ['--start', '--sample', '--form', '--templates', '--html'] as const;
type Flag = (typeof flags)[number];

/** Splits the arguments into the file, the flags and the moves. */
function readArguments(args: readonly string[]): { file?: string; options: Partial<Record<Flag, string>>; words: string[] } | { problem: string } {
  const options: Partial<Record<Flag, string>> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      if (!(flags as readonly string[]).includes(arg)) return { problem: `未知的选项 ${arg}。` };
      const value = args[i + 1];
      if (value === undefined) return { problem: `选项 ${arg} 缺少取值。` };
      options[arg as Flag] = value;
      i++;
    } else positional.push(arg);
  }
  const [file, ...words] = positional;
  return { ...(file ? { file } : {}), options, words };
}

/** The start of the simulated case: `--start` (a date at 09:00 China time, or a date-time), or today at 09:00. */
function startOf(value: string | undefined): Date | undefined {
  if (value === undefined) return new Date(`${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T09:00:00+08:00`);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T09:00:00+08:00`) : new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function readJsonFile(file: string): Record<string, JsonValue> | string {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue>) : `${file} 不是 JSON 对象。`;
  } catch (e) {
    return `无法读取 ${file}：${(e as Error).message}`;
  }
}

/** The CLI knows no org tree: its documents are issued by placeholder units. */
const cliPlaces = { countyName: '某县', townshipName: '某镇' };

/** Runs `tongban simulate` with its arguments (after the command name). */
export async function simulateCommand(args: readonly string[]): Promise<SimulateOutcome> {
  const read = readArguments(args);
  if ('problem' in read) return { exitCode: 2, lines: [read.problem, simulateUsage] };
  const { file, options, words } = read;
  if (!file) return { exitCode: 2, lines: [simulateUsage] };
  const path_ = parsePath(words);
  if ('problem' in path_) return { exitCode: 2, lines: [`第 ${path_.index} 步：${path_.problem}`, simulateUsage] };
  const start = startOf(options['--start']);
  if (!start) return { exitCode: 2, lines: [`--start 的取值“${options['--start']}”不是日期（如 2026-03-02）。`] };
  // An overlay (local rules) is simulated merged over the base of its process folder (checkOverlayFile.ts).
  const overlay = readOverlay(file);
  const templatesRoot = path.resolve(options['--templates'] ?? templatesRootOf(overlay ? overlayBaseFile(file) : file));

  // Only a definition that passes the check is simulated: the rest would fail when published anyway.
  const check = await checkFile(file, { templatesRoot });
  if (check.exitCode !== 0) return { exitCode: 1, lines: [...check.lines, '定义未通过检查，不能模拟。'] };
  const dir = path.dirname(overlay ? overlayBaseFile(file) : path.resolve(file));
  const definition = overlay ? mergeOverlay(JSON.parse(readFileSync(overlayBaseFile(file), 'utf8')) as WorkflowDefinition, overlay) : (JSON.parse(readFileSync(file, 'utf8')) as WorkflowDefinition);
  const wf = compileWorkflow(definition, { process: await loadProcessModule(dir) });
  const sampleFile = options['--sample'] ?? path.join(dir, 'form.sample.json');
  let data: Record<string, JsonValue> = {};
  if (options['--sample'] !== undefined || existsSync(sampleFile)) {
    const sample = readJsonFile(sampleFile);
    if (typeof sample === 'string') return { exitCode: 2, lines: [sample] };
    data = sample;
  }

  // The form's computed fields (人均月收入 …) are filled in as the server fills them in when a command writes data.
  const formFile = options['--form'] ?? path.join(dir, 'form.schema.json');
  let computeData: ((d: Record<string, JsonValue>) => Record<string, JsonValue>) | undefined;
  if (options['--form'] !== undefined || existsSync(formFile)) {
    const schema = readJsonFile(formFile);
    if (typeof schema === 'string') return { exitCode: 2, lines: [schema] };
    let bundled: FormSchema;
    try {
      bundled = readFormSchema(formFile); // the shared parts (workflows/_shared/) bundled in
    } catch (e) {
      return { exitCode: 2, lines: [`${formFile}：${(e as Error).message}`] };
    }
    const rules = compileFormRules(bundled);
    const params = (definition.parameters ?? {}) as Record<string, JsonValue>;
    computeData = (d) => evaluateComputed(rules, d, { params }) as Record<string, JsonValue>;
  }

  const calendar = createWorkingCalendar();
  const simulation = simulateCase(wf, path_.moves, { start, calendar, data, ...(computeData ? { computeData } : {}) });
  const lines = simulationReport(wf, simulation, calendar);

  // The documents, rendered as the server would render them from the process's templates.
  const documents = compileVersionDocuments(definition.key, readProcessTemplates(definition.key, templatesRoot));
  const outDir = options['--html'] ? path.resolve(options['--html']) : undefined;
  let n = 0;
  for (const entry of simulation.entries) {
    for (const d of entry.documents) {
      n++;
      let html: string;
      try {
        html = renderSimulatedDocument(documents, wf, d, entry.at, start, cliPlaces);
      } catch (e) {
        lines.push(unrenderableDocumentLine(d, e));
        continue;
      }
      if (outDir) {
        mkdirSync(outDir, { recursive: true });
        const target = path.join(outDir, `${String(n).padStart(2, '0')}-${d.template.split('/').pop()}.html`);
        writeFileSync(target, html);
        lines.push(`已写出文书：${path.relative(process.cwd(), target) || target}（${d.title}）`);
      }
    }
  }
  return { exitCode: simulation.failure || lines.some((l) => l.startsWith('✗ 文书')) ? 1 : 0, lines };
}
