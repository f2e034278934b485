/**
 * Social organisations imported into the register from a bureau's spreadsheet: each row names an
 * organisation by its 统一社会信用代码 (checked per GB 32100), its name, kind (社会团体, 民办非企业单位,
 * 基金会) and status, and optionally its registration date, 业务主管单位 (an org unit by code or name),
 * legal representative, address and registering county (by default the county whose division code
 * the credit code carries). Written as the register keeps an organisation (the subject keyed by
 * the credit code, the facts `status`, `registeredOn`, `supervisorUnit`, `legalRepresentative`,
 * `address`, `orgType`, `registered`), so the 登记管理机关's and 业务主管单位's remits see it.
 * Re-importing updates the same entry; an empty optional cell keeps what the register has.
 * The import is audited (`organisation.import`).
 */
import { withFact, type ImportedOrganisation, type JsonValue, type RowImportAnswer } from '../../engine/index.js';
import { isUscc } from '../../forms/core/index.js';
import { recordAudit } from './audit.js';
import { now } from './clock.js';
import { auditActorOf } from './configAudit.js';
import type { FieldProblem } from './httpError.js';
import { sheetDate, unitByCodeOrName } from './importUnits.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';
import { cellText, importRows, readRowImport, sheetRow, type RowCheck } from './rowImport.js';
import { factsOf, findSubject } from './subjects.js';

/** The kinds of social organisation. */
export const organisationKinds = ['社会团体', '民办非企业单位', '基金会'] as const;
/** The register's statuses; an organisation counts as registered in these. */
export const organisationStatuses = ['筹备', '正常', '责令整改', '注销', '撤销'] as const;
const registeredStatuses = new Set(['正常', '责令整改']);

interface OrganisationToWrite {
  creditCode: string;
  name: string;
  orgKind: string;
  status: string;
  registeredOn: string;
  supervisor: PbRecord | undefined;
  legalRepresentative: string;
  address: string;
  county: PbRecord;
}

function checkOrganisationRow(app: PbApp, row: Record<string, unknown>, index: number, seen: Map<string, number>): RowCheck<OrganisationToWrite> {
  const problems: FieldProblem[] = [];
  const name = cellText(row, 'name');
  const creditCode = cellText(row, 'creditCode').toUpperCase();
  const orgKind = cellText(row, 'orgKind');
  const status = cellText(row, 'status');
  const registeredText = cellText(row, 'registeredOn');
  const supervisorText = cellText(row, 'supervisorUnit');
  const legalRepresentative = cellText(row, 'legalRepresentative');
  const address = cellText(row, 'address');
  const countyText = cellText(row, 'county');
  if (name === '' || name.length > 200) problems.push({ path: '/name', message: '请填写组织名称（不超过 200 个字）。' });
  const codeOk = isUscc(creditCode);
  if (!codeOk) problems.push({ path: '/creditCode', message: creditCode === '' ? '请填写统一社会信用代码。' : '统一社会信用代码无效（18位，按 GB 32100 校验）。' });
  else {
    const earlier = seen.get(creditCode);
    if (earlier !== undefined) problems.push({ path: '/creditCode', message: `与第 ${sheetRow(earlier)} 行是同一个统一社会信用代码。` });
    else seen.set(creditCode, index);
  }
  if (!(organisationKinds as readonly string[]).includes(orgKind)) problems.push({ path: '/orgKind', message: `组织类型应为 ${organisationKinds.join('、')} 之一。` });
  if (!(organisationStatuses as readonly string[]).includes(status)) problems.push({ path: '/status', message: `登记状态应为 ${organisationStatuses.join('、')} 之一。` });
  const registeredOn = registeredText === '' ? '' : sheetDate(registeredText);
  if (registeredOn === undefined) problems.push({ path: '/registeredOn', message: '登记日期应为日期，如 2016-05-18。' });
  let supervisor: PbRecord | undefined;
  if (supervisorText !== '') {
    const found = unitByCodeOrName(app, supervisorText, ['department'], '业务主管单位');
    if (found.ok) supervisor = found.unit;
    else problems.push({ path: '/supervisorUnit', message: found.message });
  }
  if (legalRepresentative.length > 50) problems.push({ path: '/legalRepresentative', message: '法定代表人不能超过 50 个字。' });
  if (address.length > 200) problems.push({ path: '/address', message: '住所不能超过 200 个字。' });
  let county: PbRecord | undefined;
  if (countyText !== '') {
    const found = unitByCodeOrName(app, countyText, ['county'], '县（市、区）');
    if (found.ok) county = found.unit;
    else problems.push({ path: '/county', message: found.message });
  } else if (codeOk) {
    const found = unitByCodeOrName(app, creditCode.slice(2, 8), ['county'], '县（市、区）');
    if (found.ok) county = found.unit;
    else problems.push({ path: '/county', message: `统一社会信用代码中的行政区划 ${creditCode.slice(2, 8)} 不在本系统中，请填写登记机关所在的县（市、区）。` });
  }
  if (problems.length > 0 || !county || registeredOn === undefined) return { ok: false, problems };
  return { ok: true, value: { creditCode, name, orgKind, status, registeredOn, supervisor, legalRepresentative, address, county } };
}

function writeOrganisation(tx: PbApp, org: OrganisationToWrite, index: number): ImportedOrganisation {
  const existing = findSubject(tx, 'organisation', org.creditCode);
  const record = existing ?? newRecord(tx, 'subjects');
  record.set('kind', 'organisation');
  record.set('key', org.creditCode);
  record.set('name', org.name);
  record.set('org_kind', org.orgKind);
  record.set('county', org.county.id);
  let facts: Record<string, JsonValue> = factsOf(record);
  facts = withFact(facts, 'status', org.status);
  facts = withFact(facts, 'orgType', org.orgKind);
  if (registeredStatuses.has(org.status)) facts = withFact(facts, 'registered', true);
  else if (org.status === '注销' || org.status === '撤销') facts = withFact(facts, 'registered', false);
  if (org.registeredOn) facts = withFact(facts, 'registeredOn', org.registeredOn);
  if (org.supervisor) facts = withFact(facts, 'supervisorUnit', org.supervisor.id);
  if (org.legalRepresentative) facts = withFact(facts, 'legalRepresentative', org.legalRepresentative);
  if (org.address) facts = withFact(facts, 'address', org.address);
  record.set('facts', facts);
  tx.save(record);
  return { row: sheetRow(index), id: record.id, name: org.name, creditCode: org.creditCode, created: !existing };
}

/** `POST /api/tongban/admin/organisations/import`: checks every row, then writes them (or refuses all). */
export function importOrganisations(app: PbApp, admin: PbRecord | null, body: unknown): RowImportAnswer<ImportedOrganisation> {
  const request = readRowImport(body);
  const seen = new Map<string, number>();
  return importRows(
    app,
    request,
    (row, index) => checkOrganisationRow(app, row, index, seen),
    writeOrganisation,
    (tx, results) => recordAudit(tx, {
      action: 'organisation.import',
      actor: auditActorOf(tx, admin),
      at: now(tx),
      targetCollection: 'subjects',
      after: { kind: 'organisation', rows: request.rows.length, applied: results.length, created: results.filter((r) => r.created).length, updated: results.filter((r) => !r.created).length },
    }),
  );
}
