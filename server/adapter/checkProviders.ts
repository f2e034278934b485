/**
 * Where a check request goes, behind one interface: the province's check system over HTTP (a JSON
 * POST to `TONGBAN_CHECK_URL`, signed like the reports that come back), or — when no URL is
 * configured — the local simulator (checkSimulator.ts). A real system with another format plugs in
 * as one more provider; its reports come back by the callback route (checkReports.ts) or are entered
 * by hand.
 */
import type { JsonValue } from '../../engine/index.js';
import type { CheckConfig } from './checkConfig.js';
import { signCheckMessage } from './checkSignature.js';
import { simulatorProvider } from './checkSimulator.js';
import type { DeliveryResult } from './notifyChannels.js';
import type { PbApp } from './pocketbase.js';

/** One request as it leaves: what the service needs to answer it. */
export interface CheckRequestMessage {
  /** The request's id for the service, `<case id>:<step>#<visit>`: the report names it. */
  request: string;
  /** The service the step asked (the definition's `check.service`). */
  service: string;
  /** The case number, for the service's own records. */
  caseNo: string;
  /** What the step sends (the definition's `check.send`, from the case's data). */
  payload: Record<string, JsonValue>;
  /** The route the report is posted back to (docs/api.md). */
  callback: string;
}

/** A way to a check service. */
export interface CheckProvider {
  name: string;
  /** One attempt to hand the request over. Never throws; a refusal that retrying cannot change is `retry: false`. */
  send(app: PbApp, request: CheckRequestMessage, config: CheckConfig, at: Date): DeliveryResult;
}

declare const $http: {
  send(config: { url: string; method: string; body: string; headers: Record<string, string>; timeout: number }): { statusCode: number };
};

/** The province's check system: 2xx accepts the request (the report follows by callback); 408/425/429/5xx and network errors are retried. */
const httpProvider: CheckProvider = {
  name: 'http',
  send(_app, request, config, at) {
    const body = JSON.stringify(request);
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      const res = $http.send({
        url: config.url,
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': request.request, 'X-Tongban-Timestamp': String(timestamp), 'X-Tongban-Signature': signCheckMessage(config.secret, timestamp, body) },
        timeout: 20,
      });
      if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true };
      const retry = res.statusCode >= 500 || res.statusCode === 408 || res.statusCode === 425 || res.statusCode === 429;
      return { ok: false, retry, error: `核对系统答复 HTTP ${res.statusCode}` };
    } catch (err) {
      return { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
    }
  },
};

/** The provider that serves the configuration: the check system when its URL is set, else the simulator. */
export function checkProviderFor(config: CheckConfig): CheckProvider {
  return config.url ? httpProvider : simulatorProvider;
}
