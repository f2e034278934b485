/**
 * `POST /api/tongban/admin/cases/{id}/migrate`: an administrator moves a running case to another
 * published version of its process, one case per command. The dry run (`dryRun: true`) answers the
 * plan and writes nothing: where the current step goes (same name, the `stepMap`, or cannot), the
 * tasks and timers closed and opened anew, the statutory limit before and after, decided items
 * that carry over, the entry effects not repeated, and the case data against the target's form
 * (fields that fail it, fields it no longer has; the data itself is kept as it is). Applied, in one
 * transaction: the `migrate` event in the hash chain (from/to versions in its replay record, the
 * reason as its comment), the case's version record and snapshot moved, tasks and timers reopened,
 * an `audit_log` entry. A plan with problems is refused with 409 `cannot_migrate` and its reasons.
 */
import { createWorkingCalendar, migrateCase, readPointer, type CaseSnapshot, type JsonValue, type MigrationPlan } from '../../engine/index.js';
import { listSchemaFields, type FormSchema } from '../../forms/core/index.js';
import { recordAudit } from './audit.js';
import { calendarOverrides } from './calendarOverrides.js';
import { commitDecision } from './caseWrites.js';
import { now } from './clock.js';
import { auditActorOf } from './configAudit.js';
import type { ActorByValue } from './eventActor.js';
import { HttpError, invalidData, notFound } from './httpError.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { parseBody } from './parseBody.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** The body of the route. */
interface MigrateBody {
  toVersion: number;
  dryRun: boolean;
  stepMap?: Record<string, unknown>;
  reason?: string;
}

/** The case data against the target version's form. */
export interface DataCheck {
  /** Fields whose values the target form refuses (and the source form accepted). */
  invalid: { path: string; message: string }[];
  /** Fields with a value that the target form no longer has (kept in the data, no longer shown). */
  dropped: string[];
}

/** The published version `version` of process `key`, or a 422 naming `/toVersion`. */
function targetVersion(tx: PbApp, key: string, version: number): LoadedWorkflow {
  const record = tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && version = {:version} && status = "published"', '', 1, 0, { key, version })[0];
  if (!record) throw invalidData(`流程“${key}”没有已发布的第 ${version} 版。`, [{ path: '/toVersion', message: `流程“${key}”没有已发布的第 ${version} 版。` }]);
  return workflowByRecord(tx, record.id);
}

const fieldsOf = (schema: FormSchema | null): Set<string> => new Set(schema ? listSchemaFields(schema).map((f) => f.pointer) : []);

/** Whether `data` holds a value at a field pointer (`*` for any item of an array). */
function holds(data: JsonValue, pointer: string): boolean {
  const star = pointer.indexOf('/*');
  if (star < 0) return readPointer(data as Record<string, JsonValue>, pointer) !== undefined;
  const items = readPointer(data as Record<string, JsonValue>, pointer.slice(0, star));
  return Array.isArray(items) && items.some((item) => holds(item, pointer.slice(star + 2) || ''));
}

/** The case data against the target's form: new refusals and fields it no longer has. */
export function dataCheck(from: LoadedWorkflow, to: LoadedWorkflow, data: Record<string, JsonValue>): DataCheck {
  const source = from.validator ? from.validator.validate(data) : { valid: true as const };
  const before = new Set(source.valid ? [] : source.errors.map((e) => e.path));
  const result = to.validator ? to.validator.validate(data) : { valid: true as const };
  const invalid = result.valid ? [] : result.errors.filter((e) => !before.has(e.path)).map((e) => ({ path: `/data${e.path}`, message: e.message }));
  const target = fieldsOf(to.formSchema);
  const dropped = to.formSchema ? [...fieldsOf(from.formSchema)].filter((p) => !target.has(p) && holds(data, p)) : [];
  // A parent dropped stands for its children.
  return { invalid, dropped: dropped.filter((p) => !dropped.some((q) => q !== p && p.startsWith(`${q}/`))) };
}

