/**
 * The outbox sender, run by the cron outside every command transaction, so a slow or failing
 * channel never undoes or delays a decision. A row written by the `notify` effect (no `parent`) is
 * fanned out, in one transaction, into one delivery row per enabled channel and recipient; each
 * delivery is then attempted on its own, retried with doubling waits, and dead-lettered (`failed`)
 * after the last attempt or an answer that retrying cannot change. A channel that fails
 * {@link restAfterFailures} times in a row is not tried again in the same run. A run reads due rows a page at a time and goes on until none is due
 * or {@link runBudgetMs} is spent (the rest wait for the next run). Rows are claimed by
 * compare-and-swap on `attempts`, so overlapping runs never attempt one delivery twice at once.
 */
import { now } from './clock.js';
import { channels, type DeliveryResult } from './notifyChannels.js';
import { backoffAfter, notifyConfig, type NotifyConfig } from './notifyConfig.js';
import { newRecord, type PbApp, type PbRecord } from './pocketbase.js';

/** What one run did. */
export interface SendReport {
  /** Notifications fanned out into deliveries. */
  expanded: number;
  /** Deliveries that went out. */
  sent: number;
  /** Deliveries that failed and wait for another attempt. */
  retrying: number;
  /** Deliveries (or notifications) dead-lettered in this run. */
  failed: number;
}

/**
 * Retryable failures in a row after which a channel is rested for the rest of a run. An outage
 * (every attempt fails, or hangs until the timeout) then costs this many attempts per channel and
 * run, not one per waiting message; a gateway that fails now and then (a 503 among successes)
 * is never rested — with failures at 2 %, three in a row come about once in 125,000 attempts — so a
 * run sends all that is due instead of stopping at the first failure.
 */
export const restAfterFailures = 3;

/** Wall time one run spends attempting deliveries before leaving the rest to the next run (the cron runs every minute). */
export const runBudgetMs = 50_000;

const levels = new Set(['village', 'township', 'county']);

/** An instant as PocketBase stores dates, for raw SQL. */
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');

/** Claims a due row: counts the attempt and holds it for `leaseSeconds`. False when another run took it. */
export function claim(app: PbApp, row: PbRecord, at: Date, leaseSeconds: number): boolean {
  const lease = new Date(at.getTime() + leaseSeconds * 1000);
  const res = app
    .db()
    .newQuery("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = {:lease} WHERE id = {:id} AND status = 'pending' AND attempts = {:attempts}")
    .bind({ lease: dbDate(lease), id: row.id, attempts: row.getInt('attempts') })
    .execute();
  return res.rowsAffected() === 1;
}

/** Records the outcome of an attempt on a claimed row. */
export function settle(app: PbApp, id: string, result: DeliveryResult, at: Date, config: NotifyConfig): 'sent' | 'retrying' | 'failed' {
  const row = app.findRecordById('outbox', id);
  if (result.ok) {
    row.set('status', 'sent');
    row.set('sent_at', at.toISOString());
    row.set('last_error', '');
    app.save(row);
    return 'sent';
  }
  const attempts = row.getInt('attempts');
  const dead = !result.retry || attempts >= config.maxAttempts;
  row.set('last_error', result.error.slice(0, 2000));
  if (dead) row.set('status', 'failed');
  else row.set('next_attempt_at', new Date(at.getTime() + backoffAfter(config, attempts) * 1000).toISOString());
  app.save(row);
  return dead ? 'failed' : 'retrying';
}

/** The recipient of a notice to the officers of one unit (`notifyUnit`): `unit:<org unit id>`. */
export const unitRecipient = (unit: string) => `unit:${unit}`;

/** Whether a notification is for a group of officers (a level of the chain, or a unit), not one user. */
const isOfficerGroup = (to: string) => levels.has(to) || to.startsWith('unit:');

/** The users a notification is for: a user id, the officers of the case's unit at a level, or the officers of a unit (`unit:<id>`). */
function recipientsOf(app: PbApp, row: PbRecord): PbRecord[] {
  const to = row.getString('recipient');
  if (to.startsWith('unit:')) return app.findRecordsByFilter('users', 'org_unit = {:u} && role = "officer" && disabled != true', 'id', 500, 0, { u: to.slice(5) });
  if (levels.has(to)) {
    const unit = row.getString('application') ? app.findRecordById('applications', row.getString('application')).getString(to) : '';
    if (!unit) return [];
    return app.findRecordsByFilter('users', 'org_unit = {:u} && role = "officer"', 'id', 500, 0, { u: unit });
  }
  try {
    return [app.findRecordById('users', to)];
  } catch {
    return [];
  }
}

