/**
 * The bulk-start routes: `POST /api/tongban/bulk-starts` (an officer or administrator starts a
 * process for many subjects), `GET /api/tongban/bulk-starts/{id}` (progress and failed rows) and
 * `POST /api/tongban/bulk-starts/{id}/resume` (continues a run from its last committed chunk).
 * Who may: staff whose unit and duty the process's `officer` starters allow (an administrator
 * for any process that declares an officer starter), for subjects in their jurisdiction.
 */
import { startersOf, starterFor, type Actor } from '../../engine/index.js';
import { actorOf } from './actors.js';
import { parseBulkStartRequest, type BulkStartRequest, type SubjectSelector } from './bulkStartRequest.js';
import { bulkRunView, createBulkRun, runOfOrigin, type BulkRunView } from './bulkRuns.js';
import { chunksPerRequest, processBulkRun } from './bulkRunChunks.js';
import { recordAudit } from './audit.js';
import { now } from './clock.js';
import { auditActorOf } from './configAudit.js';
import { actorByValue } from './eventActor.js';
import { conflict, forbidden, invalidData, notFound } from './httpError.js';
import { getenv, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { selectRows } from './sqlRows.js';
import { latestPublished, type LoadedWorkflow } from './workflowCache.js';

/** Most subjects one run may start. */
export const maxRunSubjects = 100_000;

/** How long one request works on a run before answering (`TONGBAN_BULK_REQUEST_SECONDS`, default 20). */
function requestBudgetMs(): number {
  const configured = Number(getenv('TONGBAN_BULK_REQUEST_SECONDS'));
  return (Number.isFinite(configured) && configured > 0 ? configured : 20) * 1000;
}

function workOn(app: PbApp, runId: string): BulkRunView {
  const maxChunks = chunksPerRequest();
  return processBulkRun(app, runId, { untilMs: Date.now() + requestBudgetMs(), ...(maxChunks !== undefined ? { maxChunks } : {}) });
}

/** Whether `actor` may bulk-start `wf` (as its officer starters allow; an administrator when it declares any). */
function mayBulkStart(actor: Actor, wf: LoadedWorkflow): { ok: true } | { ok: false; message: string } {
  if (actor.kind === 'admin' && startersOf(wf.definition).some((s) => s.kind === 'officer')) return { ok: true };
  if (actor.kind !== 'officer' && actor.kind !== 'admin') return { ok: false, message: '只有工作人员或管理员可以批量发起案件。' };
  const verdict = starterFor(wf.definition, actor, { as: 'officer' });
  return verdict.ok ? { ok: true } : { ok: false, message: verdict.message };
}

/** The subject ids a selector chooses, in processing order; 422 with the selector's path when too many, or none (unless `noneAllowed`: a dry run's count). */
function selectSubjects(tx: PbApp, actor: Actor, selector: SubjectSelector, wf: LoadedWorkflow, noneAllowed = false): string[] {
  const unitId = selector.unit ?? (actor.kind === 'admin' ? undefined : actor.orgUnit?.id);
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (unitId) {
    let unit: PbRecord | undefined;
    try {
      unit = tx.findRecordById('org_units', unitId);
    } catch {
      unit = undefined;
    }
    const own = actor.orgUnit?.id;
    const inJurisdiction = unit !== undefined && (actor.kind === 'admin' || (own !== undefined && [unit.id, unit.getString('township'), unit.getString('county')].includes(own)));
    if (!inJurisdiction) throw invalidData('所选组织机构不存在，或不在您的辖区内。', [{ path: '/selector/unit', message: '请选择您辖区内的组织机构。' }]);
    where.push('(village = {:u} OR township = {:u} OR county = {:u})');
    params.u = unitId;
  }
  const kind = selector.kind ?? wf.definition.subject?.kind;
  if (kind) {
    where.push('kind = {:kind}');
    params.kind = kind;
  }
  if (selector.fact) {
    where.push('json_extract(facts, {:path}) = {:equals}');
    params.path = `$.${selector.fact.path}`;
    params.equals = selector.fact.equals;
  }
  const sql = `SELECT id FROM subjects${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY county, township, village, id LIMIT ${maxRunSubjects + 1}`;
  const ids = selectRows(tx, sql, params, { id: '' }).map((r) => r.id);
  if (ids.length === 0 && !noneAllowed) throw invalidData('没有符合条件的对象。', [{ path: '/selector', message: '请调整选择条件。' }]);
  if (ids.length > maxRunSubjects) throw invalidData(`符合条件的对象超过 ${maxRunSubjects} 个，请缩小范围。`, [{ path: '/selector', message: '请缩小范围。' }]);
  return ids;
}

/** The asker's right to bulk-start `body.workflow`: the process's newest version and the asker as an actor; 404 or 403 otherwise. */
function allowedStart(tx: PbApp, auth: PbRecord, body: BulkStartRequest): { wf: LoadedWorkflow; actor: Actor } {
  const wf = latestPublished(tx, body.workflow);
  if (!wf) throw notFound(`没有已发布的流程“${body.workflow}”。`);
  const actor = actorOf(tx, auth);
  const allowed = mayBulkStart(actor, wf);
  if (!allowed.ok) throw forbidden(allowed.message, 'starter_not_allowed');
  if (actor.kind === 'officer' && !actor.orgUnit) throw forbidden('您未登记所在单位，不能批量发起。', 'starter_not_allowed');
  return { wf, actor };
}

/** A dry run: how many subjects the request chooses (a listed id counts once), nothing written. */
function countBulkStart(app: PbApp, auth: PbRecord, body: BulkStartRequest): RouteAnswer {
  const { wf, actor } = allowedStart(app, auth, body);
  const count = body.subjects ? new Set(body.subjects).size : selectSubjects(app, actor, body.selector!, wf, true).length;
  return { status: 200, body: { dryRun: true, workflow: { key: wf.definition.key, version: wf.definition.version }, count } };
}

/** `POST /api/tongban/bulk-starts`: creates the run (or answers the one this commandId created) and starts its first chunks; with `dryRun`, only counts. */
export function startBulkRun(app: PbApp, auth: PbRecord, raw: unknown): RouteAnswer {
  const body: BulkStartRequest = parseBulkStartRequest(raw);
  if (body.dryRun === true) return countBulkStart(app, auth, body);
  let runId = '';
  let created = false;
  app.runInTransaction((tx) => {
    const earlier = runOfOrigin(tx, { kind: 'officer', key: body.commandId });
    if (earlier) {
      if (earlier.getString('started_by_user') !== auth.id || earlier.getString('workflow_key') !== body.workflow) throw conflict('此请求编号已用于另一次批量发起。', 'origin_reused');
      runId = earlier.id;
      return;
    }
    const { wf, actor } = allowedStart(tx, auth, body);
    const subjects = body.subjects ?? selectSubjects(tx, actor, body.selector!, wf);
    const run = createBulkRun(tx, {
      workflowKey: wf.definition.key,
      subjects,
      origin: { kind: 'officer', key: body.commandId },
      startedBy: actorByValue(tx, actor, auth.getString('name')),
      ...(actor.kind === 'officer' ? { unit: actor.orgUnit!.id } : {}),
      ...(body.selector ? { selector: body.selector, inHomeOrder: true } : {}),
    });
    runId = run.run.id;
    created = run.created;
    // Starting a process for many subjects at once is an audited act (the cases' first events name the starter too).
    if (created) {
      recordAudit(tx, { action: 'bulk.start', actor: auditActorOf(tx, auth), at: now(tx), targetCollection: 'bulk_runs', targetId: runId, after: { workflow: run.run.workflow, total: run.run.total, ...(body.selector ? { selector: body.selector } : { subjects: run.run.total }) } });
    }
  });
  return { status: created ? 201 : 200, body: workOn(app, runId) };
}

/** The run `id` if this user may read it (its starter, an administrator, the superuser); 404 otherwise. */
export function visibleRun(app: PbApp, auth: PbRecord | null, id: string): PbRecord {
  let run: PbRecord;
  try {
    run = app.findRecordById('bulk_runs', id);
  } catch {
    throw notFound('没有这次批量发起。');
  }
  if (auth !== null && auth.getString('role') !== 'admin' && run.getString('started_by_user') !== auth.id) throw notFound('没有这次批量发起。');
  return run;
}

/** `GET /api/tongban/bulk-starts/{id}`: the run's progress and its first failed rows. `auth` null: the superuser. */
export function getBulkRun(app: PbApp, auth: PbRecord | null, id: string): RouteAnswer {
  return { status: 200, body: bulkRunView(app, visibleRun(app, auth, id)) };
}

/** `POST /api/tongban/bulk-starts/{id}/resume`: continues the run from its last committed chunk. */
export function resumeBulkRun(app: PbApp, auth: PbRecord | null, id: string): RouteAnswer {
  const run = visibleRun(app, auth, id);
  return { status: 200, body: workOn(app, run.id) };
}
