/**
 * Claims on tasks (认领). An officer of the task's unit with the task's duty, not recused by the
 * 近亲属 register, may claim an open task; while it is claimed, commands of anyone else on that
 * task answer 409 `claimed`. The claim ends when the task closes, when the holder or an
 * administrator releases it, or when the holder hands it over or an administrator reassigns it
 * to another eligible officer.
 */
import { recusedStaff } from './actors.js';
import { recordAudit } from './audit.js';
import { now } from './clock.js';
import { conflict, forbidden, HttpError, invalidData, notFound } from './httpError.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { parseBody } from './parseBody.js';
import { workflowByRecord } from './workflowCache.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import type { JsonValue } from '../../engine/index.js';

const notYourTask = (message: string) => new HttpError(403, 'not_your_task', message);

function loadTask(tx: PbApp, taskId: string): PbRecord {
  try {
    return tx.findRecordById('tasks', taskId);
  } catch {
    throw notFound('任务不存在。');
  }
}

function isAdmin(user: PbRecord): boolean {
  return user.getString('role') === 'admin';
}

/** Why `user` may not hold `task` (claim it or be given it), or undefined when they may. */
function whyCannotHold(tx: PbApp, task: PbRecord, user: PbRecord): string | undefined {
  if (user.getString('role') !== 'officer' || !task.getString('assignee_unit') || user.getString('org_unit') !== task.getString('assignee_unit')) return '只有任务所属单位的工作人员可以承办此任务。';
  const role = task.getString('role');
  const duties = readJson<unknown>(user, 'duties');
  if (role && !(Array.isArray(duties) && duties.map(String).includes(role))) return `承办此任务需要“${role}”职责。`;
  const caseRecord = tx.findRecordById('applications', task.getString('application'));
  const data = readJson<Record<string, JsonValue> | null>(caseRecord, 'data') ?? {};
  const idFields = workflowByRecord(tx, caseRecord.getString('workflow')).idFields;
  if (recusedStaff(tx, caseIdNumberHashes(data, idFields)).includes(user.id)) return '已备案为申请家庭的近亲属，须回避，不能承办此任务。';
  return undefined;
}

function openTask(task: PbRecord): void {
  if (task.getString('status') !== 'open') throw conflict('任务已办结或已取消。', 'task_closed');
}

/** A panel member's task is that member's own: it is neither released nor handed to anyone else. */
function notPanelMemberTask(task: PbRecord): void {
  if (task.getString('mode') === 'panel') throw conflict('评议成员的任务属于成员本人，不能释放或改派。', 'panel_member_task');
}

/** Officers see their unit's tasks and administrators all tasks; anyone else gets 404. */
function requireVisible(task: PbRecord, auth: PbRecord): void {
  if (isAdmin(auth)) return;
  if (auth.getString('role') !== 'officer' || !task.getString('assignee_unit') || auth.getString('org_unit') !== task.getString('assignee_unit')) throw notFound('任务不存在。');
}

/** A drawn pool member's task is theirs by the recorded draw: it is never released or handed over. */
function refuseDrawnTask(task: PbRecord): void {
  if (task.getString('level') === 'pool') throw conflict('抽取产生的任务属于被抽中的成员，不能释放或转交。', 'drawn_task');
}

/**
 * Moves the task to `holder` if it is still held by `expected` (one claimer wins), then saves the
 * record through PocketBase's model layer as well: only a model save reaches realtime, and the
 * unit's other officers watch their queue there (a raw UPDATE alone never told them).
 */
function setHolder(tx: PbApp, task: PbRecord, holder: string, expected: string): void {
  const swapped = tx.db().newQuery('UPDATE tasks SET assignee_user = {:u} WHERE id = {:id} AND assignee_user = {:was}').bind({ u: holder, id: task.id, was: expected }).execute();
  if (swapped.rowsAffected() !== 1) throw conflict('任务已被他人认领或改派，请刷新后重试。', 'already_claimed');
  task.set('assignee_user', holder);
  tx.save(task);
}

function taskAnswer(task: PbRecord, holder: string): RouteAnswer {
  return { status: 200, body: { task: { id: task.id, key: task.getString('key'), step: task.getString('step'), assigneeUser: holder || null } } };
}

