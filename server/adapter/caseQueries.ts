/**
 * The read routes around a case: view it, list the actions offered, verify the event chain.
 */
import { availableActions } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { loadVisibleCase } from './loadVisibleCase.js';
import { caseSummary, formPermissions, visibleData } from './caseView.js';
import { verifyChain, type ChainedEvent } from './hashChain.js';
import { forbidden } from './httpError.js';
import { readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { householdIdHashes } from './householdIdHashes.js';
import { offersNotClaimedByOthers } from './claimedTask.js';

/** `GET /api/tongban/cases/{id}`: the case with the data the asker may see and their actions. */
export function getCase(app: PbApp, auth: PbRecord, caseId: string): RouteAnswer {
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, auth, caseId);
  const recused = recusedStaff(app, householdIdHashes(data));
  const actions = offersNotClaimedByOthers(app, record.id, wf, snapshot, actor, availableActions(wf.compiled, snapshot, actor, { data, recusedActors: recused }));
  return {
    status: 200,
    body: {
      case: caseSummary(record, snapshot, wf),
      data: visibleData(actor, record, snapshot, wf, data),
      actions,
      permissions: formPermissions(actor, record, snapshot, wf, actions),
    },
  };
}

/** `GET /api/tongban/cases/{id}/actions`. */
export function getActions(app: PbApp, auth: PbRecord, caseId: string): RouteAnswer {
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, auth, caseId);
  const offers = availableActions(wf.compiled, snapshot, actor, { data, recusedActors: recusedStaff(app, householdIdHashes(data)) });
  return { status: 200, body: { actions: offersNotClaimedByOthers(app, record.id, wf, snapshot, actor, offers) } };
}

/** `GET /api/tongban/cases/{id}/verify`: checks the case's hash chain (officers and admins). */
export function verifyCase(app: PbApp, auth: PbRecord, caseId: string): RouteAnswer {
  const { actor, record } = loadVisibleCase(app, auth, caseId);
  if (actor.kind === 'applicant') throw forbidden('只有工作人员可以核验案件记录。');
  const events = app.findRecordsByFilter('events', 'application = {:a}', 'seq', 100000, 0, { a: record.id }).map(
    (e): ChainedEvent => ({
      seq: e.getInt('seq'),
      action: e.getString('action'),
      kind: e.getString('kind'),
      from_step: e.getString('from_step'),
      to_step: e.getString('to_step'),
      actor: e.getString('actor'),
      comment: e.getString('comment'),
      data_patch: readJson(e, 'data_patch'),
      at: e.getString('at'),
      command_id: e.getString('command_id'),
      prev_hash: e.getString('prev_hash'),
      hash: e.getString('hash'),
    }),
  );
  return { status: 200, body: verifyChain(events, sha256) };
}
