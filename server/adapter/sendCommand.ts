/**
 * `POST /api/tongban/cases/{id}/commands`: one command on one case. Prepared without the write
 * lock — load the case, check the version first (a stale one answers 409 `stale_version` with the
 * current version, before any data check), check the actor may see and act on it, merge only the
 * sections the step lets them write, validate, decide, read the case's tasks, timers and chain
 * head, build the event and the actions that follow (caseRowsRead.ts) — then committed in one
 * transaction: the version is bumped by compare-and-swap against the version the decision was made
 * on (a case changed meanwhile answers 409 `stale_version`), the effects are applied, the
 * hash-chained event appended and the answer stored under the command id. SQLite has one writer at
 * a time, so only the writes hold the lock; deciding happens beside other writers. Any refusal
 * looks up the command id once more before it is answered: a repeat whose first copy committed
 * meanwhile (so bumped the version this copy decided on) gets the first answer, not a refusal.
 */
import { availableActions, availableVerbs, createWorkingCalendar, decide, hasOwnEntry, maxCcRecipients, ownEntry, stepActionNamed, taskForActor, verbOf, verbTaskKey, type Command, type CommandRequest, type JsonValue, type Rejection } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { loadVisibleCase } from './loadVisibleCase.js';
import { mergeCommandData } from './mergeCommandData.js';
import { actorByValue } from './eventActor.js';
import { renderAhead } from './caseDocuments.js';
import { commitDecision, prepareEvent, prepareRowsAhead, type PreparedCommit } from './caseWrites.js';
import { dataAfterEffects } from './caseEffects.js';
import { readCaseRows } from './caseRowsRead.js';
import { caseSummary } from './caseView.js';
import { commandPatch } from './commandPatch.js';
import { now } from './clock.js';
import { forbidden, HttpError, invalidData, staleVersion } from './httpError.js';
import { parseBody } from './parseBody.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { answerRow, bodyDigest, storeAnswer, storedAnswer, writeAnswerRow, type CommandBinding } from './commandAnswers.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { calendarOverrides } from './calendarOverrides.js';
import { notClaimedByOtherSql, refuseIfClaimedByOther, refuseIfNextStepClaimed } from './claimedTask.js';
import { liveCandidates } from './panelCandidates.js';
import { caseSubjectFacts, caseSubjectLinked } from './subjects.js';
import { followDecision } from './childCases.js';
import { draftProblems } from './draftProblems.js';
import { pendingTimersAmong } from './pendingTimers.js';
import { deadlineKnowledge } from './calendarArrangements.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { actingUser } from './delegatedActor.js';
import { verbArgsOf } from './verbArgs.js';
import { inWriteTransaction, markLockPiece } from './writeLockTiming.js';
import { PreparedRowWrites } from './preparedRowWrites.js';
import { setEventCaseCopies } from './queueFilterCopies.js';

const rejectionStatus: Record<Rejection['code'], number> = { stale_version: 409, not_allowed: 409, not_your_task: 403, invalid_data: 422, too_soon: 429 };

/** The body of a command (the shared wire type). */
type CommandBody = CommandRequest;

/** Runs one command; throws {@link HttpError} for every refusal (the transaction then rolls back). */
export function sendCommand(app: PbApp, auth: PbRecord, caseId: string, rawBody: unknown): RouteAnswer {
  const body = parseBody<CommandBody>(rawBody, {
    action: { type: 'string', required: true, maxLength: 100 },
    data: { type: 'object' },
    comment: { type: 'string', maxLength: 5000 },
    version: { type: 'integer', required: true },
    commandId: { type: 'string', required: true, maxLength: 100 },
    returnTo: { type: 'string', maxLength: 100 },
    ballot: { type: 'object' },
    to: { type: 'strings', maxLength: 30, maxItems: maxCcRecipients },
    position: { type: 'string', maxLength: 10 },
    onBehalfOf: { type: 'string', maxLength: 30 },
  });
  const binding: CommandBinding = { commandId: body.commandId, actorId: auth.id, route: 'command', caseId, digest: bodyDigest(body as unknown as Record<string, unknown>) };
  // A repeat of a finished command returns its stored answer without deciding again.
  const repeated = storedAnswer(app, binding);
  if (repeated) return repeated;
  try {
    return decideAndCommit(app, auth, caseId, body, binding);
  } catch (err) {
    // The first copy of this command may have committed while this one was refused: answer as it did.
    const earlier = storedAnswer(app, binding);
    if (earlier) return earlier;
    throw err;
  }
}

