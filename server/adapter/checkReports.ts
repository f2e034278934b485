/**
 * `POST /api/tongban/checks/{service}/reports`: a check service's report (or failure) on a request,
 * signed with the shared secret (checkSignature.ts). Refused, changing nothing, with a Chinese
 * message: no secret configured (503), a timestamp more than five minutes from the server's clock or
 * a signature that does not match (401), a report already accepted with this very signature — a
 * replay — or a request already answered (409), an unknown request (404), findings the form refuses
 * (422). An accepted one is the system command `check.reported` (findings at the step's `reportTo`)
 * or `check.failed`, decided by the engine and committed with the request's new state in one
 * transaction. The simulator's answers come through here too.
 */
import { checkFailedAction, checkOf, checkReportedAction, createWorkingCalendar, decide, ownEntry, reportActionOf, reportTarget, type Actor, type CheckSignal, type JsonValue } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { calendarOverrides } from './calendarOverrides.js';
import { checkConfig } from './checkConfig.js';
import { sameSignature, signCheckMessage } from './checkSignature.js';
import { followDecision } from './childCases.js';
import { commitDecision } from './caseWrites.js';
import { setPointer } from './caseEffects.js';
import { now } from './clock.js';
import { systemActorByValue } from './eventActor.js';
import { badRequest, conflict, HttpError, invalidData, notFound } from './httpError.js';
import { mergeCommandData } from './mergeCommandData.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates } from './panelCandidates.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { caseSubjectFacts } from './subjects.js';
import { workflowByRecord } from './workflowCache.js';
import type { CaseSnapshot } from '../../engine/index.js';

const system: Actor = { id: 'system', kind: 'system', roles: [] };

/** A report as the service posts it. */
export interface CheckReportBody {
  /** The request it answers, as it was sent (`<case id>:<step>#<visit>`). */
  request: string;
  /** `reported` (default) with `findings`, or `failed` with `error`. */
  status?: 'reported' | 'failed';
  findings?: Record<string, JsonValue>;
  error?: string;
}

const refusedSignature = () => new HttpError(401, 'bad_signature', '核对报告的签名无效，已拒绝。');

/** Checks the signature headers against the raw body; throws the refusal. */
export function verifyCheckSignature(app: PbApp, timestampHeader: string, signatureHeader: string, rawBody: string, at: Date): string {
  const config = checkConfig(app);
  if (!config.secret) throw new HttpError(503, 'not_configured', '未配置核对回调的密钥，不能接收核对报告。');
  const timestamp = Number(timestampHeader);
  if (!/^\d{1,12}$/.test(timestampHeader.trim()) || Math.abs(at.getTime() / 1000 - timestamp) > config.toleranceSeconds) {
    throw new HttpError(401, 'stale_signature', `核对报告的时间戳无效或与服务器时间相差超过 ${config.toleranceSeconds / 60} 分钟，已拒绝。`);
  }
  const expected = signCheckMessage(config.secret, timestamp, rawBody);
  if (!sameSignature(expected, signatureHeader.trim())) throw refusedSignature();
  return expected;
}

function parseReport(rawBody: string): CheckReportBody {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw badRequest('核对报告不是有效的 JSON。');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('核对报告须为 JSON 对象。');
  const b = body as Record<string, unknown>;
  const problems: { path: string; message: string }[] = [];
  if (typeof b.request !== 'string' || b.request.length === 0 || b.request.length > 200) problems.push({ path: '/request', message: '须写明所答复的核对请求 (request)。' });
  if (b.status !== undefined && b.status !== 'reported' && b.status !== 'failed') problems.push({ path: '/status', message: 'status 须为 reported 或 failed。' });
  if ((b.status ?? 'reported') === 'reported' && (!b.findings || typeof b.findings !== 'object' || Array.isArray(b.findings))) problems.push({ path: '/findings', message: '核对报告须包含核对结果 (findings)。' });
  if (b.error !== undefined && (typeof b.error !== 'string' || b.error.length > 500)) problems.push({ path: '/error', message: 'error 须为不超过 500 字的文字。' });
  if (problems.length > 0) throw badRequest('核对报告的格式有误。', problems);
  return b as unknown as CheckReportBody;
}

/**
 * Sends a check signal to the case of request row `row`, as the system, and commits it with the
 * row's new state — in the caller's transaction `tx`. Returns the case's number. A signal the
 * engine refuses (stale) throws 409 and nothing is written.
 */
