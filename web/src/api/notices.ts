/**
 * In-app notices: the signed-in user's inbox (`notifications`, written by the server when something
 * needs them or their case moves), how many are unread, and marking them read.
 */
import type { RecordModel, RecordSubscription } from 'pocketbase';
import { pb } from './client.js';

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

/**
 * Calls `onChange` whenever one of the user's notices is created, changed or deleted (PocketBase
 * realtime; the collection's rules send each user only their own). Returns the unsubscribe.
 */
export function watchNotices(onChange: (e: RecordSubscription<RecordModel>) => void): Promise<() => Promise<void>> {
  return pb.collection('notifications').subscribe('*', onChange);
}
