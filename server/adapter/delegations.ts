/**
 * 委托: an officer hands their tasks to a colleague of the same unit for a period of leave (the
 * routes that create and revoke a delegation; both audited). While it runs the delegate acts on
 * the delegator's behalf: see delegatedActor.ts.
 */
import { recordAudit } from './audit.js';
import { now } from './clock.js';
import { forbidden, invalidData, notFound } from './httpError.js';
import { parseBody } from './parseBody.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** Longest delegation, in days (a leave of a few months at most). */
export const maxDelegationDays = 184;

function userById(tx: PbApp, id: string): PbRecord | undefined {
  try {
    return tx.findRecordById('users', id);
  } catch {
    return undefined;
  }
}

function auditActor(tx: PbApp, user: PbRecord) {
  const unit = user.getString('org_unit');
  return { id: user.id, name: user.getString('name'), role: user.getString('role'), unit: unit ? tx.findRecordById('org_units', unit).getString('name') : '' };
}

function delegationAnswer(r: PbRecord): Record<string, unknown> {
  return { id: r.id, delegator: r.getString('delegator'), delegate: r.getString('delegate'), startsAt: r.getString('starts_at'), endsAt: r.getString('ends_at'), reason: r.getString('reason'), revokedAt: r.getString('revoked_at') || null };
}

/**
 * `POST /api/tongban/delegations` `{ delegate, startsAt, endsAt, reason?, delegator? }`: an officer
 * delegates their own tasks (an administrator may name the `delegator`) to an officer of the same
 * unit, for a period that ends after it starts and lasts at most {@link maxDelegationDays} days.
 */
export function createDelegation(app: PbApp, auth: PbRecord, rawBody: unknown): RouteAnswer {
  const body = parseBody<{ delegate: string; startsAt: string; endsAt: string; reason?: string; delegator?: string }>(rawBody, {
    delegate: { type: 'string', required: true, maxLength: 30 },
    startsAt: { type: 'string', required: true, maxLength: 40 },
    endsAt: { type: 'string', required: true, maxLength: 40 },
    reason: { type: 'string', maxLength: 500 },
    delegator: { type: 'string', maxLength: 30 },
  });
  const isAdmin = auth.getString('role') === 'admin';
  if (body.delegator && body.delegator !== auth.id && !isAdmin) throw forbidden('只能委托您自己的任务。');
  const delegator = body.delegator ? userById(app, body.delegator) : auth;
  if (!delegator) throw invalidData('委托人不存在。', [{ path: '/delegator', message: '委托人不存在。' }]);
  if (delegator.getString('role') !== 'officer') throw forbidden('只有工作人员可以委托任务。');
  const delegate = userById(app, body.delegate);
  const problem = !delegate ? '受托人不存在。' : delegate.id === delegator.id ? '不能委托给自己。' : delegate.getString('role') !== 'officer' || delegate.getString('org_unit') !== delegator.getString('org_unit') ? '只能委托给本单位的工作人员。' : delegate.getBool('disabled') ? '受托人的账号已停用。' : undefined;
  if (problem) throw invalidData(problem, [{ path: '/delegate', message: problem }]);
  const starts = new Date(body.startsAt);
  const ends = new Date(body.endsAt);
  if (Number.isNaN(starts.getTime())) throw invalidData('开始时间无效。', [{ path: '/startsAt', message: '请提供 ISO 8601 时间。' }]);
  if (Number.isNaN(ends.getTime()) || ends <= starts) throw invalidData('结束时间须晚于开始时间。', [{ path: '/endsAt', message: '结束时间须晚于开始时间。' }]);
  if (ends.getTime() - starts.getTime() > maxDelegationDays * 86_400_000) throw invalidData(`委托期限最长 ${maxDelegationDays} 天。`, [{ path: '/endsAt', message: `委托期限最长 ${maxDelegationDays} 天。` }]);
  let answer: RouteAnswer | undefined;
  app.runInTransaction((tx) => {
    const r = newRecord(tx, 'delegations');
    r.set('delegator', delegator.id);
    r.set('delegate', delegate!.id);
    r.set('starts_at', starts.toISOString());
    r.set('ends_at', ends.toISOString());
    r.set('reason', body.reason ?? '');
    r.set('created_by', auth.id);
    tx.save(r);
    recordAudit(tx, { action: 'delegation.create', actor: auditActor(tx, auth), at: now(tx), targetCollection: 'delegations', targetId: r.id, after: delegationAnswer(r) });
    answer = { status: 200, body: { delegation: delegationAnswer(r) } };
  });
  return answer!;
}

/** `POST /api/tongban/delegations/{id}/revoke`: the delegator or an administrator ends a delegation now. */
export function revokeDelegation(app: PbApp, auth: PbRecord, id: string): RouteAnswer {
  let answer: RouteAnswer | undefined;
  let refusal: unknown;
  try {
    app.runInTransaction((tx) => {
      try {
        answer = revokeIn(tx, auth, id);
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

function revokeIn(tx: PbApp, auth: PbRecord, id: string): RouteAnswer {
  {
    let r: PbRecord;
    try {
      r = tx.findRecordById('delegations', id);
    } catch {
      throw notFound('委托不存在。');
    }
    const isAdmin = auth.getString('role') === 'admin';
    if (r.getString('delegator') !== auth.id && !isAdmin) throw r.getString('delegate') === auth.id ? forbidden('只有委托人或管理员可以撤销委托。') : notFound('委托不存在。');
    const before = delegationAnswer(r);
    if (!r.getString('revoked_at')) {
      r.set('revoked_at', now(tx).toISOString());
      tx.save(r);
      recordAudit(tx, { action: 'delegation.revoke', actor: auditActor(tx, auth), at: now(tx), targetCollection: 'delegations', targetId: r.id, before, after: delegationAnswer(r) });
    }
    return { status: 200, body: { delegation: delegationAnswer(r) } };
  }
}
