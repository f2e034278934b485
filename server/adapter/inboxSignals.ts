/**
 * The inbox's live signal: after a notice is written (created, changed, deleted), the realtime
 * clients subscribed to {@link inboxSignalTopic} and signed in as its recipient — the notices'
 * rule, `recipient = @request.auth.id` — get `{ action, notification }`, and nobody else does. The
 * header's unread count and the 消息 page read the inbox again through the record API.
 *
 * Why not PocketBase's own `notifications/*` subscription: a command that notifies a unit writes a
 * notice per officer, and PocketBase runs the rule as one SQL query per subscriber for each — with
 * 200 officers online and 14 in the unit, 2,800 queries inside the command's request (docs/benchmarks.md,
 * "Realtime"). Here each subscriber is one comparison.
 */
import type { PbApp, PbRecord } from './pocketbase.js';
import { subscribersOf, topicMessage, type LoggingApp } from './realtimeClients.js';

/** The realtime topic the header's count and the 消息 page subscribe to. */
export const inboxSignalTopic = 'tongban/inbox';

/**
 * Sends the signal of `notice`'s write to its recipient's subscribed clients; returns how many got it.
 * A failure is logged, not thrown: the write has committed.
 */
export function signalNoticeChange(app: PbApp, notice: PbRecord, action: 'create' | 'update' | 'delete'): number {
  try {
    const recipient = notice.getString('recipient');
    if (recipient === '') return 0;
    const message = topicMessage(inboxSignalTopic, { action, notification: notice.id });
    let sent = 0;
    for (const subscriber of subscribersOf(inboxSignalTopic)) {
      if (subscriber.auth?.id !== recipient || subscriber.auth.isSuperuser()) continue;
      subscriber.send(message);
      sent++;
    }
    return sent;
  } catch (e) {
    (app as unknown as LoggingApp).logger().error('tongban: inbox signal failed', 'notification', notice.id, 'error', String(e));
    return 0;
  }
}
