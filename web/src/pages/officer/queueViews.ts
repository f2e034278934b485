/**
 * Saved views of the work queues: a named queue and filter, kept per user on this device.
 */
import type { QueueFilter, QueueTab } from '../../api/queues.js';

/** A saved view. */
export interface SavedView {
  name: string;
  tab: QueueTab;
  filter: QueueFilter;
}

const keyOf = (userId: string) => `tb-queue-views:${userId}`;

/** The user's saved views on this device (none when nothing was saved or the store is unreadable). */
export function savedViews(userId: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces, by name) a view for the user; returns the views now saved. */
export function saveView(userId: string, view: SavedView): SavedView[] {
  const views = [...savedViews(userId).filter((v) => v.name !== view.name), view];
  localStorage.setItem(keyOf(userId), JSON.stringify(views));
  return views;
}

/** Removes a view by name; returns the views left. */
export function removeView(userId: string, name: string): SavedView[] {
  const views = savedViews(userId).filter((v) => v.name !== name);
  localStorage.setItem(keyOf(userId), JSON.stringify(views));
  return views;
}
