/**
 * Subjects: what cases are about — a person or household, keyed by a keyed hash (HMAC-SHA256 with
 * the server's secret, kept in `server_state`) of the upper-cased 身份证 number, never the number;
 * or an organisation, keyed by its 统一社会信用代码. A subject carries facts that effects set
 * (`setSubjectFact`) and conditions read; a case links to its subject (`applications.subject`).
 */
import { isIdCard, isUscc, maskValue } from '../../forms/core/index.js';
import { birthDateOfIdNumber, pickFacts, readFact, readPointer, withFact, type JsonValue, type OrgPath, type SubjectDeclaration } from '../../engine/index.js';
import { hmacSha256, newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { LoadedWorkflow } from './workflowCache.js';
import { modelSaves, type RowWriter } from './preparedRowWrites.js';

/** A subject as a case names it, before it is looked up or created. */
export interface SubjectKey {
  kind: SubjectDeclaration['kind'];
  /** Person: the keyed hash of the ID number; organisation: the 统一社会信用代码. */
  key: string;
  /** Shown name (a person's is stored masked). */
  name?: string;
  /** A person's date of birth (YYYY-MM-DD) read from the ID number: kept as the register fact `register.birthDate`. */
  birthDate?: string;
}

/** The secret of the person keys, once read (it never changes once the subjects migration made it). */
let knownSecret: string | undefined;

/** The secret of the person keys (created by the subjects migration), read once per VM. */
function secret(tx: PbApp): string {
  knownSecret ??= tx.findFirstRecordByFilter('server_state', 'key = "subject_key_secret"').getString('value');
  return knownSecret;
}

/** The key of a person: the keyed hash of their 身份证 number (upper-cased), never the number. */
export function personKey(tx: PbApp, idNumber: string): string {
  return hmacSha256(idNumber.trim().toUpperCase(), secret(tx));
}

/** The subject the case data names through the definition's `subject` pointers, or undefined (no declaration, or no valid value yet). */
export function subjectKeyInData(tx: PbApp, wf: LoadedWorkflow, data: Record<string, JsonValue>): SubjectKey | undefined {
  const declared = wf.definition.subject;
  if (!declared) return undefined;
  const rawName = declared.name ? readPointer(data, declared.name) : undefined;
  const name = typeof rawName === 'string' && rawName !== '' ? rawName : undefined;
  if (declared.kind === 'person' && declared.idNumber) {
    const id = readPointer(data, declared.idNumber);
    if (typeof id !== 'string' || !isIdCard(id.trim().toUpperCase())) return undefined;
    const birthDate = birthDateOfIdNumber(id.trim().toUpperCase());
    return { kind: 'person', key: personKey(tx, id), ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}) };
  }
  if (declared.kind === 'organisation' && declared.creditCode) {
    const code = readPointer(data, declared.creditCode);
    if (typeof code !== 'string' || !isUscc(code.trim().toUpperCase())) return undefined;
    return { kind: 'organisation', key: code.trim().toUpperCase(), ...(name ? { name } : {}) };
  }
  return undefined;
}

/** The subject record of a key, or undefined. */
export function findSubject(tx: PbApp, kind: string, key: string): PbRecord | undefined {
  return tx.findRecordsByFilter('subjects', 'kind = {:kind} && key = {:key}', '', 1, 0, { kind, key })[0];
}

/**
 * The subject of `key`, created when new; its name and home (the case's org units) are brought up
 * to date. Saved through `writer` (a model save unless the caller writes by prepared SQL);
 * `existing` is its record when the caller looked it up already (null: there is none).
 */
export function ensureSubject(tx: PbApp, subject: SubjectKey, home: OrgPath, writer: RowWriter = modelSaves, existing: PbRecord | null = findSubject(tx, subject.kind, subject.key) ?? null): PbRecord {
  const record = existing ?? newRecord(tx, 'subjects');
  record.set('kind', subject.kind);
  record.set('key', subject.key);
  if (subject.name) record.set('name', subject.kind === 'person' ? String(maskValue(subject.name, 'name')) : subject.name);
  for (const level of ['village', 'township', 'county'] as const) {
    const unit = home[level];
    if (unit) record.set(level, unit);
  }
  // The register keeps a person's date of birth (what age conditions over facts read), never the number.
  if (subject.birthDate && readFact(factsOf(record), 'register.birthDate') === undefined) record.set('facts', withFact(factsOf(record), 'register.birthDate', subject.birthDate));
  writer.save(tx, record);
  return record;
}

/** A subject's facts. */
export function factsOf(subject: PbRecord): Record<string, JsonValue> {
  const facts = readJson<Record<string, JsonValue> | null>(subject, 'facts');
  return facts !== null && typeof facts === 'object' && !Array.isArray(facts) ? facts : {};
}

