/**
 * Cases: the list the user may see, one case as the user may see it, acting on it, revealing a
 * masked field, and its history and documents.
 */
import type { RecordModel } from 'pocketbase';
import type { CaseSummaryView, CaseViewAnswer, CommandAnswer, CommandRequest } from '../../../engine/index.js';
import { pb } from './client.js';

/** A case summary as the routes answer it. */
export type CaseSummary = CaseSummaryView;

/** Cases visible to the user, newest first (applicants: their own; officers: their jurisdiction). */
export function listCases(): Promise<RecordModel[]> {
  return pb.collection('applications').getFullList({ sort: '-created', batch: 200 });
}

/** A case with the data the user may see, their actions and the form permissions they have now. */
export function getCase(id: string): Promise<CaseViewAnswer> {
  return pb.send(`/api/tongban/cases/${id}`, {});
}

/** Reveals one masked field of a case in full, with a reason (recorded in the audit log). */
export function revealField(id: string, field: string, reason: string): Promise<{ field: string; value: string }> {
  return pb.send(`/api/tongban/cases/${id}/reveal`, { method: 'POST', body: { field, reason } });
}

/** Who saw which masked field of a case in full, and why (what the user may read of the audit log: the applicant their own case's). */
export function listReveals(id: string): Promise<RecordModel[]> {
  return pb.collection('audit_log').getFullList({ filter: pb.filter('application = {:id} && action = "field.reveal"', { id }), sort: 'at' }).catch(() => []);
}

/** The case's recorded events, oldest first (who acted is recorded on each event by value). */
export function listEvents(id: string): Promise<RecordModel[]> {
  return pb.collection('events').getFullList({ filter: pb.filter('application = {:id}', { id }), sort: 'seq' });
}

/** Documents of a case. */
export function listDocuments(id: string): Promise<RecordModel[]> {
  return pb.collection('documents').getFullList({ filter: pb.filter('application = {:id}', { id }), sort: 'created' });
}

/** Sends a command, with what changed in the sections of the form data the action writes (a JSON Merge Patch). */
export function sendCommand(c: Pick<CaseSummary, 'id' | 'version'>, action: string, extra: Omit<CommandRequest, 'action' | 'version' | 'commandId'>): Promise<CommandAnswer> {
  return pb.send(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: crypto.randomUUID(), ...extra } satisfies CommandRequest });
}
