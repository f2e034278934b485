/**
 * The queue page's live signal: after a task is written (created, changed, deleted; by a model
 * save or a command's prepared write announced after its commit), every realtime client subscribed
 * to {@link queueSignalTopic} who may read the task — the record API's rule, caseReadRule.ts — gets
 * `{ action, task, application }`, and nobody else does. The page only learns that its queue
 * changed and reads it again through the record API, so the message carries ids, no field a mask
 * would cover.
 *
 * Why not PocketBase's own `tasks/*` subscription: PocketBase decides it by running the tasks'
 * list rule as one SQL query per subscriber for every task written, inside the command's request.
 * Here the case's rule columns and readers are read once per task (and only when someone listens),
 * and each subscriber is decided in memory.
 */
import { readsCase, storedIds, type CaseReader } from './caseReadRule.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { subscribersOf, topicMessage, type ClientAuth, type LoggingApp } from './realtimeClients.js';
import { selectRows } from './sqlRows.js';

/** The realtime topic the queue page subscribes to. */
export const queueSignalTopic = 'tongban/queue';

/** The account behind a client as the rule sees it; `undefined` for a guest (who has no queue). */
function readerOf(auth: ClientAuth | null): CaseReader | 'everything' | undefined {
  if (!auth) return undefined;
  if (auth.isSuperuser()) return 'everything';
  return { id: auth.id, role: auth.getString('role'), orgUnit: auth.getString('org_unit'), organisation: auth.getString('organisation') };
}

/**
 * Sends the signal of `task`'s write to the subscribers who may read it; returns how many got it.
 * A failure is logged, not thrown: the write has committed, and the page still reloads by itself.
 */
export function signalTaskChange(app: PbApp, task: PbRecord, action: 'create' | 'update' | 'delete'): number {
  try {
    return signal(app, task, action);
  } catch (e) {
    (app as unknown as LoggingApp).logger().error('tongban: queue signal failed', 'task', task.id, 'error', String(e));
    return 0;
  }
}

function signal(app: PbApp, task: PbRecord, action: 'create' | 'update' | 'delete'): number {
  const listening = subscribersOf(queueSignalTopic);
  if (listening.length === 0) return 0;
  const caseId = task.getString('application');
  const row = selectRows(
    app,
    'SELECT county, township, village, applicant, applicant_org, assigned_units, assigned_users FROM applications WHERE id = {:id}',
    { id: caseId },
    { county: '', township: '', village: '', applicant: '', applicant_org: '', assigned_units: '', assigned_users: '' },
  )[0];
  if (!row) return 0;
  const kase = { ...row, assigned_units: storedIds(row.assigned_units), assigned_users: storedIds(row.assigned_users) };
  const readers = new Set(selectRows(app, 'SELECT user FROM case_readers WHERE application = {:id}', { id: caseId }, { user: '' }).map((r) => r.user));
  const message = topicMessage(queueSignalTopic, { action, task: task.id, application: caseId });
  let sent = 0;
  for (const subscriber of listening) {
    const reader = readerOf(subscriber.auth);
    if (reader === undefined) continue;
    if (reader !== 'everything' && !readsCase(reader, kase, readers)) continue;
    subscriber.send(message);
    sent++;
  }
  return sent;
}
