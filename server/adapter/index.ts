/**
 * The command adapter: Tongban's routes inside PocketBase. `server/pb_hooks/tongban.pb.js`
 * registers the routes and the cron and calls these handlers; each handler answers JSON, with
 * Chinese error messages and field paths.
 */
import { exportAudit, requireAuditReader } from './auditExport.js';
import { listColleagues } from './colleagues.js';
import { dueBy } from './dueBy.js';
import { publicNoticeList } from './publicNoticeList.js';
import { queueCounts } from './queueCounts.js';
import { queueCountsQuery } from './queueCountFilter.js';
import { backfillLegacyEvents } from './backfillLegacyEvents.js';
import { linkActedCases } from './actedCases.js';
import { linkChangedApprovals } from './approvedSubjects.js';
import { backgroundWorkOn } from './backgroundWork.js';
import { calendarStartupWarning, calendarStatus } from './calendarStatus.js';
import { getBulkRun, resumeBulkRun, startBulkRun, visibleRun } from './bulkStartRoutes.js';
import { bulkRunRows, listBulkRuns } from './bulkRunList.js';
import { importSubjects } from './subjectImport.js';
import { importOrganisations } from './organisationImport.js';
import { processBulkRuns } from './bulkRunChunks.js';
import { getActions, getCase, verifyCase } from './caseQueries.js';
import { importArrangement } from './importArrangement.js';
import { migrateCaseRoute } from './caseMigration.js';
import { versionMigrationDryRun } from './versionMigrationDryRun.js';
import { claimTask, reassignTask, releaseTask } from './taskClaims.js';
import { createDelegation, revokeDelegation } from './delegations.js';
import { setSimulatedNow, simulatedClockEnabled } from './clock.js';
import { benchLockHolds, benchNoop, benchValidatorSource, benchWrite } from './benchMode.js';
import { auditWrite, refuseAuditLogChange, tagRequestActor, type RecordExecuteHookEvent, type RecordRequestHookEvent } from './configAudit.js';
import { HttpError, badRequest, conflict, forbidden, notFound, tooLarge, unauthorized } from './httpError.js';
import { openCase } from './openCase.js';
import { publishingRefusal } from './publishing.js';
import { carryOverlays, overlayRefusal } from './overlayPublishing.js';
import { workflowVersions } from './workflowVersions.js';
import { subjectHistory } from './subjectHistory.js';
import { recordRegisterChange } from './subjectRegister.js';
import { listOrganisations } from './organisationRegister.js';
import { organisationKeyRefusal } from './organisationKey.js';
import { dashboardFigures } from './dashboardFigures.js';
import { simulateDraft } from './draftSimulation.js';
import { previewTemplate } from './templatePreview.js';
import { importRelatives, listRelatives } from './relativesImport.js';
import { importStaff } from './staffImport.js';
import { app, type PbRecord, type PbRequestEvent } from './pocketbase.js';
import { sendCommand } from './sendCommand.js';
import { retryDeadLetter, sendDueNotifications } from './sendNotifications.js';
import { sendDueCheckRequests } from './checkRequests.js';
import { receiveCheckReport } from './checkReports.js';
import { revealField } from './revealField.js';
export { maskRecord } from './maskRecords.js';
export { designerRoutes } from './designerRouteHandlers.js';
import { versionChangeRefusal, versionDeletionRefusal, type LoadedRecord } from './versionImmutability.js';
export { renameUploads } from './uploadNames.js';
import type { RouteAnswer } from './routeAnswer.js';
import { sweepTimers } from './sweepTimers.js';
import { sweepSchedules } from './scheduleSweep.js';
import { listSchedules } from './scheduleList.js';
import { deadlineStats } from './deadlineStats.js';
export { markOverdueTasks } from './deadlineStats.js';
export { signalTaskChange } from './queueSignals.js';
export { signalNoticeChange } from './inboxSignals.js';
import { serveValidatorModule } from './validatorModule.js';
import { warmUp } from './workflowCache.js';
import { disabledUserRefusal, disablesUser, dropRealtimeClients, userDeletionRefusal, type SavedUser } from './userLifecycle.js';

