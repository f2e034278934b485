/**
 * The counts beside the queue page's tabs: the server's counts route (each queue counted from its
 * indexes, exactly as the rules would count it — fast in a county of a million cases) with the
 * page's filters; with a search typed, each queue's count through the record API.
 */
import type { QueueCountsAnswer, QueueCountsQuery } from '../../../engine/index.js';
import { pb } from './client.js';
import { pbDate, queueCount, queueTabs, type QueueFilter, type QueueTab } from './queues.js';

/**
 * The counts route's query for a filter without a search: the due dates' bound is the earlier of
 * now (overdue) and `dueBy` (due within N working days), as the list's two conditions together say.
 */
export function countsQueryOf(filter: QueueFilter, now: Date, dueBy?: string): QueueCountsQuery {
  const bounds = [...(filter.overdue ? [pbDate(now)] : []), ...(filter.dueWithinDays !== undefined && dueBy ? [dueBy] : [])].sort();
  const query: QueueCountsQuery = {};
  if (filter.process) query.process = filter.process;
  if (filter.step) query.step = filter.step;
  if (filter.township) query.township = filter.township;
  if (filter.village) query.village = filter.village;
  if (bounds.length > 0) query.dueBefore = bounds[0]!;
  if (filter.flag) query.flag = filter.flag;
  return query;
}

/** How many rows each queue has with the filter (`dueBy`: see `queueFilterOf`). */
export async function queueCounts(filter: QueueFilter, dueBy?: string): Promise<Record<QueueTab, number>> {
  if (!pb.authStore.record) return { tasks: 0, done: 0, cc: 0, started: 0 };
  if (!filter.search?.trim()) {
    const counts = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: countsQueryOf(filter, new Date(), dueBy) });
    return { tasks: counts.tasks, done: counts.done, cc: counts.cc, started: counts.started };
  }
  const counts = await Promise.all(queueTabs.map((t) => queueCount(t, filter, dueBy)));
  return { tasks: counts[0]!, done: counts[1]!, cc: counts[2]!, started: counts[3]! };
}