/** One change of a subject's fact made by a case: the value before and after, when, by which case. */
export interface FactChange {
  fact: string;
  from: JsonValue;
  to: JsonValue;
  at: string;
  case: string;
}

/** The changes of a subject's facts the cases about it made, oldest first (`subjects.fact_history`). */
export function factHistoryOf(subject: PbRecord): FactChange[] {
  const history = readJson<FactChange[] | null>(subject, 'fact_history');
  return Array.isArray(history) ? history : [];
}

/**
 * Sets a fact (dotted path) of a subject. A change of value made by a case is appended to the
 * subject's fact history (`from`, `to`, `at`, `case`), so earlier values stay readable; an
 * organisation's `name` fact is also its shown name (名称变更).
 */
export function setFact(tx: PbApp, subjectId: string, fact: string, value: JsonValue, by?: { case: string; at: Date }): void {
  const subject = tx.findRecordById('subjects', subjectId);
  const facts = factsOf(subject);
  const isOrganisationName = fact === 'name' && subject.getString('kind') === 'organisation';
  const before = readFact(facts, fact) ?? (isOrganisationName && subject.getString('name') ? subject.getString('name') : null);
  subject.set('facts', withFact(facts, fact, value));
  if (by && JSON.stringify(before) !== JSON.stringify(value)) {
    subject.set('fact_history', [...factHistoryOf(subject), { fact, from: before, to: value, at: by.at.toISOString(), case: by.case }]);
  }
  if (isOrganisationName && typeof value === 'string' && value.trim() !== '') subject.set('name', value.trim());
  tx.save(subject);
}

/**
 * Links a case to the subject its data names (created when new), when the definition keys its
 * subject by a field; a case whose data names none keeps the subject it was started with. The
 * subject is saved through `writer` (the command path's prepared writes, announced after its commit).
 */
export function linkCaseSubject(tx: PbApp, wf: LoadedWorkflow, caseRecord: PbRecord, data: Record<string, JsonValue>, writer: RowWriter = modelSaves): void {
  const link = subjectLink(tx, wf, caseRecord, data);
  // Already linked to it: nothing to write (most commands of a case).
  if (!link) return;
  const home = { village: caseRecord.getString('village'), township: caseRecord.getString('township'), county: caseRecord.getString('county') };
  const subject = ensureSubject(tx, link.named, home, writer, link.existing ?? null);
  caseRecord.set('subject', subject.id);
}

/**
 * The subject the case data names and its record (undefined: a new subject), when the case is not
 * linked to it yet; undefined when there is nothing to link (no subject named, an organisation's case,
 * or linked already). The subject is looked up once.
 */
function subjectLink(app: PbApp, wf: LoadedWorkflow, caseRecord: PbRecord, data: Record<string, JsonValue>): { named: SubjectKey; existing: PbRecord | undefined } | undefined {
  const named = subjectKeyInData(app, wf, data);
  if (!named || caseRecord.getString('starter') === 'organisation') return undefined;
  const existing = findSubject(app, named.kind, named.key);
  return existing !== undefined && caseRecord.getString('subject') === existing.id ? undefined : { named, existing };
}

/**
 * Whether {@link linkCaseSubject} has nothing to write: the data names no subject, the case is an
 * organisation's, or the case is linked to the subject the data names already. A command asks
 * before the write lock; the link then stays right, since only a command that bumps the case's
 * version changes it.
 */
export function caseSubjectLinked(app: PbApp, wf: LoadedWorkflow, caseRecord: PbRecord, data: Record<string, JsonValue>): boolean {
  return subjectLink(app, wf, caseRecord, data) === undefined;
}

/**
 * The facts of the case's subject that its definition reads (undefined when it reads none): of
 * the subject the data names, else of the subject the case is linked to. Recorded in the event.
 */
export function caseSubjectFacts(tx: PbApp, wf: LoadedWorkflow, caseRecord: PbRecord, data: Record<string, JsonValue>): Record<string, JsonValue> | undefined {
  const paths = wf.compiled.subjectFactsRead;
  if (paths.length === 0) return undefined;
  const named = caseRecord.getString('starter') === 'organisation' ? undefined : subjectKeyInData(tx, wf, data);
  let subject: PbRecord | undefined;
  if (named) subject = findSubject(tx, named.kind, named.key);
  else if (caseRecord.getString('subject')) {
    try {
      subject = tx.findRecordById('subjects', caseRecord.getString('subject'));
    } catch {
      subject = undefined;
    }
  }
  return subject ? pickFacts(factsOf(subject), paths) : {};
}