export function signalCheck(tx: PbApp, row: PbRecord, signal: { action: typeof checkReportedAction; findings: Record<string, JsonValue>; signature?: string } | { action: typeof checkFailedAction; error: string }, at: Date): string {
  const record = tx.findRecordById('applications', row.getString('application'));
  const wf = workflowByRecord(tx, record.getString('workflow'));
  const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
  const stored = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
  const request = row.getString('request');
  const step = ownEntry(wf.definition.steps, snapshot.step);
  const check = checkOf(step);
  let data = stored;
  let patch: Record<string, JsonValue> | null = null;
  if (signal.action === checkReportedAction) {
    const action = reportActionOf(step);
    if (!check || !action || ownEntry(snapshot.checks, snapshot.step)?.request !== request) throw conflict('该核对请求已失效：案件已不在等待它的步骤。', 'stale_report');
    // The findings land at `reportTo`; the rest of the section stays as it was.
    const { section, pointer } = reportTarget(check);
    const current = ownEntry(stored, section);
    const sectionData: Record<string, JsonValue> = current && typeof current === 'object' && !Array.isArray(current) ? JSON.parse(JSON.stringify(current)) : {};
    const written: JsonValue = pointer ? (setPointer(sectionData, pointer, signal.findings), sectionData) : signal.findings;
    patch = { [section]: written };
    const merged = mergeCommandData(wf, snapshot.step, action.writes ?? [], patch, stored);
    if (!merged.ok) throw invalidData('核对报告包含不允许写入的字段。', merged.errors.map((e) => ({ path: `/findings${e.path}`, message: e.message })));
    data = merged.data;
    const result = wf.validator?.validate(data);
    if (result && !result.valid) throw invalidData('核对报告的内容有误。', result.errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
  }
  const checkSignal: CheckSignal = signal.action === checkFailedAction ? { request, error: signal.error } : { request };
  const commandId = `check:${row.id}:${signal.action === checkReportedAction ? 'reported' : 'failed'}`;
  const overrides = calendarOverrides(tx);
  const recused = recusedStaff(tx, caseIdNumberHashes(data, wf.idFields));
  const org = orgDirectoryFor(tx, wf.definition, record.getString('county'), commandId);
  const candidates = liveCandidates(tx);
  const subjectFacts = caseSubjectFacts(tx, wf, record, data);
  const decision = decide(wf.compiled, snapshot, system, { action: signal.action, version: snapshot.version, commandId, check: checkSignal }, at, {
    calendar: createWorkingCalendar(overrides),
    data,
    recusedActors: recused,
    ...(org ? { org } : {}),
    caseId: record.id,
    panelCandidates: candidates.list,
    ...(subjectFacts ? { subjectFacts } : {}),
  });
  if (!decision.ok) throw conflict(decision.rejection.message, 'stale_report');
  commitDecision(tx, record, wf, snapshot.version, decision, data, { at, commandId, dataPatch: patch, actor: systemActorByValue, calendar: overrides, recused, check: checkSignal, ...(org ? { org } : {}), panelCandidates: candidates.recorded, ...(subjectFacts ? { subjectFacts } : {}) });
  followDecision(tx, record, decision.snapshot, decision.effects, systemActorByValue, at);
  const fresh = tx.findRecordById('check_requests', row.id);
  fresh.set('status', signal.action === checkReportedAction ? 'reported' : 'failed');
  if (signal.action === checkReportedAction) {
    fresh.set('reported_at', at.toISOString());
    if (signal.signature) fresh.set('report_signature', signal.signature);
  } else fresh.set('error', signal.error.slice(0, 2000));
  tx.save(fresh);
  return record.getString('case_no');
}

/** Receives one signed report for `service` (see the module comment). */
export function receiveCheckReport(app: PbApp, service: string, timestampHeader: string, signatureHeader: string, rawBody: string): RouteAnswer {
  const at = now(app);
  const signature = verifyCheckSignature(app, timestampHeader, signatureHeader, rawBody, at);
  const body = parseReport(rawBody);
  let answer: RouteAnswer | undefined;
  let refusal: unknown;
  try {
    app.runInTransaction((tx) => {
      try {
        const replayed = tx.findRecordsByFilter('check_requests', 'report_signature = {:s}', '', 1, 0, { s: signature });
        if (replayed.length > 0) throw conflict('该核对报告已接收过（重复发送），已拒绝。', 'replayed');
        const row = tx.findRecordsByFilter('check_requests', 'key = {:k} && service = {:s}', '', 1, 0, { k: body.request, s: service })[0];
        if (!row) throw notFound(`没有核对请求“${body.request}”。`);
        const status = row.getString('status');
        if (status === 'reported') throw conflict('该核对请求的结果已记录，不再接收。', 'already_reported');
        const caseNo =
          body.status === 'failed'
            ? signalCheck(tx, row, { action: checkFailedAction, error: body.error ?? '核对系统未能答复' }, at)
            : signalCheck(tx, row, { action: checkReportedAction, findings: body.findings!, signature }, at);
        answer = { status: 200, body: { request: body.request, status: body.status ?? 'reported', caseNo } };
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
