/**
 * 好差评: the applicant's rating of an ended case (`ratings`: one per case, by its applicant only,
 * a reason required for a score of 1–2; see docs/api.md).
 */
import type { RecordModel } from 'pocketbase';
import { pb } from './client.js';

/** The applicant's rating of the case, if they gave one. */
export async function ratingOf(caseId: string): Promise<RecordModel | undefined> {
  const list = await pb.collection('ratings').getFullList({ filter: pb.filter('application = {:id}', { id: caseId }) });
  return list[0];
}

/** Rates an ended case: 5 非常满意 … 1 非常不满意 (a reason is required for 1 and 2). */
export function rateCase(caseId: string, score: number, reason: string): Promise<RecordModel> {
  return pb.collection('ratings').create({ application: caseId, applicant: pb.authStore.record?.id, score, reason });
}