/** Largest JSON body a route accepts. */
export const maxBodyBytes = 256 * 1024;

declare const toString: (reader: unknown, maxBytes?: number) => string;

/** The body as sent, for routes that verify a signature over its exact bytes. */
function readRawBody(e: PbRequestEvent): string {
  if (e.request.contentLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
  const raw = toString(e.request.body, maxBodyBytes + 1);
  if (raw.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
  return raw;
}

function readBody(e: PbRequestEvent): unknown {
  const raw = readRawBody(e);
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('请求体不是有效的 JSON。');
  }
}

function respond(e: PbRequestEvent, run: () => RouteAnswer): void {
  try {
    const answer = run();
    e.json(answer.status, answer.body);
  } catch (err) {
    if (err instanceof HttpError) {
      e.json(err.status, err.toBody());
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (/UNIQUE constraint failed: (commands|applications)\./.test(message) || /database is locked|SQLITE_BUSY/.test(message)) {
      e.json(409, { status: 409, code: 'conflict', message: '并发冲突，请刷新后重试。' });
      return;
    }
    e.json(500, { status: 500, code: 'internal', message: `服务器内部错误：${message}` });
  }
}

function requireAuth(e: PbRequestEvent): PbRecord {
  if (!e.auth || e.auth.collection().name !== 'users') throw unauthorized();
  const disabled = disabledUserRefusal(e.auth);
  if (disabled) throw disabled;
  return e.auth;
}

function requireAdmin(e: PbRequestEvent, message: string): void {
  const isAdmin = e.hasSuperuserAuth() || (e.auth !== null && e.auth.collection().name === 'users' && e.auth.getString('role') === 'admin');
  if (!isAdmin) throw e.auth ? forbidden(message) : unauthorized();
}

/** Route handlers, by route. */
export const routes = {
  openCase: (e: PbRequestEvent) => respond(e, () => openCase(app(), requireAuth(e), readBody(e))),
  sendCommand: (e: PbRequestEvent, id: string) => respond(e, () => sendCommand(app(), requireAuth(e), id, readBody(e))),
  getCase: (e: PbRequestEvent, id: string) => respond(e, () => getCase(app(), requireAuth(e), id, e.request.url.query().get('onBehalfOf'))),
  revealField: (e: PbRequestEvent, id: string) => respond(e, () => revealField(app(), requireAuth(e), id, readBody(e))),
  getActions: (e: PbRequestEvent, id: string) => respond(e, () => getActions(app(), requireAuth(e), id, e.request.url.query().get('onBehalfOf'))),
  verifyCase: (e: PbRequestEvent, id: string) => respond(e, () => verifyCase(app(), e.hasSuperuserAuth() ? null : requireAuth(e), id)),
  subjectHistory: (e: PbRequestEvent, id: string) => respond(e, () => subjectHistory(app(), requireAuth(e), id)),
  recordRegisterChange: (e: PbRequestEvent, id: string) => respond(e, () => recordRegisterChange(app(), requireAuth(e), id, readBody(e))),
  listOrganisations: (e: PbRequestEvent) => respond(e, () => listOrganisations(app(), requireAuth(e))),
  claimTask: (e: PbRequestEvent, id: string) => respond(e, () => claimTask(app(), requireAuth(e), id)),
  releaseTask: (e: PbRequestEvent, id: string) => respond(e, () => releaseTask(app(), requireAuth(e), id)),
  reassignTask: (e: PbRequestEvent, id: string) => respond(e, () => reassignTask(app(), requireAuth(e), id, readBody(e))),
  startBulkRun: (e: PbRequestEvent) => respond(e, () => startBulkRun(app(), requireAuth(e), readBody(e))),
  getBulkRun: (e: PbRequestEvent, id: string) => respond(e, () => getBulkRun(app(), e.hasSuperuserAuth() ? null : requireAuth(e), id)),
  listBulkRuns: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看全部批量发起。');
      const q = e.request.url.query();
      return { status: 200, body: listBulkRuns(app(), { page: q.get('page'), perPage: q.get('perPage'), status: q.get('status'), workflow: q.get('workflow') }) };
    }),
  bulkRunRows: (e: PbRequestEvent, id: string) =>
    respond(e, () => {
      const q = e.request.url.query();
      return { status: 200, body: bulkRunRows(app(), visibleRun(app(), e.hasSuperuserAuth() ? null : requireAuth(e), id), { page: q.get('page'), perPage: q.get('perPage') }) };
    }),
  resumeBulkRun: (e: PbRequestEvent, id: string) => respond(e, () => resumeBulkRun(app(), e.hasSuperuserAuth() ? null : requireAuth(e), id)),
  createDelegation: (e: PbRequestEvent) => respond(e, () => createDelegation(app(), requireAuth(e), readBody(e))),
  revokeDelegation: (e: PbRequestEvent, id: string) => respond(e, () => revokeDelegation(app(), requireAuth(e), id)),
  validatorModule: (e: PbRequestEvent, key: string, version: string) => {
    try {
      serveValidatorModule(app(), e, key, version);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      e.json(err.status, err.toBody());
    }
  },
  sweep: (e: PbRequestEvent) =>
    respond(e, () => {
      const isAdmin = e.hasSuperuserAuth() || (e.auth !== null && e.auth.getString('role') === 'admin');
      if (!isAdmin) throw e.auth ? forbidden('只有管理员可以手动触发计时器扫描。') : unauthorized();
      const fired = sweepTimers(app());
      const schedules = sweepSchedules(app());
      // As the cron: the bulk runs the schedules opened (and any left unfinished) start their cases.
      processBulkRuns(app(), bulkCronBudgetMs);
      return { status: 200, body: { fired, schedules } };
    }),
  auditExport: (e: PbRequestEvent) => {
    try {
      requireAuditReader(e.auth, e.hasSuperuserAuth());
      const q = e.request.url.query();
      const file = exportAudit(app(), { from: q.get('from'), to: q.get('to'), format: q.get('format') });
      e.response.header().set('Content-Disposition', `attachment; filename="${file.fileName}"`);
      e.response.header().set('Content-Type', file.contentType);
      e.string(200, file.body);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      e.json(err.status, err.toBody());
    }
  },
  /** `POST /api/tongban/checks/{service}/reports`: a signed report of a check service (no user: the signature is the authority). */
  checkReport: (e: PbRequestEvent, service: string) => respond(e, () => receiveCheckReport(app(), service, e.request.header.get('X-Tongban-Timestamp'), e.request.header.get('X-Tongban-Signature'), readRawBody(e))),
  sendNotifications: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以手动发送通知。');
      return { status: 200, body: { ...sendDueNotifications(app()), checks: sendDueCheckRequests(app()) } };
    }),
  retryNotification: (e: PbRequestEvent, id: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以重发通知。');
      let retried: boolean;
      try {
        retried = retryDeadLetter(app(), id);
      } catch {
        throw notFound('没有这条通知。');
      }
      if (!retried) throw conflict('这条通知不在失败（死信）状态，无需重发。', 'not_failed');
      return { status: 200, body: { id, status: 'pending' } };
    }),
  publicNoticeList: (e: PbRequestEvent) => respond(e, () => { const q = e.request.url.query(); return publicNoticeList(app(), requireAuth(e), { village: q.get('village'), from: q.get('from'), until: q.get('until') }); }),
  listColleagues: (e: PbRequestEvent, id: string) => respond(e, () => listColleagues(app(), requireAuth(e), id, e.request.url.query().get('verb'))),
  dueBy: (e: PbRequestEvent) => respond(e, () => dueBy(app(), requireAuth(e), e.request.url.query().get('workingDays'))),
  queueCounts: (e: PbRequestEvent) => respond(e, () => queueCounts(app(), requireAuth(e), queueCountsQuery(e.request.url.query()))),
  deadlineStats: (e: PbRequestEvent) => respond(e, () => deadlineStats(app(), requireAuth(e), e.request.url.query().get('soonWorkingDays'))),
  listSchedules: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看周期计划。');
      return { status: 200, body: listSchedules(app()) };
    }),
  workflowVersions: (e: PbRequestEvent, key: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看流程的版本与叠加规则。');
      return { status: 200, body: workflowVersions(app(), key) };
    }),
  calendarStatus: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看工作日历状态。');
      return { status: 200, body: calendarStatus(app()) };
    }),
  migrateCase: (e: PbRequestEvent, id: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以迁移案件。');
      return migrateCaseRoute(app(), e.auth!, id, readBody(e));
    }),
  versionMigrationDryRun: (e: PbRequestEvent, key: string, version: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以迁移案件。');
      return versionMigrationDryRun(app(), key, version, readBody(e));
    }),
  importArrangement: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以录入放假安排。');
      return importArrangement(app(), e.auth, readBody(e));
    }),
  dashboard: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看数据看板。');
      const q = e.request.url.query();
      return { status: 200, body: dashboardFigures(app(), { from: q.get('from'), to: q.get('to'), division: q.get('division') }) };
    }),
  importStaff: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以导入人员。');
      return { status: 200, body: importStaff(app(), e.auth, readBody(e)) };
    }),
  importRelatives: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以导入近亲属备案。');
      return { status: 200, body: importRelatives(app(), readBody(e)) };
    }),
  importSubjects: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以导入救助对象。');
      return { status: 200, body: importSubjects(app(), e.auth, readBody(e)) };
    }),
  importOrganisations: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以导入社会组织。');
      return { status: 200, body: importOrganisations(app(), e.auth, readBody(e)) };
    }),
  listRelatives: (e: PbRequestEvent) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以查看近亲属备案。');
      return { status: 200, body: listRelatives(app()) };
    }),
  /** `POST /api/tongban/admin/workflows/{key}/drafts/{version}/simulate` (draftSimulation.ts). */
  simulateDraft: (e: PbRequestEvent, key: string, version: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以模拟流程草稿。');
      return simulateDraft(app(), key, version, readBody(e));
    }),
  /** `POST /api/tongban/admin/workflows/{key}/drafts/{version}/preview` (templatePreview.ts). */
  previewTemplate: (e: PbRequestEvent, key: string, version: string) =>
    respond(e, () => {
      requireAdmin(e, '只有管理员可以预览文书模板。');
      return previewTemplate(app(), key, version, readBody(e));
    }),
  benchNoop: (e: PbRequestEvent) => respond(e, () => (requireAuth(e), benchNoop())),
  benchWrite: (e: PbRequestEvent) => respond(e, () => (requireAuth(e), benchWrite(app()))),
  benchLockHolds: (e: PbRequestEvent) =>
    respond(e, () => {
      if (!e.hasSuperuserAuth()) throw forbidden('只有超级管理员可以读取压测数据。');
      return benchLockHolds();
    }),
  benchValidatorSource: (e: PbRequestEvent, key: string) =>
    respond(e, () => {
      if (!e.hasSuperuserAuth()) throw forbidden('只有超级管理员可以读取压测数据。');
      return benchValidatorSource(app(), key);
    }),
  setClock: (e: PbRequestEvent) =>
    respond(e, () => {
      if (!simulatedClockEnabled()) throw notFound('Not found.');
      if (!e.hasSuperuserAuth()) throw forbidden('只有超级管理员可以设置模拟时钟。');
      const body = readBody(e) as { now?: string };
      const at = new Date(String(body.now));
      if (Number.isNaN(at.getTime())) throw badRequest('“now” 不是有效的时间。', [{ path: '/now', message: '请提供 ISO 8601 时间。' }]);
      setSimulatedNow(app(), at);
      return { status: 200, body: { now: at.toISOString() } };
    }),
};

