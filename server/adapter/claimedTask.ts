/**
 * The claim check of a command: a task someone else has claimed is theirs until it is released or
 * reassigned (the claim routes are in taskClaims.ts).
 */
import { conflict } from './httpError.js';
import type { PbApp } from './pocketbase.js';

/**
 * Refuses a command on the task `taskKey` of a case when someone else holds it: 409 `claimed`.
 * Applicant tasks carry the applicant as their user and are never claimed.
 */
export function refuseIfClaimedByOther(tx: PbApp, caseId: string, taskKey: string, actorId: string): void {
  const task = tx.findRecordsByFilter('tasks', 'application = {:a} && key = {:k} && status = "open"', '', 1, 0, { a: caseId, k: taskKey })[0];
  if (!task || task.getString('level') === 'applicant') return;
  const holder = task.getString('assignee_user');
  if (!holder || holder === actorId) return;
  let name = '';
  try {
    name = tx.findRecordById('users', holder).getString('name');
  } catch {
    name = '';
  }
  throw conflict(`此任务已由${name ? `“${name}”` : '他人'}认领，须待其释放或由管理员改派后才能办理。`, 'claimed');
}
