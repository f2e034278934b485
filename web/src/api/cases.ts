/**
 * Cases: the list the user may see, one case as the user may see it, acting on it, revealing a
 * masked field, and its history and documents.
 */
import type { RecordModel } from 'pocketbase';
import type { CaseSummaryView, CaseViewAnswer, CommandAnswer, CommandRequest } from '../../../engine/index.js';
import { pb } from './client.js';

/** A case summary as the routes answer it. */
export type CaseSummary = CaseSummaryView;

/** Rows per page of an applicant's own cases. */
export const casePageSize = 50;

/**
 * One page (from 1) of the signed-in applicant's own cases — filed by them, or by their organisation
 * — newest first, and whether a next page exists (one row more is asked instead of a count). The
 * filter names the applicant so the list reads the index on `applicant` (or `applicant_org`), never
 * the whole table through the collection's rule.
 */
export async function listCases(page = 1): Promise<{ items: RecordModel[]; more: boolean }> {
  const me = pb.authStore.record;
  if (!me) return { items: [], more: false };
  const organisation = typeof me.organisation === 'string' ? me.organisation : '';
  const filter = organisation ? pb.filter('applicant = {:me} || applicant_org = {:org}', { me: me.id, org: organisation }) : pb.filter('applicant = {:me}', { me: me.id });
  const list = await pb.collection('applications').getList(page, casePageSize + 1, { filter, sort: '-created', skipTotal: true });
  return { items: list.items.slice(0, casePageSize), more: list.items.length > casePageSize };
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