/** Writes the delivery rows of one notification and marks it sent, in one transaction. */
function expand(app: PbApp, parent: PbRecord, at: Date, config: NotifyConfig): void {
  app.runInTransaction((tx) => {
    if (!claim(tx, parent, at, 60)) throw new Error('claimed by another run');
    const recipients = recipientsOf(tx, parent);
    if (recipients.length === 0) throw new Error(`收件人 ${parent.getString('recipient')} 无对应用户。`);
    const toOfficers = isOfficerGroup(parent.getString('recipient'));
    for (const channel of channels.values()) {
      if (!channel.enabled(config)) continue;
      const targets = channel.audience === 'group' ? (toOfficers ? [''] : []) : recipients.filter((u) => channel.reaches(u)).map((u) => u.id);
      for (const recipient of targets) {
        const d = newRecord(tx, 'outbox');
        d.set('parent', parent.id);
        d.set('key', `${parent.id}:${channel.name}:${recipient || 'group'}`);
        d.set('application', parent.getString('application'));
        d.set('channel', channel.name);
        d.set('recipient', recipient);
        d.set('message', parent.getString('message'));
        d.set('status', 'pending');
        d.set('attempts', 0);
        d.set('next_attempt_at', at.toISOString());
        tx.save(d);
      }
    }
    const done = tx.findRecordById('outbox', parent.id);
    done.set('status', 'sent');
    done.set('sent_at', at.toISOString());
    done.set('last_error', '');
    tx.save(done);
  });
}

function caseNoOf(app: PbApp, application: string): string {
  if (!application) return '';
  try {
    return app.findRecordById('applications', application).getString('case_no');
  } catch {
    return '';
  }
}

/** Sends what is due, page after page until nothing is due or the run's budget is spent: fans out new notifications, then attempts due deliveries. */
export function sendDueNotifications(app: PbApp, pageSize = 100): SendReport {
  const config = notifyConfig();
  const report: SendReport = { expanded: 0, sent: 0, retrying: 0, failed: 0 };
  const at = now(app);
  const startedMs = Date.now();
  const overBudget = () => Date.now() - startedMs > runBudgetMs;
  // A row handled in this run is no longer due (sent, waiting for its retry, or leased by the run
  // that claimed it); should one still look due, it is not taken again and the pages end there.
  const seen = new Set<string>();
  const due = (filter: string, params: Record<string, string> = {}) =>
    app.findRecordsByFilter('outbox', `status = "pending" && next_attempt_at <= {:now} && ${filter}`, 'next_attempt_at', pageSize, 0, { now: dbDate(at), ...params }).filter((r) => !seen.has(r.id));

  // Check requests (channel `check`) are sent by sendCheckRequests.ts, not fanned out as notifications.
  for (let page = due('parent = "" && channel != "check"'); page.length > 0 && !overBudget(); page = due('parent = "" && channel != "check"')) {
    for (const parent of page) {
      seen.add(parent.id);
      try {
        expand(app, parent, at, config);
        report.expanded++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message === 'claimed by another run') continue;
        if (!claim(app, parent, at, 60)) continue;
        const outcome = settle(app, parent.id, { ok: false, retry: true, error: message }, at, config);
        if (outcome === 'failed') report.failed++;
      }
    }
  }

  // A channel that failed in a way worth retrying {@link restAfterFailures} times in a row is left
  // alone for the rest of this run: its other deliveries stay due, unattempted, instead of each
  // waiting for the same timeout. Any other answer (sent, or refused for good) ends the row.
  const resting = new Set<string>();
  const failuresInARow = new Map<string, number>();
  const deliveries = () => {
    const names = [...resting];
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[`rest${i}`] = name));
    return due(['parent != ""', ...names.map((_, i) => `channel != {:rest${i}}`)].join(' && '), params);
  };
  for (let page = deliveries(); page.length > 0; page = deliveries()) {
    for (const row of page) {
      if (overBudget()) return report;
      seen.add(row.id);
      const name = row.getString('channel');
      if (resting.has(name)) continue;
      const channel = channels.get(name);
      if (!claim(app, row, at, config.timeoutSeconds * 2 + 60)) continue;
      const result: DeliveryResult = channel
        ? channel.deliver(app, { key: row.getString('key'), recipient: row.getString('recipient'), application: row.getString('application'), caseNo: caseNoOf(app, row.getString('application')), message: row.getString('message') }, config)
        : { ok: false, retry: false, error: `未知通道：${name}` };
      const failures = !result.ok && result.retry ? (failuresInARow.get(name) ?? 0) + 1 : 0;
      failuresInARow.set(name, failures);
      if (failures >= restAfterFailures) resting.add(name);
      report[settle(app, row.id, result, at, config)]++;
    }
  }
  return report;
}

/** Puts a dead-lettered row back in the queue with a fresh set of attempts; false if it is not dead. */
export function retryDeadLetter(app: PbApp, id: string): boolean {
  const row = app.findRecordById('outbox', id);
  if (row.getString('status') !== 'failed') return false;
  row.set('status', 'pending');
  row.set('attempts', 0);
  row.set('next_attempt_at', now(app).toISOString());
  app.save(row);
  return true;
}
