/**
 * Who acts on a step: resolved from the applicant's org path (village → its township → its
 * county), with the level possibly read from a parameter ("who confirms" as configuration).
 */
import type { AssigneeLevel, JsonValue, Parameterised } from '../definition/types.js';
import type { Actor, CaseSnapshot, OpenTask } from '../model/index.js';
import { ownEntry } from '../definition/ownEntry.js';

/** The level of an assignee, with `{ param }` read from the parameters. */
export function resolveLevel(level: Parameterised<AssigneeLevel>, parameters: Record<string, JsonValue>): AssigneeLevel | undefined {
  const value = typeof level === 'string' ? level : ownEntry(parameters, level.param);
  return value === 'applicant' || value === 'village' || value === 'township' || value === 'county' ? value : undefined;
}

/** The unit (or, for the applicant level, the applicant's user id) that acts at `level` on a case. */
export function assigneeUnitOf(snapshot: Pick<CaseSnapshot, 'org' | 'applicant'>, level: AssigneeLevel): string | undefined {
  return level === 'applicant' ? snapshot.applicant : snapshot.org[level];
}

/** Why an actor may not act on a task, or undefined when they may. Messages are Chinese. */
export function whyActorCannotAct(actor: Actor, task: OpenTask): string | undefined {
  if (task.level === 'applicant') {
    // The applicant party: the applicant, the officer filing for them (代办), or any account of the applicant organisation.
    return actor.id === task.assigneeUnit || (actor.filedFor !== undefined && actor.filedFor === task.assigneeUnit) || (actor.organisation !== undefined && actor.organisation === task.assigneeUnit) ? undefined : '此步骤只能由申请人本人办理。';
  }
  if (actor.kind !== 'officer' && actor.kind !== 'admin') return '此步骤须由经办工作人员办理。';
  if (task.assigneeUser !== undefined) {
    if (actor.id !== task.assigneeUser) return task.signer ? '此任务已交由加签人办理。' : '此评议任务属于另一位评议成员。';
    // A task given to an added signer (加签) is theirs, whatever their unit or duties.
    if (task.signer) return undefined;
  }
  if (actor.orgUnit?.id !== task.assigneeUnit) return '此任务不属于您所在的单位。';
  if (task.role && !actor.roles.includes(task.role)) return `此任务需要“${task.role}”职责。`;
  return undefined;
}
