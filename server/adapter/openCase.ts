/**
 * `POST /api/tongban/cases`: opens a case as the definition's `starters` allow — a resident for
 * themselves; a village officer for a resident of their village (代办), with an account
 * (`applicant`) or without one (`proxy: true`: the resident is recorded by the subject the form's ID
 * number keys, and the officer acts on the applicant steps); an organisation's account for the
 * organisation; an officer about an existing subject of their jurisdiction (`subject`, or the
 * subject of the case it `follows`). Idempotent by command id.
 */
import { availableActions, starterFor, type Actor, type OrgPath, type OpenCaseRequest, type StartRequest } from '../../engine/index.js';
import { actorOf } from './actors.js';
import { actorAmongParties, canSeeCase } from './access.js';
import { pendingTimersAmong } from './pendingTimers.js';
import { deadlineKnowledge } from './calendarArrangements.js';
import { caseSummary } from './caseView.js';
import { actorByValue } from './eventActor.js';
import { now } from './clock.js';
import { badRequest, forbidden, invalidData, notFound } from './httpError.js';
import { parseBody } from './parseBody.js';
import { caseTitle } from './caseTitle.js';
import { refuseMasks } from './commandPatch.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { bodyDigest, storeAnswer, storedAnswer, type CommandBinding } from './commandAnswers.js';
import type { RouteAnswer } from './routeAnswer.js';
import { latestPublished, type LoadedWorkflow } from './workflowCache.js';
import { publishedFor } from './divisionVersions.js';
import { createPreparedCase, decideStart, openingData, prepareOpening, type CaseOpening } from './caseOpening.js';
import { factsOf, subjectKeyInData } from './subjects.js';
import { readPointer } from '../../engine/index.js';
import { inWriteTransaction, markLockPiece } from './writeLockTiming.js';
import { PreparedRowWrites } from './preparedRowWrites.js';

/** The body of `POST /api/tongban/cases` (the shared wire type). */
type OpenBody = OpenCaseRequest;

/** The org path of a unit or subject record (its own village/township/county fields). */
function homeOf(record: PbRecord): OrgPath {
  const org: OrgPath = {};
  for (const level of ['village', 'township', 'county'] as const) if (record.getString(level)) org[level] = record.getString(level);
  return org;
}

function villagePath(tx: PbApp, villageId: string): OrgPath {
  const village = tx.findRecordById('org_units', villageId);
  return { village: village.id, township: village.getString('township'), county: village.getString('county') };
}

/** How the body asks to start the case (`aboutNoOne`: the process declares no subject). */
function requestOf(actor: Actor, body: OpenBody, authId: string, aboutNoOne: boolean): StartRequest {
  if (actor.organisation) return { as: 'organisation' };
  if (body.subject || body.follows) return { as: 'officer' };
  // A process about no subject (a programme such as a call for projects) is opened by an officer for their own area.
  if (aboutNoOne && (actor.kind === 'officer' || actor.kind === 'admin') && !body.applicant && !body.proxy) return { as: 'officer' };
  if ((body.applicant && body.applicant !== authId) || body.proxy) return { as: 'proxy' };
  if (actor.kind === 'applicant') return { as: 'resident' };
  throw badRequest('工作人员代为申请时须指定申请人 (applicant)，或为没有账号的居民代办 (proxy: true)。', [{ path: '/applicant', message: '请指定申请人。' }]);
}

/** The area of an officer's own unit (village, township, county), for a case about no subject. */
function ownArea(actor: Actor): OrgPath {
  const unit = actor.orgUnit;
  if (!unit || !['village', 'township', 'county'].includes(unit.level)) throw forbidden('只有县、乡、村的工作人员可以发起此事项。', 'starter_not_allowed');
  const [county, township, village] = unit.path;
  return { ...(county ? { county } : {}), ...(township ? { township } : {}), ...(village ? { village } : {}) };
}