/** Record hooks of the configuration audit (server/pb_hooks/tongban_audit.pb.js). */
export const configAudit = {
  /** Before a record API write of an audited collection: remembers who asks. */
  onRequest: (e: RecordRequestHookEvent) => tagRequestActor(app(), e),
  /** The write of an audited collection, with its audit entry in the same transaction. */
  onCreate: (e: RecordExecuteHookEvent) => auditWrite(e, 'create'),
  onUpdate: (e: RecordExecuteHookEvent) => auditWrite(e, 'update'),
  onDelete: (e: RecordExecuteHookEvent) => auditWrite(e, 'delete'),
  /** Any update or delete of the audit log: refused. */
  refuseChange: refuseAuditLogChange,
};

/** A hook's request event (record requests, auth requests, any route). */
interface PbHookEvent extends PbRequestEvent {
  record?: PbRecord;
  next(): void;
}

/** Hooks on subjects (registered in `pb_hooks`): an organisation's key must be a valid 统一社会信用代码. */
export const subjectHooks = {
  /** `onRecordCreateRequest` / `onRecordUpdateRequest` on subjects: a Chinese 422 instead of the write. */
  writeRequest(e: PbHookEvent): void {
    const refusal = e.record ? organisationKeyRefusal(e.record) : null;
    if (refusal) e.json(refusal.status, refusal.toBody());
    else e.next();
  },
};

