/**
 * The read routes around a case: view it, list the actions offered, verify the event chain.
 */
import { availableActions, availableVerbs, createWorkingCalendar, expectedSteps, type CaseSummaryView, type CaseViewAnswer, type ExpectedStepView, type JsonValue } from '../../engine/index.js';
import { now } from './clock.js';
import { recusedStaff } from './actors.js';
import { loadVisibleCase } from './loadVisibleCase.js';
import { actingUser } from './delegatedActor.js';
import { caseSummary, formPermissions, revealGrants, visibleData } from './caseView.js';
import { caseVerdict } from './caseVerdict.js';
import { caseNames } from './caseNames.js';
import { notFound } from './httpError.js';
import { pendingTimers } from './pendingTimers.js';
import { deadlineKnowledge, provisional, type DeadlineKnowledge } from './calendarArrangements.js';
import { calendarOverrides } from './calendarOverrides.js';
import type { LoadedWorkflow } from './workflowCache.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { offersNotClaimedByOthers, verbsNotClaimedByOthers } from './claimedTask.js';
import { caseSubjectFacts } from './subjects.js';
import { childCases, parentCase } from './childCases.js';

/** `GET /api/tongban/cases/{id}`: the case with the data the asker may see and their actions. */
export function getCase(app: PbApp, auth: PbRecord, caseId: string, onBehalfOf?: string): RouteAnswer {
  // 委托: `?onBehalfOf=<delegator>` shows the case as the delegator may act on it.
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, actingUser(app, auth, onBehalfOf || undefined, now(app)), caseId);
  const recused = recusedStaff(app, caseIdNumberHashes(data, wf.idFields));
  const subjectFacts = caseSubjectFacts(app, wf, record, data);
  const actions = offersNotClaimedByOthers(app, record.id, wf, snapshot, actor, availableActions(wf.compiled, snapshot, actor, { data, recusedActors: recused, ...(subjectFacts ? { subjectFacts } : {}), now: now(app), caseId: record.id }));
  const verbs = verbsNotClaimedByOthers(app, record.id, actor, availableVerbs(wf.compiled, snapshot, actor, { data, recusedActors: recused }, now(app)));
  const permissions = formPermissions(actor, record, snapshot, wf, actions);
  const knowledge = deadlineKnowledge(app);
  const summary = caseSummary(record, snapshot, wf, pendingTimers(app, record.id), knowledge);
  const body: CaseViewAnswer = {
    // The case's children with their state and outcome, and its parent (childCases.ts).
    case: { ...summary, children: childCases(app, record), parentCase: parentCase(app, record) },
    data: visibleData(actor, record, wf, data, permissions),
    actions,
    verbs,
    permissions,
    reveal: revealGrants(actor, snapshot, wf, actions),
    names: caseNames(wf),
    expected: expectedAhead(app, wf, summary, data, knowledge),
  };
  return { status: 200, body };
}

/** The steps ahead on the case's expected path, dated on the server's working calendar from the current step's due date. */
function expectedAhead(app: PbApp, wf: LoadedWorkflow, summary: CaseSummaryView, data: Record<string, JsonValue>, knowledge: DeadlineKnowledge): ExpectedStepView[] {
  const dues = [...summary.tasks.filter((t) => t.step === summary.step).map((t) => t.dueAt), ...summary.timers.filter((t) => t.step === summary.step).map((t) => t.dueAt)].filter((d): d is string => typeof d === 'string' && d !== '');
  const currentDueAt = dues.sort().at(-1);
  const ahead = expectedSteps(wf.compiled, { step: summary.step, status: summary.status, flags: summary.flags, data, ...(currentDueAt ? { currentDueAt } : {}), now: knowledge.now, calendar: createWorkingCalendar(calendarOverrides(app)) });
  return ahead.map((e) => (provisional(e.dueAt, knowledge) ? { ...e, provisional: true as const } : e));
}

/** `GET /api/tongban/cases/{id}/actions`. */
export function getActions(app: PbApp, auth: PbRecord, caseId: string, onBehalfOf?: string): RouteAnswer {
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, actingUser(app, auth, onBehalfOf || undefined, now(app)), caseId);
  const subjectFacts = caseSubjectFacts(app, wf, record, data);
  const scope = { data, recusedActors: recusedStaff(app, caseIdNumberHashes(data, wf.idFields)) };
  const offers = availableActions(wf.compiled, snapshot, actor, { ...scope, ...(subjectFacts ? { subjectFacts } : {}), now: now(app), caseId: record.id });
  const verbs = verbsNotClaimedByOthers(app, record.id, actor, availableVerbs(wf.compiled, snapshot, actor, scope, now(app)));
  return { status: 200, body: { actions: offersNotClaimedByOthers(app, record.id, wf, snapshot, actor, offers), verbs } };
}

/**
 * `GET /api/tongban/cases/{id}/verify`: checks the case's hash chain and replays its events
 * (anyone who sees the case, its applicant included; the superuser for any case, as `tongban verify`
 * does). The answer names no data, only whether the history is whole and replays to the case.
 */
export function verifyCase(app: PbApp, auth: PbRecord | null, caseId: string): RouteAnswer {
  let record: PbRecord;
  if (auth) {
    record = loadVisibleCase(app, auth, caseId).record;
  } else {
    try {
      record = app.findRecordById('applications', caseId);
    } catch {
      throw notFound('案件不存在。');
    }
  }
  return { status: 200, body: caseVerdict(app, record) };
}
