/**
 * The local stand-in for the province's check system, used when no `TONGBAN_CHECK_URL` is set (the
 * demo at `npm start`, and tests). It behaves as `server_state` key `check_simulator` says (JSON,
 * written by a superuser; default `{"mode":"answer"}`): `answer` — accepts the request and answers
 * after `delaySeconds` (default 0) with `findings` if given, else with what the request declared
 * (its `income` and `assets`, echoed as found); `silent` — accepts and never answers (a late
 * report); `fail` — refuses the request (dead-lettered at once, the case is told); `unavailable` —
 * fails in a way worth retrying. Its answer travels as the real one does: an outbox row that, when
 * due, posts a report signed with the shared secret to the same intake as the callback route.
 */
import { chinaDateOf, type JsonValue } from '../../engine/index.js';
import type { CheckProvider, CheckRequestMessage } from './checkProviders.js';
import { newRecord, sha256, type PbApp } from './pocketbase.js';

/** How the simulator behaves. */
export interface SimulatorSettings {
  mode: 'answer' | 'silent' | 'fail' | 'unavailable';
  /** Seconds between the request and the answer (mode `answer`). */
  delaySeconds: number;
  /** The findings to answer with, instead of the declared figures. */
  findings?: Record<string, JsonValue>;
}

const modes = new Set(['answer', 'silent', 'fail', 'unavailable']);

/** The outbox recipient of a simulated report (`report:<service>`). */
export const simulatedReportPrefix = 'report:';

/** The simulator's settings from `server_state` (defaults when absent or unreadable). */
export function simulatorSettings(app: PbApp): SimulatorSettings {
  try {
    const raw = JSON.parse(app.findFirstRecordByFilter('server_state', 'key = "check_simulator"').getString('value')) as Partial<SimulatorSettings>;
    const delay = Number(raw.delaySeconds);
    return {
      mode: typeof raw.mode === 'string' && modes.has(raw.mode) ? raw.mode : 'answer',
      delaySeconds: Number.isInteger(delay) && delay > 0 ? delay : 0,
      ...(raw.findings && typeof raw.findings === 'object' && !Array.isArray(raw.findings) ? { findings: raw.findings } : {}),
    };
  } catch {
    return { mode: 'answer', delaySeconds: 0 };
  }
}

const amount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** What the simulator finds without set findings: the declared `income` and `assets` of the request, as they were declared. */
export function declaredFindings(message: CheckRequestMessage, at: Date): Record<string, JsonValue> {
  const income = (message.payload.income ?? {}) as Record<string, unknown>;
  const assets = (message.payload.assets ?? {}) as Record<string, unknown>;
  const found: Record<string, JsonValue> = {};
  for (const k of ['wages', 'business', 'property', 'transfer', 'other']) found[k] = amount(income[k]) ?? 0;
  const uscc = typeof assets.businessUscc === 'string' && assets.businessUscc ? assets.businessUscc : '';
  return {
    reportNo: `SIM-${chinaDateOf(at).replace(/-/g, '')}-${sha256(message.request).slice(0, 8).toUpperCase()}`,
    reportedAt: chinaDateOf(at),
    agency: '信息核对模拟系统',
    income: found,
    deposits: amount(assets.deposits) ?? 0,
    vehicles: amount(assets.vehicles) ?? 0,
    realEstate: amount(assets.realEstate) ?? 0,
    companies: uscc ? [{ uscc }] : [],
  };
}

/** The simulator as a provider. */
export const simulatorProvider: CheckProvider = {
  name: 'simulator',
  send(app, message, _config, at) {
    const settings = simulatorSettings(app);
    if (settings.mode === 'fail') return { ok: false, retry: false, error: '模拟核对系统拒绝了该请求。' };
    if (settings.mode === 'unavailable') return { ok: false, retry: true, error: '模拟核对系统暂不可用。' };
    if (settings.mode === 'silent') return { ok: true };
    try {
      const row = app.findFirstRecordByFilter('check_requests', 'key = {:k}', { k: message.request });
      row.set('simulated_report', { ...declaredFindings(message, at), ...(settings.findings ?? {}) });
      app.save(row);
      const o = newRecord(app, 'outbox');
      o.set('application', row.getString('application'));
      o.set('channel', 'check');
      o.set('recipient', `${simulatedReportPrefix}${message.service}`);
      o.set('key', `report:${message.request}`);
      o.set('message', message.request);
      o.set('status', 'pending');
      o.set('attempts', 0);
      o.set('next_attempt_at', new Date(at.getTime() + settings.delaySeconds * 1000).toISOString());
      app.save(o);
      return { ok: true };
    } catch (err) {
      return { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
    }
  },
};