function decideAndCommit(app: PbApp, auth: PbRecord, caseId: string, body: CommandBody, binding: CommandBinding): RouteAnswer {
  const at = now(app);
  // 委托: a delegate acts as the delegator, whose case view, tasks and claims count.
  const acting = actingUser(app, auth, body.onBehalfOf, at);
  const { record, actor, wf, snapshot, data: stored } = loadVisibleCase(app, acting, caseId);
  if (body.version !== snapshot.version) throw staleVersion(snapshot.version, body.version);
  const step = ownEntry(wf.definition.steps, snapshot.step);
  const verb = verbOf(body.action);
  const action = step && !verb ? stepActionNamed(step, body.action)?.action : undefined;
  // The task this command acts on, when it is one the actor may act on: someone else's claim on it answers 409 `claimed`.
  const task = step && action ? taskForActor(wf.compiled, snapshot, actor, step, action) : undefined;
  const taskKey = verb ? verbTaskKey(wf.compiled, snapshot, actor, verb, { data: stored }) : typeof task === 'object' ? task.key : undefined;
  if (taskKey) refuseIfClaimedByOther(app, record.id, taskKey, acting.id);
  if (verb === 'recall') refuseIfNextStepClaimed(app, record.id);
  if (!verb && (body.to !== undefined || body.position !== undefined)) throw invalidData('只有任务动词 (verb.*) 可以指定人员。', [{ path: '/to', message: '此操作不能指定人员。' }]);

  let data = stored;
  let patch: Record<string, JsonValue> | undefined;
  if (body.data && Object.keys(body.data).length > 0) {
    const writes = action?.writes ?? [];
    if (writes.length === 0) throw invalidData('此操作不能提交表单数据。', [{ path: '/data', message: '此操作不能提交表单数据。' }]);
    patch = commandPatch(actor, record, snapshot, wf, writes, body.data, stored);
    const merged = mergeCommandData(wf, snapshot.step, writes, patch, stored);
    if (!merged.ok) throw invalidData('提交了不允许修改的字段。', merged.errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
    data = merged.data;
  }
  if (action?.kind === 'submit') {
    const missing = (action.writes ?? []).filter((s) => !hasOwnEntry(data, s));
    if (missing.length > 0) throw invalidData('申请内容不完整。', missing.map((s) => ({ path: `/data/${s}`, message: `请填写“${String(ownEntry(wf.formSchema?.properties as Record<string, { title?: string }> | undefined, s)?.title ?? s)}”部分。` })));
  }
  // A draft is checked loosely (what is missing is fine); submitting checks the whole form strictly,
  // also when it sends nothing new (a draft saved loosely must not slip through).
  if (wf.validator && (data !== stored || action?.kind === 'submit')) {
    const result = wf.validator.validate(data);
    const errors = result.valid ? [] : action?.kind === 'save' ? draftProblems(result.errors) : result.errors;
    if (errors.length > 0) throw invalidData('填写内容有误，请按提示修改。', errors.map((e) => ({ path: `/data${e.path}`, message: e.message })));
  }

  const overrides = calendarOverrides(app);
  const calendar = createWorkingCalendar(overrides);
  const verbArgs = verb ? verbArgsOf(app, body.to, body.position) : undefined;
  const command: Command = { action: body.action, version: body.version, commandId: body.commandId, ...(body.comment ? { comment: body.comment } : {}), ...(body.returnTo ? { returnTo: body.returnTo } : {}), ...(body.ballot ? { ballot: body.ballot } : {}), ...(verbArgs ? { verb: verbArgs } : {}) };
  const recused = recusedStaff(app, caseIdNumberHashes(data, wf.idFields));
  const org = orgDirectoryFor(app, wf.definition, record.getString('county'), body.commandId);
  // A panel seated by this command draws on today's officers; what was listed is recorded for replay.
  const candidates = liveCandidates(app);
  const subjectFacts = caseSubjectFacts(app, wf, record, data);
  const decision = decide(wf.compiled, snapshot, actor, command, at, { calendar, data, recusedActors: recused, ...(org ? { org } : {}), caseId: record.id, panelCandidates: candidates.list, ...(subjectFacts ? { subjectFacts } : {}) });
  if (!decision.ok) {
    const r = decision.rejection;
    throw new HttpError(rejectionStatus[r.code], r.code, r.message, r.path ? [{ path: r.path, message: r.message }] : undefined);
  }
  // Who acts, by value, read beside other writers like everything decide needed.
  const byValue = actorByValue(app, actor, acting.getString('name'));
  // 委托: the event names the delegator, and the delegate who acted for them.
  const actedBy = acting.id === auth.id ? byValue : { ...byValue, delegate: { id: auth.id, name: auth.getString('name') } };
  let answer: RouteAnswer | undefined;
  let refusal: unknown;
  // The tasks, timers, documents, notices, event and case are written by prepared SQL and announced
  // to realtime after the commit, as their model saves would be (preparedRowWrites.ts).
  const rows = new PreparedRowWrites();
  const input = {
    at,
    commandId: body.commandId,
    comment: body.comment,
    dataPatch: patch ?? null,
    actor: actedBy,
    calendar: overrides,
    recused,
    ...(org ? { org } : {}),
    ...(body.returnTo ? { returnTo: body.returnTo } : {}),
    ...(command.ballot ? { ballot: command.ballot } : {}),
    panelCandidates: candidates.recorded,
    ...(subjectFacts ? { subjectFacts } : {}),
    ...(verbArgs ? { verb: verbArgs } : {}),
  };
  // Read and built beside other writers, as decide's inputs were: the case's tasks, timers and chain
  // head, and the event; the transaction only writes (caseRowsRead.ts says why they stay right).
  const caseRows = readCaseRows(app, record.id);
  const after = dataAfterEffects(data, decision.effects);
  const event = prepareEvent(app, record.id, wf.masks, decision.event, input, caseRows.lastEvent);
  setEventCaseCopies(event.record, record);
  const prepared: PreparedCommit = {
    rows: caseRows,
    event,
    data: after,
    // Rendered here with stand-in numbers; the transaction numbers them (caseDocuments.ts).
    documents: renderAhead(app, record, wf, decision.snapshot, decision.effects, after, at, body.comment),
    subjectLinked: caseSubjectLinked(app, wf, record, data),
  };
  // The statements of the event, the case and the effects' rows too: under the lock they only run.
  // The case's write is guarded by the version decided on and, for a command on a task, by no one else having claimed it.
  const ahead = prepareRowsAhead(app, rows, record, wf, decision, { at, comment: body.comment, seenVersion: snapshot.version, ...(taskKey ? { alsoWhere: notClaimedByOtherSql(record.id, taskKey, acting.id) } : {}) }, prepared);
  const starter = actorByValue(app, actor, auth.getString('name'));
  const knowledge = deadlineKnowledge(app);
  // What the actor may do next, from the data the decision leaves; under the lock only when the
  // process reads its subject's facts, which the commit may change.
  const actionsAhead = subjectFacts ? undefined : availableActions(wf.compiled, decision.snapshot, actor, { data: after, now: at, caseId: record.id });
  const verbsAhead = subjectFacts ? undefined : availableVerbs(wf.compiled, decision.snapshot, actor, { data: after }, at);
  // The answer: the case with its timers as this command leaves them (its rows read ahead, changed by its effects).
  const answerOf = (event: unknown, actions: unknown, verbs: unknown): RouteAnswer => ({ status: 200, body: { case: caseSummary(record, decision.snapshot, wf, pendingTimersAmong(caseRows.timers.values()), knowledge), event, actions, verbs } });
  // With the effects built ahead, the whole answer and its stored row too.
  const answerAhead = ahead.effects && actionsAhead && verbsAhead ? answerOf(ahead.event.view, actionsAhead, verbsAhead) : undefined;
  const answerRowAhead = answerAhead ? answerRow(binding, record.id, answerAhead) : undefined;
  try {
    inWriteTransaction(app, 'command', (tx) => {
      try {
        // The same command id committed while this one was being decided bumped the version: the
        // compare-and-swap below refuses this copy as stale, and the refusal answers as the first
        // copy did (sendCommand); the commands' unique index refuses a second answer in any case.
        // A claim made meanwhile (it does not bump the version) is refused by the case's guarded
        // write when that was built ahead, else read here.
        if (taskKey && !ahead.caseRow) refuseIfClaimedByOther(tx, record.id, taskKey, acting.id);
        if (verb === 'recall') refuseIfNextStepClaimed(tx, record.id);
        markLockPiece('claim-check');
        let committed: ReturnType<typeof commitDecision>;
        try {
          committed = commitDecision(tx, record, wf, snapshot.version, decision, data, input, rows, ahead);
        } catch (err) {
          // The guarded write refused: a claim answers as such, before the version (as the read above would).
          if (taskKey && ahead.caseRow && err instanceof HttpError && err.code === 'stale_version') refuseIfClaimedByOther(tx, record.id, taskKey, acting.id);
          throw err;
        }
        followDecision(tx, record, decision.snapshot, decision.effects, starter, at);
        markLockPiece('parent-and-children');
        if (answerAhead && answerRowAhead) {
          answer = answerAhead;
          writeAnswerRow(tx, answerRowAhead);
        } else {
          answer = answerOf(
            committed.event,
            actionsAhead ?? availableActions(wf.compiled, decision.snapshot, actor, { data: committed.data, ...(subjectFacts ? { subjectFacts: caseSubjectFacts(tx, wf, record, committed.data) } : {}), now: at, caseId: record.id }),
            verbsAhead ?? availableVerbs(wf.compiled, decision.snapshot, actor, { data: committed.data }, at),
          );
          markLockPiece('answer');
          storeAnswer(tx, binding, record.id, answer);
        }
        markLockPiece('answer-stored');
      } catch (err) {
        refusal = err;
        throw err;
      }
    });
  } catch (err) {
    // Thrown again as it was raised inside the transaction, so a refusal keeps its status and code.
    throw refusal ?? err;
  }
  // Committed: realtime hears of the rows now (a rolled-back transaction threw above and is never announced).
  rows.announce(app);
  if (!answer) throw forbidden('命令未执行。');
  return answer;
}
