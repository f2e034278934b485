/**
 * External checks (信息核对) on task steps (`check`): entering the step sends a request through the
 * host's outbox (the `requestCheck` effect) and records it on the case; the service's answer comes
 * back as a system command — `check.reported` records the report through the step's `reportAction`
 * (its `writes` carry the findings into the form, its target moves the case), `check.failed` records
 * that the service could not answer and tells the step's officers, who may enter the report by hand
 * through the same action. A signal for another request (the case has left the step, or entered it
 * again) or for a request already reported is stale: refused, so the host writes nothing.
 */
import type { ExternalCheck, JsonValue, StepDefinition, TaskStep } from '../definition/types.js';
import { readPointer } from '../conditions/jsonPointer.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { ActionDefinition } from '../definition/types.js';
import type { CaseSnapshot, CheckState, Command, Decision, Effect } from '../model/index.js';

/** The system command of an arrived report. */
export const checkReportedAction = 'check.reported';
/** The system command of a request the service could not answer. */
export const checkFailedAction = 'check.failed';
/** Action names starting with this are reserved for the check signals. */
export const checkActionPrefix = 'check.';

/** Whether `action` is one of the check signals the host sends as the system. */
export const isCheckSignal = (action: string) => action === checkReportedAction || action === checkFailedAction;

/** The step's check, when it is a task step that has one. */
export function checkOf(step: StepDefinition | undefined): ExternalCheck | undefined {
  return step?.type === 'task' ? step.check : undefined;
}

/** Where a report's findings land: the section (first segment of `reportTo`) and the pointer inside it. */
export function reportTarget(check: ExternalCheck): { section: string; pointer: string } {
  const keys = check.reportTo.replace(/^\//, '').split('/');
  return { section: keys[0]!.replace(/~1/g, '/').replace(/~0/g, '~'), pointer: keys.length > 1 ? `/${keys.slice(1).join('/')}` : '' };
}

/** The action a step's report is recorded by (its `writes` name the report's sections). */
export function reportActionOf(step: StepDefinition | undefined): ActionDefinition | undefined {
  const check = checkOf(step);
  return check ? ownEntry((step as TaskStep).actions, check.reportAction) : undefined;
}

/** Sets `value` at a JSON pointer of `target`, creating objects on the way (own properties only). */
function put(target: Record<string, JsonValue>, pointer: string, value: JsonValue): void {
  const keys = pointer.replace(/^\//, '').split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = ownEntry(at, k);
    if (next === null || typeof next !== 'object' || Array.isArray(next)) Object.defineProperty(at, k, { value: {}, writable: true, enumerable: true, configurable: true });
    at = ownEntry(at, k) as Record<string, JsonValue>;
  }
  Object.defineProperty(at, keys[keys.length - 1]!, { value, writable: true, enumerable: true, configurable: true });
}

/** What the request carries: each `send` field from the form data (fields the data lacks are left out). */
export function checkPayload(check: ExternalCheck, data: Record<string, JsonValue>): Record<string, JsonValue> {
  const payload: Record<string, JsonValue> = {};
  for (const [to, from] of Object.entries(check.send)) {
    const value = readPointer(data, from) as JsonValue | undefined;
    if (value !== undefined) put(payload, to, value);
  }
  return payload;
}

/** Entering a step with a check as visit `request`: the request effect and the check's state. */
export function enterCheck(check: ExternalCheck, request: string, data: Record<string, JsonValue>, now: Date): { state: CheckState; effect: Effect } {
  return {
    state: { request, service: check.service, status: 'requested', at: now.toISOString() },
    effect: { type: 'requestCheck', request, service: check.service, payload: checkPayload(check, data) },
  };
}

/**
 * What a check signal does on the step the case is in (visit `request`): a report is recorded
 * through the report action (the caller moves the case), a failure is decided here.
 */
export type CheckSignalVerdict =
  | { ok: true; reportAction: string; checks: Record<string, CheckState> }
  | { ok: true; decision: Decision }
  | { ok: false; message: string };

/** Decides a check signal (`check.reported` or `check.failed`) from the system; the version has been checked. */
export function checkSignalVerdict(snapshot: CaseSnapshot, step: StepDefinition, stepName: string, request: string, command: Command, now: Date): CheckSignalVerdict {
  const check = checkOf(step);
  const current = ownEntry(snapshot.checks, stepName);
  const signal = command.check;
  if (!check || !current || !signal || signal.request !== request || current.request !== request) return { ok: false, message: '该核对请求已失效：本案件已不在等待它的步骤。' };
  if (current.status === 'reported' || current.status === 'entered') return { ok: false, message: '该核对请求的结果已记录。' };
  if (command.action === checkReportedAction) {
    return { ok: true, reportAction: check.reportAction, checks: { ...snapshot.checks, [stepName]: { ...current, status: 'reported', at: now.toISOString() } } };
  }
  if (current.status === 'failed') return { ok: false, message: '该核对请求的失败已记录。' };
  const error = (signal.error ?? '').slice(0, 500) || '核对系统未能答复';
  const message = `信息核对失败（${error}），请与核对机构联系后手工录入核对结果。`;
  const effects: Effect[] = [];
  for (const task of snapshot.tasks.filter((t) => t.step === stepName)) {
    if (task.assigneeUser) effects.push({ type: 'notifyUser', user: task.assigneeUser, message });
    else if (task.level === 'village' || task.level === 'township' || task.level === 'county') effects.push({ type: 'notify', to: task.level, message });
    else if (task.level === 'department' && task.assigneeUnit) effects.push({ type: 'notifyUnit', unit: task.assigneeUnit, message });
  }
  const { recallable: _recall, ...rest } = snapshot;
  void _recall;
  return {
    ok: true,
    decision: {
      ok: true,
      snapshot: { ...rest, version: snapshot.version + 1, checks: { ...snapshot.checks, [stepName]: { ...current, status: 'failed', at: now.toISOString(), error } } },
      effects,
      event: { action: checkFailedAction, kind: 'check', from: stepName, to: stepName, actor: 'system', note: `信息核对失败：${error}`, at: now.toISOString() },
    },
  };
}

/** The checks after an officer recorded the step's report by hand (the report action, not the system). */
export function checksEnteredByHand(snapshot: CaseSnapshot, stepName: string, now: Date): Record<string, CheckState> | undefined {
  const current = ownEntry(snapshot.checks, stepName);
  if (!current || current.status === 'reported' || current.status === 'entered') return snapshot.checks;
  return { ...snapshot.checks, [stepName]: { ...current, status: 'entered', at: now.toISOString() } };
}