/** The subject an officer's case is about, if they may see it; and the case it follows. */
function subjectForOfficer(tx: PbApp, actor: Actor, body: OpenBody): { subject: PbRecord; follows?: PbRecord } {
  let follows: PbRecord | undefined;
  if (body.follows) {
    try {
      follows = tx.findRecordById('applications', body.follows);
    } catch {
      throw notFound('所跟进的案件不存在。');
    }
    if (!canSeeCase(actor, follows)) throw notFound('所跟进的案件不存在。');
  }
  const subjectId = body.subject ?? follows?.getString('subject') ?? '';
  if (!subjectId) throw invalidData('所跟进的案件没有对象，请指定对象 (subject)。', [{ path: '/subject', message: '请指定对象。' }]);
  if (follows && body.subject && follows.getString('subject') !== body.subject) throw invalidData('所跟进的案件不是关于此对象的。', [{ path: '/follows', message: '案件与对象不符。' }]);
  let subject: PbRecord;
  try {
    subject = tx.findRecordById('subjects', subjectId);
  } catch {
    throw notFound('对象不存在。');
  }
  const unit = actor.orgUnit?.id;
  const inJurisdiction = actor.kind === 'admin' || (unit !== undefined && ['village', 'township', 'county'].some((level) => subject.getString(level) === unit));
  if (!inJurisdiction) throw notFound('对象不存在。');
  return { subject, ...(follows ? { follows } : {}) };
}

/** Resolves who starts the case and for whom, as the definition's starters allow; throws otherwise. */
function openingFor(tx: PbApp, wf: LoadedWorkflow, auth: PbRecord, actor: Actor, body: OpenBody): Omit<CaseOpening, 'wf' | 'dataPatch' | 'commandId' | 'actor' | 'at'> {
  const request = requestOf(actor, body, auth.id, wf.definition.subject === undefined);
  // An organisation starter may ask for facts of the organisation (公募资格): read them from its record.
  const facts = request.as === 'organisation' ? factsOf(tx.findRecordById('subjects', actor.organisation!)) : undefined;
  const verdict = starterFor(wf.definition, actor, request, facts);
  if (!verdict.ok) throw forbidden(verdict.message, 'starter_not_allowed');
  const base = { starter: request.as, filedBy: auth.id };
  switch (request.as) {
    case 'resident': {
      const villageId = auth.getString('org_unit');
      if (!villageId) throw forbidden('申请人未登记所在村（居），请联系村（居）委会。');
      return { ...base, party: auth.id, applicantUser: auth.id, applicantOrg: '', org: villagePath(tx, villageId), title: caseTitle(wf.definition.name, auth.getString('name')) };
    }
    case 'proxy': {
      const village = actor.orgUnit!.id;
      if (body.applicant && body.applicant !== auth.id) {
        // A missing account and another village's resident answer alike: no way to probe for accounts.
        const notResident = () => forbidden('只能为本村（居）居民代为申请。');
        let applicant: PbRecord;
        try {
          applicant = tx.findRecordById('users', body.applicant);
        } catch {
          throw notResident();
        }
        if (applicant.getString('org_unit') !== village) throw notResident();
        return { ...base, party: applicant.id, applicantUser: applicant.id, applicantOrg: '', org: villagePath(tx, village), title: caseTitle(wf.definition.name, applicant.getString('name')) };
      }
      // A resident without an account: recorded by the subject the form's ID number keys; the officer acts for them.
      const declared = wf.definition.subject;
      if (declared?.kind !== 'person' || !declared.idNumber) throw badRequest('此事项没有以身份证号确定的对象，不能为没有账号的居民代办。');
      const data = openingData(wf, body.data ?? null);
      if (!subjectKeyInData(tx, wf, data)) throw invalidData('为没有账号的居民代办，须填写其有效的身份证号码。', [{ path: `/data${declared.idNumber}`, message: '请填写居民的身份证号码。' }]);
      const name = declared.name ? readPointer(data, declared.name) : undefined;
      return { ...base, party: auth.id, applicantUser: '', applicantOrg: '', org: villagePath(tx, village), title: caseTitle(wf.definition.name, typeof name === 'string' ? name : '') };
    }
    case 'organisation': {
      const organisation = tx.findRecordById('subjects', actor.organisation!);
      const org = homeOf(organisation);
      if (!org.county) throw forbidden('本组织未登记所属县（市、区），请联系登记管理机关。');
      return { ...base, party: organisation.id, applicantUser: auth.id, applicantOrg: organisation.id, org, subject: organisation.id, title: `${wf.definition.name}：${organisation.getString('name')}` };
    }
    case 'officer': {
      if (!wf.definition.subject && !body.subject && !body.follows) return { ...base, party: auth.id, applicantUser: '', applicantOrg: '', org: ownArea(actor), title: `${wf.definition.name}：${tx.findRecordById('org_units', actor.orgUnit!.id).getString('name')}` };
      const { subject, follows } = subjectForOfficer(tx, actor, body);
      if (wf.definition.subject && wf.definition.subject.kind !== subject.getString('kind')) throw invalidData('对象的类型与此事项不符。', [{ path: '/subject', message: '对象类型不符。' }]);
      const name = subject.getString('name');
      return { ...base, party: auth.id, applicantUser: '', applicantOrg: '', org: homeOf(subject), subject: subject.id, ...(follows ? { follows: follows.id } : {}), title: `${wf.definition.name}：${name || '对象'}` };
    }
    case 'parent':
      throw forbidden('子案件只能由上级案件发起。', 'starter_not_allowed');
  }
}

