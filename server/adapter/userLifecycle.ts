/**
 * Off-boarding: a user with history (cases applied for or filed, events acted in, uploads, audit
 * entries, a 近亲属 declaration) is disabled, never deleted; a disabled user can neither sign in
 * nor use a token issued before. The hooks in `pb_hooks` call these on every path — the record
 * API, the dashboard (which uses the API) and the app itself.
 */
import { HttpError } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import { connectedClients } from './realtimeClients.js';

/** Where a user's history lies: collection → the fields that name the user. */
const historyFields: [string, string[]][] = [
  ['events', ['actor_id']],
  ['applications', ['applicant', 'filed_by']],
  ['attachments', ['uploaded_by']],
  ['audit_log', ['actor_id']],
  ['staff_relatives', ['staff']],
];

/** Whether the user appears in any history. */
export function hasHistory(app: PbApp, userId: string): boolean {
  for (const [collection, fields] of historyFields) {
    for (const field of fields) {
      let rows: PbRecord[];
      try {
        rows = app.findRecordsByFilter(collection, `${field} = {:u}`, '', 1, 0, { u: userId });
      } catch {
        continue; // a collection this data folder does not have yet
      }
      if (rows.length > 0) return true;
    }
  }
  return false;
}

/** 409 for deleting a user with history; null when the user may be deleted. */
export function userDeletionRefusal(app: PbApp, user: PbRecord): HttpError | null {
  if (!hasHistory(app, user.id)) return null;
  return new HttpError(409, 'user_has_history', `用户“${user.getString('name') || user.id}”有办理或申请记录，不能删除，以免历史记录缺失。请改为停用该账号（将“disabled”设为 true）。`);
}

/**
 * 403 for a disabled user signing in or reaching a Tongban route; null otherwise. (Their earlier
 * tokens stop verifying anyway: disabling renews the token key. No router-wide middleware does this
 * check: a JS middleware on every request would hold a second VM of PocketBase's pool per request.)
 */
export function disabledUserRefusal(user: PbRecord | null): HttpError | null {
  if (!user || user.collection().name !== 'users' || !user.getBool('disabled')) return null;
  return new HttpError(403, 'user_disabled', '该账号已停用，不能登录或办理业务。如有疑问请联系管理员。');
}

/** A user record being saved, with the stored version it replaces. */
export interface SavedUser extends PbRecord {
  original(): PbRecord;
  refreshTokenKey(): void;
}

/** Whether this save disables the user. */
export function disablesUser(user: SavedUser): boolean {
  return user.getBool('disabled') && !user.original().getBool('disabled');
}

/** Ends the realtime connections signed in as `userId` (a disabled user's open subscriptions). */
export function dropRealtimeClients(userId: string): number {
  let dropped = 0;
  for (const client of connectedClients()) {
    if (client.auth?.id !== userId) continue;
    client.discard();
    dropped++;
  }
  return dropped;
}
