/**
 * The append-only audit log (collection `audit_log`): configuration changes and reveals of masked
 * fields, each with who did it (by value, as they were at that moment), before and after.
 */
import { newRecord, type PbApp } from './pocketbase.js';

/** Who did an audited thing, recorded by value so later changes to the user do not rewrite it. */
export interface AuditActor {
  id: string;
  name: string;
  role: string;
  unit: string;
}

/** One audit entry. `action` is a dotted name such as `field.reveal`, `workflow.publish`, `user.update`. */
export interface AuditEntry {
  action: string;
  actor: AuditActor;
  at: Date;
  targetCollection?: string;
  targetId?: string;
  /** The case, for reveals (its applicant reads these on the timeline). */
  application?: string;
  /** The JSON pointer of a revealed field. */
  field?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry to the audit log, inside the caller's transaction. */
export function recordAudit(tx: PbApp, entry: AuditEntry): void {
  const r = newRecord(tx, 'audit_log');
  r.set('at', entry.at.toISOString());
  r.set('action', entry.action);
  r.set('actor_id', entry.actor.id);
  r.set('actor_name', entry.actor.name);
  r.set('actor_role', entry.actor.role);
  r.set('actor_unit', entry.actor.unit);
  r.set('target_collection', entry.targetCollection ?? '');
  r.set('target_id', entry.targetId ?? '');
  if (entry.application) r.set('application', entry.application);
  r.set('field', entry.field ?? '');
  r.set('reason', entry.reason ?? '');
  r.set('before', entry.before ?? null);
  r.set('after', entry.after ?? null);
  tx.save(r);
}
