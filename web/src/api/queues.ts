/**
 * The user's work queue: open tasks of their unit (officers) or their own (applicants).
 */
import type { RecordModel } from 'pocketbase';
import { pb } from './client.js';

/** Open tasks of the user's unit (officers; panel and drawn pool tasks only their own) or of the user (applicants). */
export function listOpenTasks(): Promise<RecordModel[]> {
  const me = pb.authStore.record;
  if (!me) return Promise.resolve([]);
  const filter = me.role === 'applicant' ? pb.filter('status = "open" && assignee_user = {:u}', { u: me.id }) : pb.filter('status = "open" && assignee_unit = {:unit} && ((mode != "panel" && level != "pool") || assignee_user = {:u})', { unit: me.org_unit, u: me.id });
  return pb.collection('tasks').getFullList({ filter, sort: 'due_at,created', expand: 'application' });
}
