/**
 * When a user's role or unit last changed, read from the audit log (configAudit.ts writes an entry
 * in the same transaction as every such change, by whatever path, and the log refuses updates and
 * deletes). What a user acted on before then may lie outside what they read now.
 */
import type { PbApp } from './pocketbase.js';
import { selectRows } from './sqlRows.js';

/**
 * The instant of the last change of the user's role or unit, as the record's `created` (the
 * server's own clock, like every event's `created`, whatever a simulated clock says; PocketBase's
 * stored form `YYYY-MM-DD HH:MM:SS.sssZ`); '' if never changed.
 */
export function unitChangedAt(app: PbApp, userId: string): string {
  const rows = selectRows(
    app,
    `SELECT coalesce(max(created), '') AS at FROM audit_log
     WHERE target_collection = 'users' AND target_id = {:user} AND action = 'user.update'
       AND (json_extract(before, '$.org_unit') IS NOT json_extract(after, '$.org_unit') OR json_extract(before, '$.role') IS NOT json_extract(after, '$.role'))`,
    { user: userId },
    { at: '' },
  );
  return rows[0]?.at ?? '';
}
