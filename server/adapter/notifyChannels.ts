/**
 * The channels a notification leaves by, behind one interface: the in-app inbox (always), SMS
 * through an HTTP gateway, and a group-robot webhook. Each delivery carries an idempotency key
 * (`Idempotency-Key` header, and in the SMS body) so a gateway can drop a repeat after a retry.
 */
import type { NotifyConfig } from './notifyConfig.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';

/** One delivery of one notification on one channel. */
export interface Delivery {
  /** Stable across retries: `<outbox row>:<channel>:<recipient or group>`. */
  key: string;
  /** The user (empty for a group channel). */
  recipient: string;
  application: string;
  caseNo: string;
  message: string;
}

/** The outcome of one attempt: delivered, or failed (worth retrying, or not). */
export type DeliveryResult = { ok: true } | { ok: false; retry: boolean; error: string };

/** A way out for notifications. */
export interface NotificationChannel {
  name: 'inbox' | 'sms' | 'webhook';
  /** `user`: one delivery per recipient; `group`: one per notification to officers. */
  audience: 'user' | 'group';
  /** Whether the channel is configured. */
  enabled(config: NotifyConfig): boolean;
  /** Whether this user can be reached on the channel. */
  reaches(user: PbRecord): boolean;
  /** One attempt. Never throws. */
  deliver(app: PbApp, delivery: Delivery, config: NotifyConfig): DeliveryResult;
}

declare const $http: {
  send(config: { url: string; method: string; body: string; headers: Record<string, string>; timeout: number }): { statusCode: number };
};

/** POSTs JSON; 2xx delivers, 408/425/429/5xx and network errors or timeouts are retried, other answers are not. */
function postJson(url: string, body: unknown, headers: Record<string, string>, config: NotifyConfig): DeliveryResult {
  try {
    const res = $http.send({ url, method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers }, timeout: config.timeoutSeconds });
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true };
    const retry = res.statusCode >= 500 || res.statusCode === 408 || res.statusCode === 425 || res.statusCode === 429;
    return { ok: false, retry, error: `HTTP ${res.statusCode}` };
  } catch (err) {
    return { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
  }
}

const inbox: NotificationChannel = {
  name: 'inbox',
  audience: 'user',
  enabled: () => true,
  reaches: () => true,
  deliver(app, d) {
    try {
      app.findFirstRecordByFilter('notifications', 'key = {:k}', { k: d.key });
      return { ok: true }; // delivered before
    } catch {
      // not yet
    }
    try {
      const r = newRecord(app, 'notifications');
      r.set('recipient', d.recipient);
      if (d.application) r.set('application', d.application);
      r.set('message', d.message);
      r.set('key', d.key);
      app.save(r);
      return { ok: true };
    } catch (err) {
      return { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
    }
  },
};

const sms: NotificationChannel = {
  name: 'sms',
  audience: 'user',
  enabled: (config) => config.sms !== null,
  reaches: (user) => user.getString('phone').trim() !== '',
  deliver(app, d, config) {
    if (!config.sms) return { ok: false, retry: false, error: '短信通道未配置。' };
    let phone = '';
    try {
      phone = app.findRecordById('users', d.recipient).getString('phone').trim();
    } catch {
      // no such user any more
    }
    if (!phone) return { ok: false, retry: false, error: '收件人没有手机号码。' };
    const headers: Record<string, string> = { 'Idempotency-Key': d.key };
    if (config.sms.token) headers.Authorization = `Bearer ${config.sms.token}`;
    return postJson(config.sms.url, { to: phone, message: `【通办】${d.message}${d.caseNo ? `（${d.caseNo}）` : ''}`, key: d.key }, headers, config);
  },
};

const webhook: NotificationChannel = {
  name: 'webhook',
  audience: 'group',
  enabled: (config) => config.webhook !== null,
  reaches: () => true,
  deliver(_app, d, config) {
    if (!config.webhook) return { ok: false, retry: false, error: 'Webhook 通道未配置。' };
    const content = `【通办】${d.caseNo ? `${d.caseNo}：` : ''}${d.message}`;
    return postJson(config.webhook.url, { msgtype: 'text', text: { content } }, { 'Idempotency-Key': d.key }, config);
  },
};

/** Every channel, by name. */
export const channels = new Map<string, NotificationChannel>([inbox, sms, webhook].map((c) => [c.name, c]));
