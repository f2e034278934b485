/**
 * The app's connection to the server: one PocketBase SDK client, and the calls the pages make.
 */
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';

/** The shared SDK client (same origin: PocketBase serves the app). */
export const pb = new PocketBase(window.location.origin);
pb.autoCancellation(false);

/** A case summary as the command routes answer it. */
export interface CaseSummary {
  id: string;
  caseNo: string;
  workflow: { key: string; name: string };
  step: string;
  stepName: string;
  status: 'active' | 'done';
  outcome: string | null;
  version: number;
  clock: { dueAt?: string; limitWorkingDays: number; extended: boolean };
}

/** An action offered to the signed-in user. */
export interface ActionOffer {
  action: string;
  kind: string;
  label: string;
  requiresComment: boolean;
  returnTo?: { step: string; name: string }[];
}

/** The Chinese message of a failed call, with field problems when the server gave them. */
export function errorMessage(e: unknown): string {
  if (e instanceof ClientResponseError) {
    const body = e.response as { message?: string; errors?: { path: string; message: string }[] };
    const details = (body.errors ?? []).map((x) => x.message).join(' ');
    if (e.status === 0) return '无法连接服务器，请检查网络后重试。';
    if (e.status === 400 && e.url.includes('auth-with-password')) return '账号或密码不正确。';
    return [body.message ?? e.message, details].filter(Boolean).join(' ');
  }
  return e instanceof Error ? e.message : String(e);
}

/** Signs in with email and password. */
export async function signIn(email: string, password: string): Promise<RecordModel> {
  const res = await pb.collection('users').authWithPassword(email, password);
  return res.record;
}

/** Signs out. */
export function signOut(): void {
  pb.authStore.clear();
}

/** Cases visible to the user, newest first (applicants: their own; officers: their jurisdiction). */
export function listCases(): Promise<RecordModel[]> {
  return pb.collection('applications').getFullList({ sort: '-created', batch: 200 });
}

/** Open tasks of the user's unit (officers) or of the user (applicants). */
export function listOpenTasks(): Promise<RecordModel[]> {
  const me = pb.authStore.record;
  if (!me) return Promise.resolve([]);
  const filter = me.role === 'applicant' ? pb.filter('status = "open" && assignee_user = {:u}', { u: me.id }) : pb.filter('status = "open" && assignee_unit = {:unit}', { unit: me.org_unit });
  return pb.collection('tasks').getFullList({ filter, sort: 'due_at,created', expand: 'application' });
}

/** A case with the data the user may see and their actions. */
export function getCase(id: string): Promise<{ case: CaseSummary; data: Record<string, unknown>; actions: ActionOffer[] }> {
  return pb.send(`/api/tongban/cases/${id}`, {});
}

/** The case's recorded events, oldest first. */
export function listEvents(id: string): Promise<RecordModel[]> {
  return pb.collection('events').getFullList({ filter: pb.filter('application = {:id}', { id }), sort: 'seq', expand: 'actor' });
}

/** Documents of a case. */
export function listDocuments(id: string): Promise<RecordModel[]> {
  return pb.collection('documents').getFullList({ filter: pb.filter('application = {:id}', { id }), sort: 'created' });
}

/** Sends a command. */
export function sendCommand(c: CaseSummary, action: string, extra: { comment?: string; returnTo?: string }): Promise<{ case: CaseSummary }> {
  return pb.send(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: crypto.randomUUID(), ...extra } });
}
