/**
 * In-app notices: the signed-in user's inbox (`notifications`, written by the server when something
 * needs them or their case moves), how many are unread, and marking them read.
 */
import type { RecordModel, RecordSubscription } from 'pocketbase';
import { pb } from './client.js';

/** The user's notices, newest first. */
export function listNotices(): Promise<RecordModel[]> {
  return pb.collection('notifications').getFullList({ sort: '-created', batch: 200 });
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

/**
 * Calls `onChange` whenever one of the user's notices is created, changed or deleted (PocketBase
 * realtime; the collection's rules send each user only their own). Returns the unsubscribe.
 */
export function watchNotices(onChange: (e: RecordSubscription<RecordModel>) => void): Promise<() => Promise<void>> {
  return pb.collection('notifications').subscribe('*', onChange);
}
