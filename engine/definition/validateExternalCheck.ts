/**
 * The shape of a task step's external check (`check`, 信息核对): a service name, the request's
 * fields from the form data, and the step's own action that records the report — one that moves the
 * case (`approve` or `submit`) and writes at least one form section (where the findings land).
 */
import type { DefinitionProblem } from './problems.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pointer = /^(\/[^/]+)+$/;
const serviceName = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** An action name the check signals reserve (`check.reported`, `check.failed` and any other `check.…`). */
export function reservedCheckActionProblem(name: string, path: string): DefinitionProblem | undefined {
  return name.toLowerCase().startsWith('check.') ? { path, message: `操作名“${name}”是系统保留的名称（信息核对的结果通知）。` } : undefined;
}

/** Problems of `check` on the task step at `sp` (whose actions are `actions`). */
export function externalCheckProblems(check: unknown, actions: unknown, sp: string): DefinitionProblem[] {
  const p = `${sp}/check`;
  if (!isObj(check)) return [{ path: p, message: '“check” 须为 {"service", "send", "reportAction", "reportTo"}。' }];
  const problems: DefinitionProblem[] = [];
  for (const key of Object.keys(check)) if (!['service', 'send', 'reportAction', 'reportTo'].includes(key)) problems.push({ path: `${p}/${key}`, message: `未知字段“${key}”。` });
  if (typeof check.service !== 'string' || !serviceName.test(check.service)) problems.push({ path: `${p}/service`, message: '须写明核对服务的名称 (service)：英文字母开头，字母、数字、-、_，最多 64 个字符。' });
  if (!isObj(check.send) || Object.keys(check.send).length === 0) problems.push({ path: `${p}/send`, message: '须写明核对请求携带的表单数据 (send)：{"/请求字段": "/表单字段"}。' });
  else {
    for (const [to, from] of Object.entries(check.send)) {
      const at = `${p}/send/${to.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!pointer.test(to)) problems.push({ path: at, message: `请求字段“${to}”须为 JSON 指针（如 /household）。` });
      if (typeof from !== 'string' || !pointer.test(from)) problems.push({ path: at, message: '表单字段须为 JSON 指针（如 /household）。' });
    }
  }
  if (typeof check.reportAction !== 'string' || check.reportAction === '') {
    problems.push({ path: `${p}/reportAction`, message: '须写明记录核对报告的操作 (reportAction)。' });
    return problems;
  }
  const action = isObj(actions) && hasOwnEntry(actions, check.reportAction) ? ownEntry(actions as Record<string, unknown>, check.reportAction) : undefined;
  if (!isObj(action)) problems.push({ path: `${p}/reportAction`, message: `本步骤没有操作“${check.reportAction}”。` });
  else {
    if (action.kind !== 'approve' && action.kind !== 'submit') problems.push({ path: `${p}/reportAction`, message: `记录核对报告的操作“${check.reportAction}”须推进案件（kind 为 approve 或 submit）。` });
    if (!Array.isArray(action.writes) || action.writes.length === 0) problems.push({ path: `${p}/reportAction`, message: `记录核对报告的操作“${check.reportAction}”须写入表单的核对结果部分 (writes)。` });
    else if (typeof check.reportTo !== 'string' || !pointer.test(check.reportTo)) problems.push({ path: `${p}/reportTo`, message: '须写明核对报告写入的表单位置 (reportTo)，为 JSON 指针（如 /verification/report）。' });
    else {
      const section = check.reportTo.split('/')[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!action.writes.includes(section)) problems.push({ path: `${p}/reportTo`, message: `核对报告写入的“${check.reportTo}”不在操作“${check.reportAction}”写入的部分（${action.writes.join('、')}）之内。` });
    }
  }
  return problems;
}

/** Fields a step's check sends that the form lacks (`fields`: the form's field pointers, array items as `*`). */
export function externalCheckFormProblems(steps: Record<string, unknown>, fields: ReadonlySet<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const [name, step] of Object.entries(steps)) {
    if (!isObj(step) || step.type !== 'task' || !isObj(step.check) || !isObj(step.check.send)) continue;
    const at = `/steps/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/check`;
    if (typeof step.check.reportTo === 'string' && !fields.has(step.check.reportTo)) problems.push({ path: `${at}/reportTo`, message: `表单中没有字段“${step.check.reportTo}”。` });
    for (const [to, from] of Object.entries(step.check.send)) {
      if (typeof from !== 'string') continue;
      const field = from.split('/').map((part) => (/^\d+$/.test(part) ? '*' : part)).join('/');
      if (!fields.has(field)) problems.push({ path: `${at}/send/${to.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `表单中没有字段“${from}”。` });
    }
  }
  return problems;
}
