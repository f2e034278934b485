/**
 * Recipients imported into the subject register from a bureau's spreadsheet (as older systems
 * export them): each row names a person by name and 身份证号, their village (division code or
 * name), and optionally their household, a programme they receive (as the process modules declare them) and
 * since when. The register keeps what it keeps for a person a case keys: the keyed hash of the ID
 * number (never the number), the name masked, the home (village, township, county), the date of
 * birth and sex read from the number (a given birth date or sex must agree with it), and facts —
 * `register.household`, `<programme>.status` and `<programme>.since` — that bulk starts select by
 * and processes read. Re-importing a sheet updates the same entries (keyed by the hash); an empty
 * optional cell keeps what the register has. The import is audited (`subject.import`).
 */
import { withFact, type ImportedSubject, type JsonValue, type RowImportAnswer } from '../../engine/index.js';
import { idCardProblem, idCardProblemMessages, maskValue, parseIdCard } from '../../forms/core/index.js';
import { recordAudit } from './audit.js';
import { now } from './clock.js';
import { auditActorOf } from './configAudit.js';
import type { FieldProblem } from './httpError.js';
import { sheetDate, unitByCodeOrName } from './importUnits.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';
import { cellText, importRows, readRowImport, sheetRow, type RowCheck } from './rowImport.js';
import { factsOf, findSubject, personKey } from './subjects.js';
import { registeredProcessModules } from './processModules.js';

/**
 * The programmes a sheet may name, by the name a sheet writes: the fact group their cases keep and
 * the status of a current recipient, as each process module declares them (`registerProgramme`).
 */
export function importedProgrammes(): Map<string, { fact: string; status: string }> {
  const programmes = new Map<string, { fact: string; status: string }>();
  for (const module of registeredProcessModules()) {
    const p = module.registerProgramme;
    if (p && !programmes.has(p.label)) programmes.set(p.label, { fact: p.fact, status: p.status });
  }
  return programmes;
}

const sexes = new Map([['男', 'male'], ['女', 'female']]);

/** One checked row. */
interface PersonToWrite {
  key: string;
  name: string;
  birthDate: string;
  sex: string;
  household: string;
  village: PbRecord;
  programme?: { fact: string; status: string; since: string };
}

