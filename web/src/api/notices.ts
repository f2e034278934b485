/**
 * In-app notices: the signed-in user's inbox (`notifications`, written by the server when something
 * needs them or their case moves), how many are unread, and marking them read.
 */
import type { RecordModel } from 'pocketbase';
import { pb } from './client.js';
import { subscribeWhileVisible, type Resync } from './whileVisible.js';

/** How many notices the page shows: the newest. */
export const noticePageSize = 50;

/** The user's newest notices, newest first (one page, never the whole inbox). */
export async function listNotices(): Promise<RecordModel[]> {
  return (await pb.collection('notifications').getList(1, noticePageSize, { sort: '-created', skipTotal: true })).items;
}

/** How many of the user's notices are unread. */
export async function unreadNoticeCount(): Promise<number> {
  if (!pb.authStore.isValid) return 0;
  const page = await pb.collection('notifications').getList(1, 1, { filter: 'read_at = ""' });
  return page.totalItems;
}

/** Marks the given notices read now. */
export async function markNoticesRead(notices: RecordModel[]): Promise<void> {
  const at = new Date().toISOString();
  await Promise.all(notices.filter((n) => !n.read_at).map((n) => pb.collection('notifications').update(n.id, { read_at: at })));
  window.dispatchEvent(new Event(noticesReadEvent));
}

/** Fired on `window` when notices were marked read (the shell updates its count). */
export const noticesReadEvent = 'tb-notices-read';

/** What the inbox's live signal says: one of the user's notices was written. */
export interface InboxSignal {
  action: 'create' | 'update' | 'delete';
  notification: string;
}

/**
 * Calls `onChange` whenever one of the user's notices is created, changed or deleted: the server's
 * inbox signal (`tongban/inbox`, server/adapter/inboxSignals.ts), sent to the notice's recipient
 * only, with ids only — held while the page is seen, with a `resync` after a gap
 * (whileVisible.ts). Returns the unsubscribe.
 */
export function watchNotices(onChange: (signal: InboxSignal | Resync) => void): Promise<() => Promise<void>> {
  return subscribeWhileVisible<InboxSignal>((heard) => pb.realtime.subscribe('tongban/inbox', heard), onChange);
}