/**
 * Hooks on users (registered in `pb_hooks`): refuse deleting a user with history (they are
 * disabled instead), refuse a disabled user's sign-in, and on disabling end their tokens and realtime connections.
 */
export const userHooks = {
  /** `onRecordDeleteRequest` on users: a Chinese 409 instead of the deletion. */
  deleteRequest(e: PbHookEvent): void {
    const refusal = e.record ? userDeletionRefusal(app(), e.record) : null;
    if (refusal) e.json(refusal.status, refusal.toBody());
    else e.next();
  },
  /** `onRecordDelete` on users (any other path): throws, so nothing is deleted. */
  delete(e: PbHookEvent): void {
    const refusal = e.record ? userDeletionRefusal(app(), e.record) : null;
    if (refusal) throw new Error(refusal.message);
    e.next();
  },
  /** `onRecordAuthRequest` on users: no token for a disabled user. */
  authRequest(e: PbHookEvent): void {
    const refusal = disabledUserRefusal(e.record ?? null);
    if (refusal) e.json(refusal.status, refusal.toBody());
    else e.next();
  },
  /**
   * `onRecordUpdate` on users: disabling a user also renews their token key (every token issued
   * before stops verifying) and ends their open realtime connections.
   */
  update(e: PbHookEvent & { record: SavedUser }): void {
    const disabling = disablesUser(e.record);
    if (disabling) e.record.refreshTokenKey();
    e.next();
    if (disabling) dropRealtimeClients(e.record.id);
  },
};

