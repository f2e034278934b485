/**
 * The app's connection to the server: one PocketBase SDK client, and the calls the pages make.
 */
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';
import { compileFormRules, createFormValidator, type FieldError, type FieldPermissions, type FormRules, type FormSchema, type FormValidator, type SchemaValidateFunction, type UiSchema } from '../../../forms/core/index.js';

/** The shared SDK client (same origin: PocketBase serves the app). */
export const pb = new PocketBase(window.location.origin);
pb.autoCancellation(false);

/** A case summary as the command routes answer it. */
export interface CaseSummary {
  id: string;
  caseNo: string;
  workflow: { key: string; version: number; name: string };
  step: string;
  stepName: string;
  status: 'active' | 'done';
  outcome: string | null;
  version: number;
  clock: { dueAt?: string; limitWorkingDays?: number; limitDays?: number; limitMonths?: number; extended: boolean; provisional?: true };
}

/** An action offered to the signed-in user. */
export interface ActionOffer {
  action: string;
  kind: string;
  label: string;
  requiresComment: boolean;
  returnTo?: { step: string; name: string }[];
  /** Data sections the action writes. */
  writes?: string[];
  /** A panel's vote: what the ballot is. */
  ballot?: { kind: 'vote' | 'score'; maxScore?: number };
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

/** The field problems of a refused command, as paths into the case data (the server's `/data` prefix removed). */
export function fieldProblems(e: unknown): FieldError[] {
  if (!(e instanceof ClientResponseError)) return [];
  const body = e.response as { errors?: { path: string; message: string }[] };
  return (body.errors ?? []).filter((x) => x.path === '/data' || x.path.startsWith('/data/')).map((x) => ({ path: x.path.slice('/data'.length), message: x.message, keyword: 'server' }));
}

/** The outcome of a password sign-in: signed in, or a one-time code is needed (officers, administrators). */
export type SignInStep = { signedIn: RecordModel } | { codeNeeded: { mfaId: string; otpId: string } };

/**
 * Signs in with email and password. Staff then need the one-time code the server mails them: the
 * answer says so, with the ids {@link signInWithCode} takes, and the code has been requested.
 */
export async function signIn(email: string, password: string): Promise<SignInStep> {
  try {
    const res = await pb.collection('users').authWithPassword(email, password);
    return { signedIn: res.record };
  } catch (e) {
    const mfaId = e instanceof ClientResponseError ? (e.response as { mfaId?: unknown }).mfaId : undefined;
    if (typeof mfaId !== 'string') throw e;
    const { otpId } = await pb.collection('users').requestOTP(email);
    return { codeNeeded: { mfaId, otpId } };
  }
}

/** Mails a new one-time code; returns its id. */
export async function requestCode(email: string): Promise<string> {
  return (await pb.collection('users').requestOTP(email)).otpId;
}

/** Completes a staff sign-in with the mailed one-time code. */
export async function signInWithCode(ids: { mfaId: string; otpId: string }, code: string): Promise<RecordModel> {
  const res = await pb.collection('users').authWithOTP(ids.otpId, code.trim(), { mfaId: ids.mfaId });
  return res.record;
}

let lastRefresh = 0;

/**
 * Keeps an active user's session alive: a token lives 30 minutes, so on the user's activity the
 * token is refreshed once it is past half its life (at most once a minute). A session ends 12 hours
 * after sign-in whatever its refreshes; then the refresh is refused and the user signs in again.
 */
export async function keepSessionAlive(now = Date.now()): Promise<void> {
  if (!pb.authStore.isValid || now - lastRefresh < 60_000) return;
  const payload = JSON.parse(atob(pb.authStore.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
  if (!payload.exp || payload.exp * 1000 - now > 15 * 60_000) return;
  lastRefresh = now;
  try {
    await pb.collection('users').authRefresh();
  } catch (e) {
    if (e instanceof ClientResponseError && e.status === 401) pb.authStore.clear();
  }
}

/** Signs out. */
export function signOut(): void {
  pb.authStore.clear();
}

/** Cases visible to the user, newest first (applicants: their own; officers: their jurisdiction). */
export function listCases(): Promise<RecordModel[]> {
  return pb.collection('applications').getFullList({ sort: '-created', batch: 200 });
}

/** Open tasks of the user's unit (officers; panel and drawn pool tasks only their own) or of the user (applicants). */
export function listOpenTasks(): Promise<RecordModel[]> {
  const me = pb.authStore.record;
  if (!me) return Promise.resolve([]);
  const filter = me.role === 'applicant' ? pb.filter('status = "open" && assignee_user = {:u}', { u: me.id }) : pb.filter('status = "open" && assignee_unit = {:unit} && ((mode != "panel" && level != "pool") || assignee_user = {:u})', { unit: me.org_unit, u: me.id });
  return pb.collection('tasks').getFullList({ filter, sort: 'due_at,created', expand: 'application' });
}

/** A case with the data the user may see, their actions and the form permissions they have now. */
export function getCase(id: string): Promise<{ case: CaseSummary; data: Record<string, unknown>; actions: ActionOffer[]; permissions: FieldPermissions; reveal?: string[] }> {
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

/** The form of a published workflow version: its JSON Schema, UI schema, validator and rules. */
export interface WorkflowForm {
  schema: FormSchema;
  ui: UiSchema | undefined;
  compiled: { validator: FormValidator; rules: FormRules };
}

/**
 * The validator of a form version: the module the server precompiled when the version was
 * published (no code generation in the page, as the Content-Security-Policy requires); compiled here
 * only if the server has none, which the policy then refuses with a Chinese error in the form.
 */
async function compileForm(key: string, version: number, schema: FormSchema): Promise<WorkflowForm['compiled']> {
  let precompiled: SchemaValidateFunction | undefined;
  try {
    const url = new URL(`/api/tongban/workflows/${encodeURIComponent(key)}/${version}/validator.js`, window.location.origin).href;
    precompiled = ((await import(/* @vite-ignore */ url)) as { default: SchemaValidateFunction }).default;
  } catch {
    precompiled = undefined;
  }
  try {
    return { validator: createFormValidator(schema, precompiled ? { precompiled } : {}), rules: compileFormRules(schema) };
  } catch (e) {
    throw new Error(`无法加载“${key}”第 ${version} 版的表单校验模块，请联系管理员重新发布该流程。（${e instanceof Error ? e.message : String(e)}）`);
  }
}

const forms = new Map<string, Promise<WorkflowForm>>();

/** The form of a workflow version, fetched once per page load. */
export function getWorkflowForm(key: string, version: number): Promise<WorkflowForm> {
  const id = `${key}@${version}`;
  let form = forms.get(id);
  if (!form) {
    form = pb
      .collection('workflow_definitions')
      .getFirstListItem(pb.filter('key = {:key} && version = {:version}', { key, version }))
      .then(async (r) => {
        const schema = r.form_schema as FormSchema;
        return { schema, ui: (r.ui_schema ?? undefined) as UiSchema | undefined, compiled: await compileForm(key, version, schema) };
      });
    form.catch(() => forms.delete(id));
    forms.set(id, form);
  }
  return form;
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
export function sendCommand(c: CaseSummary, action: string, extra: { comment?: string; returnTo?: string; data?: Record<string, unknown>; ballot?: { choice?: string; score?: number } }): Promise<{ case: CaseSummary }> {
  return pb.send(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: crypto.randomUUID(), ...extra } });
}
