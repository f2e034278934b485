/**
 * The words a case's history needs: events record the keys of steps and actions (and of commands
 * that are no step's action — task verbs, the system's timers); the case route answers their names
 * from the definition with the case, so the page shows「一次性告知补正」, never `requestCorrection`.
 */
import { checkFailedAction, checkReportedAction, childSettledAction, verbLabels, verbPrefix, type CaseNamesView, type StepNameView } from '../../engine/index.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** The words of commands that are no step's action, as the history shows them. */
const commandWords: Record<string, string> = {
  start: '创建申请',
  'deadline.remind': '期限提醒（催办）',
  'deadline.overdue': '办理超期',
  'admin.migrate': '迁移到新版本流程',
  'calendar.recount': '按新公布的放假安排重算期限',
  'task.reassign': '改派',
  [childSettledAction]: '子案件办结',
  [checkReportedAction]: '核对报告送达',
  [checkFailedAction]: '信息核对失败',
};

/** A number of working days given as a number or a parameter, or undefined. */
function workingDaysOf(deadline: unknown, parameters: Record<string, unknown>): number | undefined {
  if (!deadline || typeof deadline !== 'object') return undefined;
  const raw = (deadline as { workingDays?: unknown; param?: unknown }).param !== undefined ? parameters[String((deadline as { param: unknown }).param)] : deadline;
  const days = raw && typeof raw === 'object' ? (raw as { workingDays?: unknown }).workingDays : undefined;
  const n = days && typeof days === 'object' && 'param' in days ? parameters[String((days as { param: unknown }).param)] : days;
  return typeof n === 'number' ? n : undefined;
}

/** The names of `wf`'s steps and actions and of the commands of no step (see {@link CaseNamesView}). */
export function caseNames(wf: LoadedWorkflow): CaseNamesView {
  const steps: Record<string, StepNameView> = {};
  for (const [key, step] of Object.entries(wf.definition.steps)) {
    const actions: Record<string, string> = {};
    if ('actions' in step && step.actions) for (const [action, def] of Object.entries(step.actions)) actions[action] = def.label;
    const days = 'deadline' in step ? workingDaysOf(step.deadline, wf.compiled.parameters) : undefined;
    steps[key] = {
      name: step.name,
      actions,
      ...(step.type === 'timer' ? { timer: true as const } : {}),
      ...('pausesClock' in step && step.pausesClock ? { pausesClock: true as const } : {}),
      ...(days !== undefined ? { workingDays: days } : {}),
    };
  }
  const commands: Record<string, string> = { ...commandWords };
  for (const [verb, label] of Object.entries(verbLabels)) commands[`${verbPrefix}${verb}`] = label;
  return { steps, commands };
}