/**
 * Hooks on workflow_definitions (server/pb_hooks/tongban_publishing.pb.js): a version published
 * through the record API must carry the templates its definition names, and they must check.
 */
export const publishingHooks = {
  /** `onRecordCreateRequest` / `onRecordUpdateRequest`: a Chinese 409 with the problems instead of the write. */
  request(e: PbHookEvent): void {
    // A published or retired version never changes (versionImmutability.ts).
    const changed = e.record && typeof (e.record as Partial<LoadedRecord>).original === 'function' ? versionChangeRefusal(e.record as LoadedRecord) : null;
    if (changed) { e.json(changed.status, changed.toBody()); return; }
    // An overlay is materialised over its base first (overlayPublishing.ts), then checked like any version.
    const refusal = e.record ? (overlayRefusal(e.record) ?? publishingRefusal(e.record)) : null;
    if (refusal) { e.json(refusal.status, refusal.toBody()); return; }
    // A new national version carries each division's overlay, or is refused when one no longer fits.
    const carried = e.record ? carryOverlays(e.record) : { save: () => 0 };
    if ('refusal' in carried) { e.json(carried.refusal.status, carried.refusal.toBody()); return; }
    e.next();
    carried.save();
  },
};

/** Model hooks on workflow_definitions (server/pb_hooks/tongban_designer.pb.js): whatever saves a published version cannot change it. */
export const versionHooks = {
  /** `onRecordUpdate`: throws (nothing is saved) when the save would change a published or retired version. */
  update(e: PbHookEvent): void {
    const refusal = e.record ? versionChangeRefusal(e.record as LoadedRecord) : null;
    if (refusal) throw refusal;
    e.next();
  },
  /** `onRecordDeleteRequest`: a Chinese 409 instead of deleting a published or retired version. */
  deleteRequest(e: PbHookEvent): void {
    const refusal = e.record ? versionDeletionRefusal(e.record) : null;
    if (refusal) e.json(refusal.status, refusal.toBody());
    else e.next();
  },
  /** `onRecordDelete`: throws (nothing is deleted) for a published or retired version, whoever deletes it. */
  delete(e: PbHookEvent): void {
    const refusal = e.record ? versionDeletionRefusal(e.record) : null;
    if (refusal) throw refusal;
    e.next();
  },
};