/** Opens a case. */
export function openCase(app: PbApp, auth: PbRecord, rawBody: unknown): RouteAnswer {
  const body = parseBody<OpenBody>(rawBody, {
    workflow: { type: 'string', required: true, maxLength: 64 },
    data: { type: 'object' },
    commandId: { type: 'string', required: true, maxLength: 100 },
    applicant: { type: 'string', maxLength: 30 },
    proxy: { type: 'boolean' },
    subject: { type: 'string', maxLength: 30 },
    follows: { type: 'string', maxLength: 30 },
  });
  const binding: CommandBinding = { commandId: body.commandId, actorId: auth.id, route: 'open', digest: bodyDigest(body as unknown as Record<string, unknown>) };
  // A repeat of a finished opening returns its stored answer without deciding again.
  const repeated = storedAnswer(app, binding);
  if (repeated) return repeated;
  // Decided beside other writers (it reads only): the process, who opens it for whom, the data's
  // check and the engine's start; the transaction numbers and writes the case.
  const national = latestPublished(app, body.workflow);
  if (!national) throw notFound(`没有已发布的流程“${body.workflow}”。`);
  const actor = actorOf(app, auth);
  if (body.data && Object.keys(body.data).length > 0) refuseMasks(national, body.data);
  const opened = openingFor(app, national, auth, actor, body);
  // Local rules: the case starts on its division's overlay of the version, if one is published (divisionVersions.ts).
  const wf = publishedFor(app, body.workflow, opened.org) ?? national;
  const opening: CaseOpening = {
    wf,
    ...opened,
    dataPatch: body.data && Object.keys(body.data).length > 0 ? body.data : null,
    commandId: body.commandId,
    actor: actorByValue(app, actor, auth.getString('name')),
    at: now(app),
  };
  const decided = decideStart(app, opening);
  const knowledge = deadlineKnowledge(app);
  // What the actor may do next on the new case, from the data its start leaves.
  const actions = availableActions(wf.compiled, decided.started.snapshot, actorAmongParties(actor, { applicant: opening.applicantUser, starter: opening.starter, filedBy: opening.filedBy }), { data: decided.after });
  let answer: RouteAnswer | undefined;
  // The case's rows are written by prepared SQL and announced to realtime after the commit
  // (preparedRowWrites.ts); built here, so under the lock they are numbered and written.
  const rows = new PreparedRowWrites();
  const prepared = prepareOpening(app, opening, rows, decided);
  inWriteTransaction(app, 'open', (tx) => {
    // A new case has no version to compare-and-swap: only the command id keeps a repeat from opening a second one.
    const earlier = storedAnswer(tx, binding);
    if (earlier) { answer = earlier; return; }
    markLockPiece('repeat-check');
    const created = createPreparedCase(tx, opening, rows, decided, prepared);
    answer = { status: 201, body: { case: caseSummary(created.record, created.snapshot, wf, pendingTimersAmong(created.rows.timers.values()), knowledge), event: created.event, actions } };
    markLockPiece('answer');
    storeAnswer(tx, binding, created.record.id, answer);
    markLockPiece('answer-stored');
  });
  rows.announce(app);
  return answer!;
}
