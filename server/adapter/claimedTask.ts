/**
 * What a claim means to everyone but its holder: a task someone else has claimed is theirs until
 * it is released or reassigned (the claim routes are in taskClaims.ts). Their commands on it answer
 * 409 `claimed`, and its actions are not offered to them.
 */
import { ownEntry, stepActionNamed, taskForActor, type ActionOffer, type Actor, type CaseSnapshot, type VerbOffer } from '../../engine/index.js';
import { conflict } from './httpError.js';
import type { PbApp } from './pocketbase.js';
import { selectRows } from './sqlRows.js';
import type { LoadedWorkflow } from './workflowCache.js';

/**
 * The user who holds the open task `taskKey` of a case by a claim, when that is not `actorId`.
 * Applicant tasks carry the applicant as their user and are never claimed.
 */
export function otherHolder(tx: PbApp, caseId: string, taskKey: string, actorId: string): string | undefined {
  // One read of the (application, key) unique index, by prepared SQL: the command path asks inside the write lock.
  const task = selectRows(tx, "SELECT level, assignee_user FROM tasks WHERE application = {:a} AND key = {:k} AND status = 'open' LIMIT 1", { a: caseId, k: taskKey }, { level: '', assignee_user: '' })[0];
  if (!task || task.level === 'applicant') return undefined;
  const holder = task.assignee_user;
  return holder && holder !== actorId ? holder : undefined;
}

/**
 * The SQL condition that no one but `actorId` holds the open task `taskKey` of the case by a claim,
 * as {@link otherHolder} reads it, for a command whose case write is guarded by it (parameters `g_*`).
 */
export function notClaimedByOtherSql(caseId: string, taskKey: string, actorId: string): { sql: string; params: Record<string, unknown> } {
  return {
    sql: "NOT EXISTS (SELECT 1 FROM tasks g_t WHERE g_t.application = {:g_case} AND g_t.key = {:g_key} AND g_t.status = 'open' AND g_t.level != 'applicant' AND g_t.assignee_user != '' AND g_t.assignee_user != {:g_actor})",
    params: { g_case: caseId, g_key: taskKey, g_actor: actorId },
  };
}

/** Refuses a command on the task `taskKey` of a case when someone else holds it: 409 `claimed`. */
export function refuseIfClaimedByOther(tx: PbApp, caseId: string, taskKey: string, actorId: string): void {
  const holder = otherHolder(tx, caseId, taskKey, actorId);
  if (!holder) return;
  let name = '';
  try {
    name = tx.findRecordById('users', holder).getString('name');
  } catch {
    name = '';
  }
  throw conflict(`此任务已由${name ? `“${name}”` : '他人'}认领，须待其释放或由管理员改派后才能办理。`, 'claimed');
}

/** `offers` without the actions on tasks someone else holds. */
export function offersNotClaimedByOthers(tx: PbApp, caseId: string, wf: LoadedWorkflow, snapshot: CaseSnapshot, actor: Actor, offers: ActionOffer[]): ActionOffer[] {
  const step = ownEntry(wf.definition.steps, snapshot.step);
  if (!step) return offers;
  return offers.filter((offer) => {
    const action = stepActionNamed(step, offer.action)?.action;
    const task = action ? taskForActor(wf.compiled, snapshot, actor, step, action) : undefined;
    return typeof task !== 'object' || !otherHolder(tx, caseId, task.key, actor.id);
  });
}

/** `offers` without the verbs on tasks someone else holds. */
export function verbsNotClaimedByOthers(tx: PbApp, caseId: string, actor: Actor, offers: VerbOffer[]): VerbOffer[] {
  return offers.filter((offer) => offer.verb === 'sign' || !offer.task || !otherHolder(tx, caseId, offer.task, actor.id));
}

/**
 * 撤回 is refused (409 `next_step_claimed`) once anyone has claimed an open task of the step the
 * case was passed on to: the next actor has taken it up.
 */
export function refuseIfNextStepClaimed(tx: PbApp, caseId: string): void {
  const claimed = tx.findRecordsByFilter('tasks', 'application = {:a} && status = "open" && level != "applicant" && assignee_user != ""', '', 1, 0, { a: caseId });
  if (claimed.length > 0) throw conflict('下一步的任务已有人认领办理，不能撤回。', 'next_step_claimed');
}
