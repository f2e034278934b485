/**
 * `POST /api/tongban/cases`: an applicant opens a case for themselves, or a village officer opens
 * one on behalf of a resident of their village (代办). Idempotent by command id.
 */
import { AssignmentError, availableActions, createWorkingCalendar, startCase, type JsonValue } from '../../engine/index.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { actorOf } from './actors.js';
import { appendEvent, applyEffects, saveCase } from './caseWrites.js';
import { pendingTimers } from './pendingTimers.js';
import { draftProblems } from './draftProblems.js';
import { caseSummary } from './caseView.js';
import { actorByValue } from './eventActor.js';
import { mergeCommandData, openingWrites } from './mergeCommandData.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { badRequest, conflict, forbidden, invalidData, notFound } from './httpError.js';
import { parseBody } from './parseBody.js';
import { caseTitle } from './caseTitle.js';
import { refuseMasks } from './commandPatch.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';
import { bodyDigest, storeAnswer, storedAnswer, type CommandBinding } from './commandAnswers.js';
import type { RouteAnswer } from './routeAnswer.js';
import { latestPublished } from './workflowCache.js';

interface OpenBody {
  workflow: string;
  data?: Record<string, JsonValue>;
  commandId: string;
  applicant?: string;
}

function caseNumber(tx: PbApp, key: string, at: Date): string {
  const year = new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
  const prefix = `${key.toUpperCase().slice(0, 6)}-${year}-`;
  const last = tx.findRecordsByFilter('applications', 'case_no ~ {:p}', '-case_no', 1, 0, { p: `${prefix}%` })[0];
  const n = last ? Number(last.getString('case_no').slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/** Opens a case. */
export function openCase(app: PbApp, auth: PbRecord, rawBody: unknown): RouteAnswer {
  const body = parseBody<OpenBody>(rawBody, {
    workflow: { type: 'string', required: true, maxLength: 64 },
    data: { type: 'object' },
    commandId: { type: 'string', required: true, maxLength: 100 },
    applicant: { type: 'string', maxLength: 30 },
  });
  const binding: CommandBinding = { commandId: body.commandId, actorId: auth.id, route: 'open', digest: bodyDigest(body as unknown as Record<string, unknown>) };
  let answer: RouteAnswer | undefined;
  app.runInTransaction((tx) => {
    const earlier = storedAnswer(tx, binding);
    if (earlier) { answer = earlier; return; }
    const wf = latestPublished(tx, body.workflow);
    if (!wf) throw notFound(`没有已发布的流程“${body.workflow}”。`);
    const actor = actorOf(tx, auth);
    let applicant: PbRecord = auth;
    if (body.applicant && body.applicant !== auth.id) {
      if (actor.kind !== 'officer' || actor.orgUnit?.level !== 'village') throw forbidden('只有村（居）委会工作人员可以代为申请。');
      // A missing account and another village's resident answer alike: no way to probe for accounts.
      const notResident = () => forbidden('只能为本村（居）居民代为申请。');
      try {
        applicant = tx.findRecordById('users', body.applicant);
      } catch {
        throw notResident();
      }
      if (applicant.getString('org_unit') !== actor.orgUnit.id) throw notResident();
    } else if (actor.kind !== 'applicant') {
      throw badRequest('工作人员代为申请时须指定申请人 (applicant)。', [{ path: '/applicant', message: '请指定申请人。' }]);
    }
    const villageId = applicant.getString('org_unit');
    if (!villageId) throw forbidden('申请人未登记所在村（居），请联系村（居）委会。');
    const village = tx.findRecordById('org_units', villageId);
    const org = { village: village.id, township: village.getString('township'), county: village.getString('county') };

    let data: Record<string, JsonValue> = {};
    if (body.data && Object.keys(body.data).length > 0) {
      refuseMasks(wf, body.data);
      const merged = mergeCommandData(wf, wf.definition.initial, openingWrites(wf), body.data, {});
      if (!merged.ok) throw invalidData('提交了不允许填写的字段。', merged.errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
      data = merged.data;
      // Opening starts a draft: checked loosely, like a save; submitting checks strictly.
      const result = wf.validator?.validate(data);
      const errors = result && !result.valid ? draftProblems(result.errors) : [];
      if (errors.length > 0) throw invalidData('填写内容有误，请按提示修改。', errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
    }

    const at = now(tx);
    const overrides = calendarOverrides(tx);
    const calendar = createWorkingCalendar(overrides);
    const start = { applicant: applicant.id, org, filedBy: auth.id };
    const directory = orgDirectoryFor(tx, wf.definition, org.county, body.commandId);
    let started: ReturnType<typeof startCase>;
    try {
      started = startCase(wf.compiled, start, at, { calendar, data, ...(directory ? { org: directory } : {}) });
    } catch (e) {
      // An initial step beside the chain that cannot be routed (no such unit in the county, a wrongly named unit).
      if (e instanceof AssignmentError) throw e.path ? invalidData(e.message, [{ path: e.path, message: e.message }]) : conflict(e.message);
      throw e;
    }
    const record = newRecord(tx, 'applications');
    record.set('case_no', caseNumber(tx, wf.definition.key, at));
    record.set('workflow', wf.recordId);
    record.set('workflow_key', wf.definition.key);
    record.set('workflow_version', wf.definition.version);
    record.set('applicant', applicant.id);
    record.set('filed_by', auth.id);
    record.set('village', org.village);
    record.set('township', org.township);
    record.set('county', org.county);
    // The title is read through the record API by every officer of the area: the name in it is masked.
    record.set('title', caseTitle(wf.definition.name, applicant.getString('name')));
    // Created first so the tasks, timers and documents of the effects can refer to it.
    saveCase(tx, record, wf, started.snapshot, data);
    const nextData: Record<string, JsonValue> = JSON.parse(JSON.stringify(data));
    applyEffects(tx, record, wf, started.snapshot, started.effects, nextData, at, undefined);
    const event = appendEvent(tx, record.id, wf.masks, started.event, {
      commandId: body.commandId,
      dataPatch: body.data ?? null,
      actor: actorByValue(tx, actor, auth.getString('name')),
      calendar: overrides,
      start,
      ...(directory ? { org: directory } : {}),
    });
    // Same commit order as a command: effects, event, then the case with the data the effects set.
    saveCase(tx, record, wf, started.snapshot, nextData);
    answer = { status: 201, body: { case: caseSummary(record, started.snapshot, wf, pendingTimers(tx, record.id)), event, actions: availableActions(wf.compiled, started.snapshot, actor, { data: nextData }) } };
    storeAnswer(tx, binding, record.id, answer);
  });
  return answer!;
}
