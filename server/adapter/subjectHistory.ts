/**
 * `GET /api/tongban/subjects/{id}`: a subject's history as an officer may see it — the subject
 * (kind, name — a person's masked, an organisation's 统一社会信用代码 — its facts, and each change of a
 * fact a case made, with the value before) and the cases
 * about it that the officer may see. An officer outside the subject's jurisdiction who sees none of
 * its cases gets 404, as for a subject that does not exist. A person's key (a keyed hash of the ID
 * number) is never answered.
 */
import type { JsonValue } from '../../engine/index.js';
import { actorOf } from './actors.js';
import { canSeeCase } from './access.js';
import { forbidden, notFound } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { factHistoryOf, factsOf } from './subjects.js';
import { inOrganisationRemit, organisationRemit } from './organisationRemit.js';

function caseLine(r: PbRecord): Record<string, JsonValue> {
  return {
    id: r.id,
    caseNo: r.getString('case_no'),
    workflow: r.getString('workflow_key'),
    title: r.getString('title'),
    status: r.getString('status'),
    outcome: r.getString('outcome') || null,
    step: r.getString('step'),
    stepName: r.getString('step_name'),
    starter: r.getString('starter') || null,
    parent: r.getString('parent') || null,
    follows: r.getString('follows') || null,
    created: r.getString('created'),
  };
}

/** The subject `id` with its facts and the cases about it that `auth` may see. */
export function subjectHistory(app: PbApp, auth: PbRecord, id: string): RouteAnswer {
  const actor = actorOf(app, auth);
  if (actor.kind !== 'officer' && actor.kind !== 'admin') throw forbidden('只有工作人员可以查看对象的办理历史。');
  let subject: PbRecord;
  try {
    subject = app.findRecordById('subjects', id);
  } catch {
    throw notFound('对象不存在。');
  }
  const cases = app.findRecordsByFilter('applications', 'subject = {:s}', '-created', 500, 0, { s: subject.id }).filter((r) => canSeeCase(actor, r));
  const unit = actor.orgUnit?.id;
  const home = ['village', 'township', 'county'].some((level) => unit !== undefined && subject.getString(level) === unit);
  if (actor.kind !== 'admin' && !home && cases.length === 0 && !inOrganisationRemit(organisationRemit(app, auth), subject)) throw notFound('对象不存在。');
  const kind = subject.getString('kind');
  const seen = new Set(cases.map((r) => r.id));
  return {
    status: 200,
    body: {
      id: subject.id,
      kind,
      name: subject.getString('name'),
      ...(kind === 'organisation' ? { creditCode: subject.getString('key'), orgKind: subject.getString('org_kind') } : {}),
      facts: factsOf(subject),
      factHistory: factHistoryOf(subject).map((c) => ({ fact: c.fact, from: c.from, to: c.to, at: c.at, case: seen.has(c.case) ? c.case : null })),
      cases: cases.map(caseLine),
    },
  };
}