function runInTransaction(app: PbApp, work: (tx: PbApp) => RouteAnswer): RouteAnswer {
  let answer: RouteAnswer | undefined;
  let refusal: unknown;
  try {
    app.runInTransaction((tx) => {
      try {
        answer = work(tx);
      } catch (err) {
        refusal = err;
        throw err;
      }
    });
  } catch (err) {
    throw refusal ?? err;
  }
  return answer!;
}

/** `POST /api/tongban/tasks/{id}/claim`: an eligible officer takes the task; one claimer wins. */
export function claimTask(app: PbApp, auth: PbRecord, taskId: string): RouteAnswer {
  return runInTransaction(app, (tx) => {
    const task = loadTask(tx, taskId);
    requireVisible(task, auth);
    if (isAdmin(auth)) throw forbidden('管理员不认领任务；请用改派 (reassign) 指定承办人。');
    openTask(task);
    const why = whyCannotHold(tx, task, auth);
    if (why) throw notYourTask(why);
    const holder = task.getString('assignee_user');
    if (holder === auth.id) return taskAnswer(task, holder);
    if (holder) throw conflict('任务已被他人认领。', 'already_claimed');
    setHolder(tx, task, auth.id, '');
    return taskAnswer(task, auth.id);
  });
}

/** An open task the asker sees that may change hands: not a drawn member's nor a panel member's. */
function movableTask(tx: PbApp, taskId: string, auth: PbRecord): PbRecord {
  const task = loadTask(tx, taskId);
  requireVisible(task, auth);
  openTask(task);
  refuseDrawnTask(task);
  notPanelMemberTask(task);
  return task;
}

/** `POST /api/tongban/tasks/{id}/release`: the holder or an administrator gives the task back to the unit. */
export function releaseTask(app: PbApp, auth: PbRecord, taskId: string): RouteAnswer {
  return runInTransaction(app, (tx) => {
    const task = movableTask(tx, taskId, auth);
    const holder = task.getString('assignee_user');
    if (!holder) throw conflict('任务尚未被认领。', 'not_claimed');
    if (holder !== auth.id && !isAdmin(auth)) throw forbidden('只有认领人或管理员可以释放此任务。');
    setHolder(tx, task, '', holder);
    return taskAnswer(task, '');
  });
}

/**
 * `POST /api/tongban/tasks/{id}/reassign` `{ userId }`: an administrator assigns the task to an
 * eligible officer (whether or not it was claimed), or the holder hands it over to one. Audited.
 */
export function reassignTask(app: PbApp, auth: PbRecord, taskId: string, rawBody: unknown): RouteAnswer {
  const body = parseBody<{ userId: string }>(rawBody, { userId: { type: 'string', required: true, maxLength: 30 } });
  return runInTransaction(app, (tx) => {
    const task = movableTask(tx, taskId, auth);
    const holder = task.getString('assignee_user');
    if (!isAdmin(auth) && holder !== auth.id) throw forbidden(holder ? '只有认领人或管理员可以转交此任务。' : '只有管理员可以指派任务；请先认领。');
    let target: PbRecord;
    try {
      target = tx.findRecordById('users', body.userId);
    } catch {
      throw invalidData('承办人不存在。', [{ path: '/userId', message: '承办人不存在。' }]);
    }
    const why = whyCannotHold(tx, task, target);
    if (why) throw invalidData(`不能把任务交给该用户：${why}`, [{ path: '/userId', message: why }]);
    setHolder(tx, task, target.id, holder);
    const unit = auth.getString('org_unit');
    recordAudit(tx, {
      action: 'task.reassign',
      actor: { id: auth.id, name: auth.getString('name'), role: auth.getString('role'), unit: unit ? tx.findRecordById('org_units', unit).getString('name') : '' },
      at: now(tx),
      targetCollection: 'tasks',
      targetId: task.id,
      application: task.getString('application'),
      before: { assigneeUser: holder || null },
      after: { assigneeUser: target.id },
    });
    return taskAnswer(task, target.id);
  });
}
