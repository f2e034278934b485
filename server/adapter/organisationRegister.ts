/**
 * The register of social organisations as the officers who keep it see it: an officer of a
 * 登记管理机关 sees the organisations registered in its county, an officer of a 业务主管单位 those it
 * supervises (the subject's fact `supervisorUnit`, set at 准予登记), an administrator every one.
 * No other officer, and no resident or organisation, reads the register — never wider than the remit.
 * `GET /api/tongban/organisations` answers the list; who is in whose remit is organisationRemit.ts (the subject history route asks it too).
 */
import { ownEntry, type JsonValue } from '../../engine/index.js';
import { forbidden } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { factsOf } from './subjects.js';
import { organisationRemit, inOrganisationRemit } from './organisationRemit.js';

/** One organisation of the register: its record and the register's facts. */
export function organisationLine(subject: PbRecord): Record<string, JsonValue> {
  const facts = factsOf(subject);
  const fact = (name: string): JsonValue => ownEntry(facts, name) ?? null;
  return {
    id: subject.id,
    creditCode: subject.getString('key'),
    name: subject.getString('name'),
    orgKind: subject.getString('org_kind'),
    status: fact('status'),
    supervisorUnit: fact('supervisorUnit'),
    legalRepresentative: fact('legalRepresentative'),
    registeredCapital: fact('registeredCapital'),
    address: fact('address'),
    certificateNo: fact('certificateNo'),
    certificateValidFrom: fact('certificateValidFrom'),
    certificateValidUntil: fact('certificateValidUntil'),
  };
}

/** `GET /api/tongban/organisations`: the organisations within the account's remit, by name. */
export function listOrganisations(app: PbApp, auth: PbRecord): RouteAnswer {
  const remit = organisationRemit(app, auth);
  if (!remit) throw forbidden('只有登记管理机关、业务主管单位的工作人员可以查看社会组织名录。');
  const filter = 'county' in remit ? 'kind = "organisation" && county = {:county}' : 'kind = "organisation"';
  const rows = app.findRecordsByFilter('subjects', filter, 'name', 5000, 0, 'county' in remit ? { county: remit.county } : {});
  const items = rows.filter((r) => inOrganisationRemit(remit, r)).map(organisationLine);
  return { status: 200, body: { items } };
}
