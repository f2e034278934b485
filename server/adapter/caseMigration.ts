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
import type { MigrationPlan } from '../../engine/index.js';
import { recordAudit } from './audit.js';
import { commitDecision } from './caseWrites.js';
import { now } from './clock.js';
import { auditActorOf } from './configAudit.js';
import type { ActorByValue } from './eventActor.js';
import { HttpError, invalidData, notFound } from './httpError.js';
import { planMigration, readStepMap, targetVersion } from './migrationPlanning.js';
import { caseOrg } from './divisionVersions.js';
import { parseBody } from './parseBody.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { workflowByRecord } from './workflowCache.js';

/** The body of the route. */
interface MigrateBody {
  toVersion: number;
  dryRun: boolean;
  stepMap?: Record<string, unknown>;
  reason?: string;
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
  const stepMap = readStepMap(body.stepMap);
  const reason = (body.reason ?? '').trim();
  if (!body.dryRun && reason.length < 2) throw invalidData('迁移案件须写明理由。', [{ path: '/reason', message: '请写明迁移理由。' }]);

  let record: PbRecord;
  try {
    record = app.findRecordById('applications', caseId);
  } catch {
    throw notFound('案件不存在。');
  }
  const current = workflowByRecord(app, record.getString('workflow'));
  const to = targetVersion(app, current.definition.key, body.toVersion, caseOrg(record));
  const at = now(app);
  const actor = adminByValue(app, auth);
  const planned = planMigration(app, record, to, { stepMap, actor: actor.id, reason, at });
  const { from, snapshot, data, migration, commandId, overrides, org } = planned;
  const answer = (plan: MigrationPlan) => ({ case: { id: record.id, caseNo: record.getString('case_no'), step: snapshot.step, version: from.definition.version }, ...plan, data: planned.dataCheck });
  if (body.dryRun) return { status: 200, body: { dryRun: true, ...answer(migration.plan) } };
  if (!migration.ok) {
    const problems = migration.plan.problems;
    throw new HttpError(409, 'cannot_migrate', `案件${record.getString('case_no')}不能迁移：${problems.map((p) => p.message).join('')}`, problems.map((p) => ({ path: p.path || '/', message: p.message })));
  }

  let event: Record<string, unknown> = {};
  app.runInTransaction((tx) => {
    const fresh = tx.findRecordById('applications', record.id);
    fresh.set('workflow', to.recordId);
    fresh.set('workflow_version', to.definition.version);
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
