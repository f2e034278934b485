/**
 * The task verbs a step allows (转办, 加签, 抄送, 撤回, 催办), with their defaults, and the checks
 * of their declaration: the shape (validateDefinition) and what the language allows (checkDefinition).
 */
import type { DefinitionProblem } from './problems.js';
import type { AssigneeLevel, JsonValue, StepDefinition, WorkflowDefinition } from './types.js';

/** The verbs a definition declares per step, by their name in `verbs`. */
export const declaredVerbNames = ['transfer', 'addSigner', 'cc', 'recall', 'urge'] as const;

/** A verb a step may declare. */
export type DeclaredVerb = (typeof declaredVerbNames)[number];

/** The prefix of the reserved command names of task verbs (`verb.transfer` …); no action may use it. */
export const verbPrefix = 'verb.';

/** What a step allows, with the defaults filled in. */
export interface ResolvedVerbs {
  transfer: boolean;
  addSigner: false | { otherUnits: boolean };
  cc: boolean;
  recall: boolean;
  urge: false | { intervalHours: number };
}

/** Hours between two reminders on the same task when the step does not say. */
export const defaultUrgeIntervalHours = 24;

const nothing: ResolvedVerbs = { transfer: false, addSigner: false, cc: false, recall: false, urge: false };

/**
 * The verbs `step` allows: declared ones as declared, the rest by default — on an officers' task
 * step `transfer`, `cc` and `urge`; on the applicant's step nothing but a declared `recall`; on
 * other steps nothing.
 */
export function stepVerbs(step: StepDefinition | undefined, level?: string): ResolvedVerbs {
  if (!step || step.type !== 'task') return nothing;
  const v = step.verbs ?? {};
  const byOfficers = level !== 'applicant';
  const signer = v.addSigner;
  const urge = v.urge ?? byOfficers;
  return {
    transfer: byOfficers && (v.transfer ?? true),
    addSigner: byOfficers && signer ? { otherUnits: typeof signer === 'object' && signer.otherUnits === true } : false,
    cc: byOfficers && (v.cc ?? true),
    recall: v.recall ?? false,
    urge: byOfficers && urge ? { intervalHours: (typeof urge === 'object' ? urge.intervalHours : undefined) ?? defaultUrgeIntervalHours } : false,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Shape problems of a step's `verbs` (`path` is the step's JSON pointer). */
export function verbShapeProblems(step: Obj, path: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (p: string, message: string) => problems.push({ path: p, message });
  if (step.verbs === undefined) return problems;
  const vp = `${path}/verbs`;
  if (step.type !== 'task') return [{ path: vp, message: '只有办理步骤 (task) 可以声明任务动词 (verbs)。' }];
  if (!isObj(step.verbs)) return [{ path: vp, message: '“verbs” 必须是对象，如 {"transfer": true, "recall": true}。' }];
  for (const [name, value] of Object.entries(step.verbs)) {
    const p = `${vp}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!(declaredVerbNames as readonly string[]).includes(name)) { add(p, `未知的任务动词“${name}”，可用：${declaredVerbNames.join('、')}。`); continue; }
    if (typeof value === 'boolean') continue;
    if (name === 'addSigner' && isObj(value)) {
      for (const k of Object.keys(value)) if (k !== 'otherUnits') add(`${p}/${k}`, `未知的属性“${k}”。`);
      if (value.otherUnits !== undefined && typeof value.otherUnits !== 'boolean') add(`${p}/otherUnits`, '“otherUnits” 必须是 true 或 false。');
    } else if (name === 'urge' && isObj(value)) {
      for (const k of Object.keys(value)) if (k !== 'intervalHours') add(`${p}/${k}`, `未知的属性“${k}”。`);
      const h = value.intervalHours;
      if (h !== undefined && !(typeof h === 'number' && Number.isInteger(h) && h >= 1 && h <= 720)) add(`${p}/intervalHours`, '催办间隔须为 1 到 720 之间的整数（小时）。');
    } else {
      add(p, name === 'addSigner' ? '“addSigner” 须为 true、false 或 {"otherUnits": true/false}。' : name === 'urge' ? '“urge” 须为 true、false 或 {"intervalHours": n}。' : `“${name}” 须为 true 或 false。`);
    }
  }
  return problems;
}

/** The problem of an action named with the reserved verb prefix, if it is. */
export function reservedActionNameProblem(name: string, path: string): DefinitionProblem | undefined {
  return name.startsWith(verbPrefix) ? { path, message: `操作名不能以“${verbPrefix}”开头：这是任务动词的保留名称。` } : undefined;
}

/**
 * What the language does not allow of declared verbs: on the applicant's step anything but
 * `recall`; `urge` where no level is above the step's (the top level of the org tree); `recall` on
 * a step that passes nothing on; `otherUnits` for a signer where `addSigner` is not allowed.
 */
export function verbRuleProblems(def: WorkflowDefinition, levelOf: (step: StepDefinition) => AssigneeLevel | undefined, orgLevels: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type !== 'task' || !step.verbs) continue;
    const vp = `/steps/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/verbs`;
    const level = levelOf(step);
    const declared = step.verbs as Record<string, JsonValue | undefined>;
    if (level === 'applicant') {
      for (const verb of declaredVerbNames) if (verb !== 'recall' && declared[verb] !== undefined && declared[verb] !== false) problems.push({ path: `${vp}/${verb}`, message: `申请人办理的步骤不能${verbLabels[verb]}。` });
    } else if (level && step.verbs.urge !== undefined && step.verbs.urge !== false) {
      const above = orgLevels.slice(orgLevels.indexOf(level) + 1);
      if (orgLevels.indexOf(level) < 0 || above.length === 0) problems.push({ path: `${vp}/urge`, message: `“${level}”层级之上没有上级单位，无人可以催办此步骤。` });
    }
    if (step.verbs.recall === true && !Object.values(step.actions).some((a) => a.kind === 'approve' || a.kind === 'submit')) {
      problems.push({ path: `${vp}/recall`, message: '此步骤没有送往下一步的操作（approve 或 submit），无可撤回。' });
    }
  }
  return problems;
}

/** The verbs' names as a user reads them. */
export const verbLabels: Record<DeclaredVerb | 'sign', string> = { transfer: '转办', addSigner: '加签', cc: '抄送', recall: '撤回', urge: '催办', sign: '签署加签意见' };
