/**
 * `POST /api/tongban/subjects/{id}/register`: an officer records a change in a person's register
 * entry — 死亡, 迁出, or 在册 again (迁入) — with the date and a reason. In one transaction the
 * subject's facts `register.status`, `register.statusDate` and `register.note` are set, the change
 * is audited (`subject.register`), and every running case about the subject whose definition ends
 * on such a change (`endsWhen`) is told by the system command `subject.changed`, decided by the
 * engine like any other command and recorded with the facts it read (so `verify` replays it). A
 * case whose routes do not hold refuses the command and nothing of it is written.
 */
import { createWorkingCalendar, decide, subjectChangedAction, type Actor, type CaseSnapshot, type JsonValue } from '../../engine/index.js';
import { actorOf, recusedStaff } from './actors.js';
import { recordAudit } from './audit.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { commitDecision } from './caseWrites.js';
import { calendarOverrides } from './calendarOverrides.js';
import { followDecision } from './childCases.js';
import { now } from './clock.js';
import { systemActorByValue } from './eventActor.js';
import { badRequest, forbidden, notFound } from './httpError.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates } from './panelCandidates.js';
import { parseBody } from './parseBody.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { caseSubjectFacts, factsOf, setFact } from './subjects.js';
import { workflowByRecord } from './workflowCache.js';

/** The register statuses an officer may record. */
export const registerStatuses = ['在册', '死亡', '迁出'] as const;

interface RegisterBody {
  status: string;
  date: string;
  reason: string;
}

const system: Actor = { id: 'system', kind: 'system', roles: [] };

function unitName(tx: PbApp, id: string): string {
  try {
    return id ? tx.findRecordById('org_units', id).getString('name') : '';
  } catch {
    return '';
  }
}

/**
 * Tells every running case about `subject` that ends on a change of its facts (`endsWhen`); answers
 * the ids of the cases it ended. Inside the caller's transaction.
 */
export function endCasesOnSubjectChange(tx: PbApp, subject: PbRecord, at: Date, comment: string): string[] {
  const ended: string[] = [];
  const running = tx.findRecordsByFilter('applications', 'subject = {:s} && status = "active"', 'created', 500, 0, { s: subject.id });
  for (const record of running) {
    const wf = workflowByRecord(tx, record.getString('workflow'));
    if (!wf.definition.endsWhen) continue;
    const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
    const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
    const commandId = `subject:${subject.id}:${record.id}:${at.toISOString()}`;
    const overrides = calendarOverrides(tx);
    const recused = recusedStaff(tx, caseIdNumberHashes(data, wf.idFields));
    const org = orgDirectoryFor(tx, wf.definition, record.getString('county'), commandId);
    const candidates = liveCandidates(tx);
    const subjectFacts = caseSubjectFacts(tx, wf, record, data);
    const decision = decide(wf.compiled, snapshot, system, { action: subjectChangedAction, version: snapshot.version, commandId, comment }, at, {
      calendar: createWorkingCalendar(overrides),
      data,
      recusedActors: recused,
      ...(org ? { org } : {}),
      caseId: record.id,
      panelCandidates: candidates.list,
      ...(subjectFacts ? { subjectFacts } : {}),
    });
    if (!decision.ok) continue; // no route holds: the case goes on
    commitDecision(tx, record, wf, snapshot.version, decision, data, { at, commandId, comment, dataPatch: null, actor: systemActorByValue, calendar: overrides, recused, ...(org ? { org } : {}), panelCandidates: candidates.recorded, ...(subjectFacts ? { subjectFacts } : {}) });
    followDecision(tx, record, decision.snapshot, decision.effects, systemActorByValue, at);
    ended.push(record.id);
  }
  return ended;
}

/** Records a change of the person `id`'s register entry; see the module comment. */
export function recordRegisterChange(app: PbApp, auth: PbRecord, id: string, rawBody: unknown): RouteAnswer {
  const actor = actorOf(app, auth);
  if (actor.kind !== 'officer' && actor.kind !== 'admin') throw forbidden('只有工作人员可以登记对象的户籍变化。');
  const body = parseBody<RegisterBody>(rawBody, {
    status: { type: 'string', required: true, maxLength: 10 },
    date: { type: 'string', required: true, maxLength: 10 },
    reason: { type: 'string', required: true, maxLength: 500 },
  });
  if (!(registerStatuses as readonly string[]).includes(body.status)) throw badRequest('请求格式不正确。', [{ path: '/status', message: `须为 ${registerStatuses.join('、')} 之一。` }]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.date) || Number.isNaN(Date.parse(`${body.date}T00:00:00Z`))) throw badRequest('请求格式不正确。', [{ path: '/date', message: '须为日期，如 "2026-05-03"。' }]);
  if (body.reason.trim().length < 2) throw badRequest('请说明变化的依据。', [{ path: '/reason', message: '依据至少2个字，如“公安户籍注销”。' }]);
  let subject: PbRecord;
  try {
    subject = app.findRecordById('subjects', id);
  } catch {
    throw notFound('对象不存在。');
  }
  // Officers of the person's village, township or county; the person, not an organisation.
  const unit = actor.orgUnit?.id;
  const home = ['village', 'township', 'county'].some((level) => unit !== undefined && subject.getString(level) === unit);
  if (subject.getString('kind') !== 'person' || (actor.kind !== 'admin' && !home)) throw notFound('对象不存在。');
  let ended: string[] = [];
  let facts: Record<string, JsonValue> = {};
  app.runInTransaction((tx) => {
    const at = now(tx);
    const before = factsOf(tx.findRecordById('subjects', subject.id));
    setFact(tx, subject.id, 'register.status', body.status);
    setFact(tx, subject.id, 'register.statusDate', body.date);
    setFact(tx, subject.id, 'register.note', body.reason.trim());
    const current = tx.findRecordById('subjects', subject.id);
    facts = factsOf(current);
    recordAudit(tx, {
      action: 'subject.register',
      actor: { id: auth.id, name: auth.getString('name'), role: auth.getString('role'), unit: unitName(tx, auth.getString('org_unit')) },
      at,
      targetCollection: 'subjects',
      targetId: subject.id,
      reason: body.reason.trim(),
      before: (before.register ?? null) as JsonValue,
      after: (facts.register ?? null) as JsonValue,
    });
    ended = endCasesOnSubjectChange(tx, current, at, `户籍登记为${body.status}（${body.date}）：${body.reason.trim()}`);
  });
  return { status: 200, body: { id: subject.id, facts, ended } };
}
