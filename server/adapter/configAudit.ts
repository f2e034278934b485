/**
 * Audits configuration changes made through any path that saves records (the record API, the
 * admin dashboard, the studio, the workflow loader): holiday overrides, workflow definitions, org units,
 * and users' role, unit, duties and `disabled`. The request hooks tag the record with who is asking; the execute hooks write the
 * change and its audit entry in one transaction, so neither exists without the other. The audit
 * log itself refuses every update and delete, superusers included.
 */
import { recordAudit, type AuditActor } from './audit.js';
import { now } from './clock.js';
import { readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';

/** A record as the record hooks see it (with the values it was loaded with). */
interface HookRecord extends PbRecord {
  original(): PbRecord;
}

/** The event of a record request hook (`onRecord*Request`). */
export interface RecordRequestHookEvent {
  auth: PbRecord | null;
  record: HookRecord | null;
  next(): void;
}

/** The event of a record execute hook (`onRecord*Execute`): `app` may be replaced by a transaction. */
export interface RecordExecuteHookEvent {
  app: PbApp;
  record: HookRecord;
  next(): void;
}

/** What kind of write. */
export type WriteKind = 'create' | 'update' | 'delete';

type FieldKind = 'text' | 'bool' | 'int' | 'json' | 'digest';

interface AuditedCollection {
  /** The fields kept in before/after, with how to read them; `digest` keeps only a SHA-256 of big content. */
  fields: Record<string, FieldKind>;
  /** When set, an update is audited only if one of these fields changed. */
  watched?: string[];
  /** The audit action of a write. */
  action(kind: WriteKind, before: Record<string, unknown> | null, after: Record<string, unknown> | null): string;
}

/** The audited collections, by name. */
const audited = new Map<string, AuditedCollection>([
  [
    'calendar_overrides',
    {
      fields: { date: 'text', working: 'bool', note: 'text' },
      action: (kind) => `calendar.override.${kind}`,
    },
  ],
  [
    'calendar_arrangements',
    {
      fields: { year: 'int', note: 'text' },
      action: (kind) => `calendar.arrangement.${kind}`,
    },
  ],
  [
    'workflow_definitions',
    {
      fields: { key: 'text', version: 'int', status: 'text', name: 'text', sha256: 'text', definition: 'digest', form_schema: 'digest', ui_schema: 'digest', validator_module: 'digest', templates: 'digest' },
      action: (kind, before, after) => {
        if (kind === 'delete') return 'workflow.delete';
        const status = after?.status;
        if (status !== before?.status && status === 'published') return 'workflow.publish';
        if (status !== before?.status && status === 'retired') return 'workflow.retire';
        return kind === 'create' ? 'workflow.create' : 'workflow.update';
      },
    },
  ],
  [
    'users',
    {
      fields: { name: 'text', role: 'text', org_unit: 'text', duties: 'json', disabled: 'bool' },
      watched: ['role', 'org_unit', 'duties', 'disabled'],
      action: (kind) => `user.${kind}`,
    },
  ],
  [
    'org_units',
    {
      fields: { code: 'text', name: 'text', level: 'text', kind: 'text', parent: 'text', county: 'text', township: 'text' },
      action: (kind) => `org_unit.${kind}`,
    },
  ],
]);

/** The names of the audited collections (for registering the hooks). */
export const auditedCollections = [...audited.keys()];

/** The custom (never stored) record key that carries the requesting actor to the execute hook. */
const actorKey = '@pbInternalTongbanAuditActor';

function unitName(app: PbApp, id: string): string {
  if (!id) return '';
  try {
    return app.findRecordById('org_units', id).getString('name');
  } catch {
    return id;
  }
}

/** The audit actor of a signed-in user or superuser, by value. */
export function auditActorOf(app: PbApp, auth: PbRecord | null): AuditActor {
  if (!auth) return { id: '', name: '访客', role: 'guest', unit: '' };
  if (auth.collection().name === '_superusers') return { id: auth.id, name: auth.getString('email'), role: 'superuser', unit: '' };
  return { id: auth.id, name: auth.getString('name') || auth.getString('email'), role: auth.getString('role'), unit: unitName(app, auth.getString('org_unit')) };
}

/** Tags a record a route is about to save with who asks, so its audit entry names them. */
export function tagActor(app: PbApp, record: PbRecord, auth: PbRecord | null): void {
  record.set(actorKey, JSON.stringify(auditActorOf(app, auth)));
}

/** The custom (never stored) record key that carries what a route adds to the entry's `after` (a publication's diff). */
const detailKey = '@pbInternalTongbanAuditDetail';

/** Adds `detail` to the `after` of the audit entry of the record's next save (e.g. the diff of a published version). */
export function tagAuditDetail(record: PbRecord, detail: Record<string, unknown>): void {
  record.set(detailKey, JSON.stringify(detail));
}

function taggedDetail(record: PbRecord): Record<string, unknown> {
  const raw = record.get(detailKey);
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The actor of writes made without a request (migrations, the server's own hooks). */
const systemActor: AuditActor = { id: '', name: '系统', role: 'system', unit: '' };

/** Request hook: remembers on the record who asks for the write, then goes on. */
export function tagRequestActor(app: PbApp, e: RecordRequestHookEvent): void {
  if (e.record) e.record.set(actorKey, JSON.stringify(auditActorOf(app, e.auth)));
  e.next();
}

function readFields(record: PbRecord, fields: Record<string, FieldKind>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    if (kind === 'bool') out[name] = record.getBool(name);
    else if (kind === 'int') out[name] = record.getInt(name);
    else if (kind === 'json') out[name] = readJson(record, name);
    else if (kind === 'digest') {
      const text = record.getString(name);
      out[name] = text === '' || text === 'null' ? '' : `sha256:${sha256(text)}`;
    } else out[name] = record.getString(name);
  }
  return out;
}

function taggedActor(record: PbRecord): AuditActor {
  const raw = record.get(actorKey);
  if (typeof raw !== 'string' || raw === '') return systemActor;
  try {
    return JSON.parse(raw) as AuditActor;
  } catch {
    return systemActor;
  }
}

/**
 * Execute hook of an audited collection: runs the write and appends its audit entry (who,
 * before, after) in one transaction. Updates that change no audited field leave no entry.
 */
export function auditWrite(e: RecordExecuteHookEvent, kind: WriteKind): void {
  const config = audited.get(e.record.collection().name);
  if (!config) {
    e.next();
    return;
  }
  const before = kind === 'create' ? null : readFields(e.record.original(), config.fields);
  e.app.runInTransaction((tx) => {
    e.app = tx;
    e.next();
    const fields = kind === 'delete' ? null : readFields(e.record, config.fields);
    const after = fields ? { ...fields, ...taggedDetail(e.record) } : null;
    if (kind === 'update' && before && after) {
      const watched = config.watched ?? Object.keys(config.fields);
      if (watched.every((f) => JSON.stringify(before[f]) === JSON.stringify(after[f]))) return;
    }
    recordAudit(tx, {
      action: config.action(kind, before, after),
      actor: taggedActor(e.record),
      at: now(tx),
      targetCollection: e.record.collection().name,
      targetId: e.record.id,
      before,
      after,
    });
  });
}

/** Thrown by the hooks of `audit_log`: the log is append-only. */
export class AuditLogIsAppendOnly extends Error {
  constructor() {
    super('审计日志只能追加，不能修改或删除。');
  }
}

/** Execute hook of `audit_log` updates and deletes: refuses them, whoever asks. */
export function refuseAuditLogChange(): never {
  throw new AuditLogIsAppendOnly();
}
