/**
 * The counts beside the queue page's tabs: with no filter chosen, the server's counts route (each
 * queue counted from its indexes, exactly as the rules would count it — fast in a county of a
 * million cases); with a filter, each queue's filtered count through the record API.
 */
import type { QueueCountsAnswer } from '../../../engine/index.js';
import { pb } from './client.js';
import { queueCount, queueTabs, type QueueFilter, type QueueTab } from './queues.js';

/** Whether no filter narrows the queue (0 working days is a filter). */
export function isUnfiltered(filter: QueueFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '' || v === false);
}

/** How many rows each queue has with the filter (`dueBy`: see `queueFilterOf`). */
export async function queueCounts(filter: QueueFilter, dueBy?: string): Promise<Record<QueueTab, number>> {
  if (!pb.authStore.record) return { tasks: 0, done: 0, cc: 0, started: 0 };
  if (isUnfiltered(filter)) {
    const counts = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', {});
    return { tasks: counts.tasks, done: counts.done, cc: counts.cc, started: counts.started };
  }
  const counts = await Promise.all(queueTabs.map((t) => queueCount(t, filter, dueBy)));
  return { tasks: counts[0]!, done: counts[1]!, cc: counts[2]!, started: counts[3]! };
}