/** The event actor of an administrator or superuser, by value. */
function adminByValue(tx: PbApp, auth: PbRecord): ActorByValue {
  const audit = auditActorOf(tx, auth);
  return { id: auth.id, kind: 'admin', name: audit.name, roles: [] };
}

/** Plans, and unless `dryRun`, applies the migration of case `caseId` (administrators; the route checks). */
export function migrateCaseRoute(app: PbApp, auth: PbRecord, caseId: string, rawBody: unknown): RouteAnswer {
  const body = parseBody<MigrateBody>(rawBody, {
    toVersion: { type: 'integer', required: true },
    dryRun: { type: 'boolean', required: true },
    stepMap: { type: 'object' },
    reason: { type: 'string', maxLength: 500 },
  });
  const stepMap: Record<string, string> = {};
  for (const [oldName, newName] of Object.entries(body.stepMap ?? {})) {
    if (typeof newName !== 'string') throw invalidData('stepMap 的取值应为步骤名。', [{ path: `/stepMap/${oldName}`, message: '应为新版本中的步骤名。' }]);
    Object.defineProperty(stepMap, oldName, { value: newName, enumerable: true, writable: true, configurable: true });
  }
  const reason = (body.reason ?? '').trim();
  if (!body.dryRun && reason.length < 2) throw invalidData('迁移案件须写明理由。', [{ path: '/reason', message: '请写明迁移理由。' }]);

  let record: PbRecord;
  try {
    record = app.findRecordById('applications', caseId);
  } catch {
    throw notFound('案件不存在。');
  }
  const from = workflowByRecord(app, record.getString('workflow'));
  const to = targetVersion(app, from.definition.key, body.toVersion);
  const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
  const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
  const at = now(app);
  const overrides = calendarOverrides(app);
  const commandId = `migrate:${record.id}:${snapshot.version}`;
  const org = orgDirectoryFor(app, to.definition, record.getString('county'), commandId);
  const actor = adminByValue(app, auth);
  const migration = migrateCase(from.compiled, to.compiled, snapshot, { stepMap }, at, { calendar: createWorkingCalendar(overrides), data, actor: actor.id, reason, caseId: record.id, ...(org ? { org } : {}) });
  const answer = (plan: MigrationPlan) => ({ case: { id: record.id, caseNo: record.getString('case_no'), step: snapshot.step, version: from.definition.version }, ...plan, data: dataCheck(from, to, data) });
  if (body.dryRun) return { status: 200, body: { dryRun: true, ...answer(migration.plan) } };
  if (!migration.ok) {
    const problems = migration.plan.problems;
    throw new HttpError(409, 'cannot_migrate', `案件${record.getString('case_no')}不能迁移：${problems.map((p) => p.message).join('')}`, problems.map((p) => ({ path: p.path || '/', message: p.message })));
  }

  let event: Record<string, unknown> = {};
  app.runInTransaction((tx) => {
    const fresh = tx.findRecordById('applications', record.id);
    fresh.set('workflow', to.recordId);
    event = commitDecision(tx, fresh, to, snapshot.version, migration, data, {
      at,
      commandId,
      comment: reason,
      dataPatch: null,
      actor,
      calendar: overrides,
      ...(org ? { org } : {}),
      migration: { from: from.recordId, to: to.recordId, ...(Object.keys(stepMap).length > 0 ? { stepMap } : {}) },
    }).event;
    recordAudit(tx, {
      action: 'case.migrate',
      actor: auditActorOf(tx, auth),
      at,
      targetCollection: 'applications',
      targetId: record.id,
      application: record.id,
      reason,
      before: { version: from.definition.version, step: snapshot.step },
      after: { version: to.definition.version, step: migration.snapshot.step, by: migration.plan.step.by },
    });
  });
  return { status: 200, body: { dryRun: false, applied: true, ...answer(migration.plan), event } };
}
