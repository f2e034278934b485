/**
 * How notifications leave: which outside channels are on and how hard to try, from the server's
 * environment (documented in README.md). The in-app inbox is always on.
 */
import { getenv } from './pocketbase.js';

/** The sender's configuration. */
export interface NotifyConfig {
  /** SMS gateway: JSON POST `{ to, message, key }`; off when no URL. */
  sms: { url: string; token: string } | null;
  /** Group-robot webhook (政务微信 / 钉钉 style `{ msgtype: "text", text: { content } }`); off when no URL. */
  webhook: { url: string } | null;
  /** Seconds one HTTP attempt may take. */
  timeoutSeconds: number;
  /** Attempts before a delivery is dead-lettered (`failed`). */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait doubles, up to {@link maxBackoffSeconds}. */
  backoffSeconds: number;
}

/** The longest wait between two attempts. */
export const maxBackoffSeconds = 6 * 60 * 60;

function positiveInt(name: string, fallback: number): number {
  const value = Number(getenv(name));
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Reads the configuration from the environment. */
export function notifyConfig(): NotifyConfig {
  const smsUrl = getenv('TONGBAN_SMS_URL').trim();
  const webhookUrl = getenv('TONGBAN_WEBHOOK_URL').trim();
  return {
    sms: smsUrl ? { url: smsUrl, token: getenv('TONGBAN_SMS_TOKEN').trim() } : null,
    webhook: webhookUrl ? { url: webhookUrl } : null,
    timeoutSeconds: positiveInt('TONGBAN_NOTIFY_TIMEOUT_SECONDS', 10),
    maxAttempts: positiveInt('TONGBAN_NOTIFY_MAX_ATTEMPTS', 8),
    backoffSeconds: positiveInt('TONGBAN_NOTIFY_BACKOFF_SECONDS', 60),
  };
}

/** Seconds to wait after the `attempts`-th failed attempt (1, 2, …): the base, doubled each time, capped. */
export function backoffAfter(config: NotifyConfig, attempts: number): number {
  return Math.min(config.backoffSeconds * 2 ** Math.max(0, attempts - 1), maxBackoffSeconds);
}
