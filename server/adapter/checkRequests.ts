/**
 * Check requests through the outbox. The `requestCheck` effect, in the command's transaction, stores
 * the request (payload in the superuser-only `check_requests`) and an outbox row on channel `check`
 * that names only the request. The cron's sender (outside every command transaction) hands each due
 * request to its provider (checkProviders.ts) with the outbox's retries and doubling waits; a request
 * dead-lettered (refused, or out of attempts) tells its case by `check.failed`, so the officer enters
 * the report by hand. Rows for the simulator's answers (`report:<service>`) post the report, signed,
 * to the same intake as the callback route (checkReports.ts).
 */
import { ownEntry, type CaseSnapshot, type JsonValue } from '../../engine/index.js';
import { checkConfig } from './checkConfig.js';
import { checkProviderFor, type CheckRequestMessage } from './checkProviders.js';
import { checkFailedAction } from '../../engine/index.js';
import { receiveCheckReport, signalCheck } from './checkReports.js';
import { signCheckMessage } from './checkSignature.js';
import { simulatedReportPrefix } from './checkSimulator.js';
import { now } from './clock.js';
import { HttpError } from './httpError.js';
import type { DeliveryResult } from './notifyChannels.js';
import { notifyConfig } from './notifyConfig.js';
import { newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { claim, settle } from './sendNotifications.js';

/** The route a service posts its reports to. */
export const checkCallbackPath = (service: string) => `/api/tongban/checks/${service}/reports`;

/** Stores a case's request `request` (`<step>#<visit>`) for `service` and queues it (in the command's transaction). */
export function enqueueCheckRequest(tx: PbApp, caseId: string, request: string, service: string, payload: Record<string, JsonValue>, at: Date): void {
  const key = `${caseId}:${request}`;
  const row = tx.findRecordsByFilter('check_requests', 'key = {:k}', '', 1, 0, { k: key })[0] ?? newRecord(tx, 'check_requests');
  row.set('application', caseId);
  row.set('key', key);
  row.set('request', request);
  row.set('service', service);
  row.set('payload', payload);
  row.set('status', 'pending');
  row.set('error', '');
  tx.save(row);
  const o = tx.findRecordsByFilter('outbox', 'key = {:k}', '', 1, 0, { k: `check:${key}` })[0] ?? newRecord(tx, 'outbox');
  o.set('application', caseId);
  o.set('channel', 'check');
  o.set('recipient', service);
  o.set('key', `check:${key}`);
  o.set('message', key);
  o.set('status', 'pending');
  o.set('attempts', 0);
  o.set('next_attempt_at', at.toISOString());
  tx.save(o);
}

/** Whether the case still waits for its request `request` (`<step>#<visit>`): it rests in the step and no report was recorded. */
function waitsFor(caseRecord: PbRecord, request: string): boolean {
  const snapshot = readJson<CaseSnapshot>(caseRecord, 'snapshot');
  const step = request.slice(0, request.lastIndexOf('#'));
  const state = ownEntry(snapshot.checks, step);
  return snapshot.step === step && state?.request === request && (state.status === 'requested' || state.status === 'failed');
}

/** What one run of the check sender did. */
export interface CheckSendReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Simulated reports delivered to the intake. */
  reported: number;
}

/** Posts a simulated report (row `report:<service>`) to the intake, signed as the service would. */
function deliverSimulatedReport(app: PbApp, row: PbRecord, at: Date): DeliveryResult {
  const service = row.getString('recipient').slice(simulatedReportPrefix.length);
  const key = row.getString('message');
  try {
    const request = app.findFirstRecordByFilter('check_requests', 'key = {:k}', { k: key });
    const findings = readJson<Record<string, JsonValue> | null>(request, 'simulated_report') ?? {};
    const body = JSON.stringify({ request: key, status: 'reported', findings });
    const timestamp = Math.floor(at.getTime() / 1000);
    receiveCheckReport(app, service, String(timestamp), signCheckMessage(checkConfig(app).secret, timestamp, body), body);
    return { ok: true };
  } catch (err) {
    return { ok: false, retry: false, error: err instanceof HttpError ? err.message : err instanceof Error ? err.message : String(err) };
  }
}

/** Tells the case that its request failed for good (dead-lettered); a case that has moved on spends it. */
function tellFailure(app: PbApp, key: string, error: string, at: Date): void {
  try {
    app.runInTransaction((tx) => {
      const request = tx.findFirstRecordByFilter('check_requests', 'key = {:k}', { k: key });
      if (request.getString('status') === 'reported') return;
      signalCheck(tx, request, { action: checkFailedAction, error }, at);
    });
  } catch {
    // stale: the case has left the step (or the report was entered by hand); nothing to tell
  }
}

/** Sends the due check requests and delivers the simulator's due answers. */
export function sendDueCheckRequests(app: PbApp, limit = 100): CheckSendReport {
  const config = notifyConfig();
  const checks = checkConfig(app);
  const provider = checkProviderFor(checks);
  const report: CheckSendReport = { sent: 0, retrying: 0, failed: 0, reported: 0 };
  const at = now(app);
  const due = app.findRecordsByFilter('outbox', 'channel = "check" && status = "pending" && next_attempt_at <= {:now}', 'next_attempt_at', limit, 0, { now: at.toISOString().replace('T', ' ') });
  for (const row of due) {
    if (!claim(app, row, at, 60)) continue;
    const simulated = row.getString('recipient').startsWith(simulatedReportPrefix);
    let result: DeliveryResult;
    if (simulated) result = deliverSimulatedReport(app, row, at);
    else {
      const key = row.getString('message');
      let message: CheckRequestMessage | undefined;
      let answered = false;
      try {
        const request = app.findFirstRecordByFilter('check_requests', 'key = {:k}', { k: key });
        const caseRecord = app.findRecordById('applications', request.getString('application'));
        answered = !waitsFor(caseRecord, request.getString('request'));
        message = { request: key, service: request.getString('service'), caseNo: caseRecord.getString('case_no'), payload: readJson<Record<string, JsonValue> | null>(request, 'payload') ?? {}, callback: checkCallbackPath(request.getString('service')) };
      } catch {
        message = undefined;
      }
      // A request the case no longer waits for (answered by hand, or the case moved on) need not go out.
      result = !message ? { ok: false, retry: false, error: `没有核对请求“${key}”。` } : answered ? { ok: true } : provider.send(app, message, checks, at);
    }
    const outcome = settle(app, row.id, result, at, config);
    if (outcome === 'sent') {
      if (simulated) report.reported++;
      else {
        report.sent++;
        try {
          const request = app.findFirstRecordByFilter('check_requests', 'key = {:k}', { k: row.getString('message') });
          if (request.getString('status') === 'pending') {
            request.set('status', 'sent');
            app.save(request);
          }
        } catch {
          // the request row is gone; nothing to mark
        }
      }
    } else report[outcome]++;
    if (outcome === 'failed' && !simulated && !result.ok) tellFailure(app, row.getString('message'), result.error, at);
  }
  return report;
}