/** China time's today, `YYYY-MM-DD`. */
function chinaToday(app: PbApp): string {
  return new Date(now(app).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function checkPersonRow(app: PbApp, row: Record<string, unknown>, index: number, today: string, seen: Map<string, number>, programmes: Map<string, { fact: string; status: string }>): RowCheck<PersonToWrite> {
  const problems: FieldProblem[] = [];
  const name = cellText(row, 'name');
  const idNumber = cellText(row, 'idNumber').toUpperCase();
  const birthText = cellText(row, 'birthDate');
  const sexText = cellText(row, 'sex');
  const household = cellText(row, 'household');
  const villageText = cellText(row, 'village');
  const programmeText = cellText(row, 'programme');
  const sinceText = cellText(row, 'since');
  if (name === '' || name.length > 50) problems.push({ path: '/name', message: '请填写姓名（不超过 50 个字）。' });
  const idProblem = idCardProblem(idNumber, today);
  const info = idProblem ? undefined : parseIdCard(idNumber);
  if (idProblem) problems.push({ path: '/idNumber', message: idNumber === '' ? '请填写身份证号。' : `身份证号有误：${idCardProblemMessages[idProblem]}。` });
  let key = '';
  if (info) {
    key = personKey(app, idNumber);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push({ path: '/idNumber', message: `与第 ${sheetRow(earlier)} 行是同一个身份证号。` });
    else seen.set(key, index);
  }
  if (birthText !== '') {
    const birthDate = sheetDate(birthText);
    if (!birthDate) problems.push({ path: '/birthDate', message: '出生日期应为日期，如 1948-08-17。' });
    else if (info && birthDate !== info.birthDate) problems.push({ path: '/birthDate', message: `出生日期与身份证号不符（身份证号为 ${info.birthDate}）。` });
  }
  if (sexText !== '') {
    const sex = sexes.get(sexText);
    if (!sex) problems.push({ path: '/sex', message: '性别应为“男”或“女”。' });
    else if (info && sex !== info.sex) problems.push({ path: '/sex', message: '性别与身份证号不符。' });
  }
  if (household.length > 100) problems.push({ path: '/household', message: '户号或户主不能超过 100 个字。' });
  let village: PbRecord | undefined;
  if (villageText === '') problems.push({ path: '/village', message: '请填写所在村（社区）的代码或名称。' });
  else {
    const found = unitByCodeOrName(app, villageText, ['village'], '村（社区）');
    if (found.ok) village = found.unit;
    else problems.push({ path: '/village', message: found.message });
  }
  let programme: PersonToWrite['programme'];
  if (programmeText !== '') {
    const known = programmes.get(programmeText);
    if (!known) problems.push({ path: '/programme', message: `救助项目应为 ${[...programmes.keys()].join('、')} 之一。` });
    const since = sinceText === '' ? '' : sheetDate(sinceText);
    if (since === undefined) problems.push({ path: '/since', message: '享受起始日期应为日期，如 2024-03-01。' });
    else if (since > today) problems.push({ path: '/since', message: '享受起始日期不能晚于今天。' });
    if (known && since !== undefined) programme = { ...known, since };
  } else if (sinceText !== '') problems.push({ path: '/programme', message: '填写了享受起始日期，请同时填写救助项目。' });
  if (problems.length > 0 || !info || !village) return { ok: false, problems };
  return { ok: true, value: { key, name, birthDate: info.birthDate, sex: sexText === '' ? '' : sexText, household, village, ...(programme ? { programme } : {}) } };
}

/** Writes one person into the register: created when new, else brought up to date. */
function writePerson(tx: PbApp, person: PersonToWrite, index: number): ImportedSubject {
  const existing = findSubject(tx, 'person', person.key);
  const record = existing ?? newRecord(tx, 'subjects');
  record.set('kind', 'person');
  record.set('key', person.key);
  const masked = String(maskValue(person.name, 'name'));
  record.set('name', masked);
  record.set('village', person.village.id);
  record.set('township', person.village.getString('township'));
  record.set('county', person.village.getString('county'));
  let facts: Record<string, JsonValue> = factsOf(record);
  facts = withFact(facts, 'register.birthDate', person.birthDate);
  if (person.sex) facts = withFact(facts, 'register.sex', person.sex);
  if (person.household) facts = withFact(facts, 'register.household', person.household);
  if (person.programme) {
    facts = withFact(facts, `${person.programme.fact}.status`, person.programme.status);
    if (person.programme.since) facts = withFact(facts, `${person.programme.fact}.since`, person.programme.since);
  }
  record.set('facts', facts);
  tx.save(record);
  return { row: sheetRow(index), id: record.id, name: masked, created: !existing };
}

/** `POST /api/tongban/admin/subjects/import`: checks every row, then writes them (or refuses all). */
export function importSubjects(app: PbApp, admin: PbRecord | null, body: unknown): RowImportAnswer<ImportedSubject> {
  const request = readRowImport(body);
  const today = chinaToday(app);
  const seen = new Map<string, number>();
  const programmes = importedProgrammes();
  return importRows(
    app,
    request,
    (row, index) => checkPersonRow(app, row, index, today, seen, programmes),
    writePerson,
    (tx, results) => recordAudit(tx, {
      action: 'subject.import',
      actor: auditActorOf(tx, admin),
      at: now(tx),
      targetCollection: 'subjects',
      after: { kind: 'person', rows: request.rows.length, applied: results.length, created: results.filter((r) => r.created).length, updated: results.filter((r) => !r.created).length },
    }),
  );
}