/** Compiles every published workflow, fills in legacy events' readable fields and fires timers that fell due while the server was down. */
export function onServerStart(): { workflows: number; fired: number; eventsBackfilled: number } {
  const workflows = warmUp(app());
  const eventsBackfilled = backfillLegacyEvents(app());
  return { workflows, fired: backgroundWorkOn() ? sweepTimers(app()) : 0, eventsBackfilled };
}

/** The server log's start-up warning about years running deadlines reach without a known holiday arrangement ('' when none). */
export function calendarWarning(): string {
  return calendarStartupWarning(app());
}

/**
 * The cron job: fires due timers, then starts the cases of recurring schedules whose period has
 * come (a server that was down catches up at its first run), and links the cases the kept figures
 * noted (the dashboard's approved subjects, the acts per case of a filtered 已办). It also fills in
 * legacy events (a no-op once done), so start-up work that could not run at boot is done within a minute.
 *
 * On a server with the simulated clock it does no background work, as the outbox cron does not:
 * there the clock is moved by hand, and a minute's sweep landing between a test's moves would fire
 * timers and open schedule periods at whatever moment it happened to find. Tests sweep through the
 * admin route at the moments they choose (start-up still fires what fell due while the server was down).
 */
export function onCron(): number {
  backfillLegacyEvents(app());
  if (!backgroundWorkOn() || simulatedClockEnabled()) return 0;
  const fired = sweepTimers(app());
  sweepSchedules(app());
  // Bulk starts interrupted (a killed server) or left unfinished by their request go on here.
  processBulkRuns(app(), bulkCronBudgetMs);
  // The kept figures' noted cases, so that a count or a dashboard seldom links many itself.
  linkChangedApprovals(app());
  linkActedCases(app());
  return fired;
}

/** How long one cron run works on unfinished bulk starts (the cron runs every minute). */
const bulkCronBudgetMs = 40_000;

/**
 * The outbox cron: sends due notifications (server/pb_hooks/tongban_notifications.pb.js). Off on a
 * server with the simulated clock, where tests send through the admin route at chosen moments.
 */
export function onNotifyCron(): void {
  if (simulatedClockEnabled() || !backgroundWorkOn()) return;
  sendDueNotifications(app());
  sendDueCheckRequests(app());
}
