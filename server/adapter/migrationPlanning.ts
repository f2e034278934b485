/**
 * Planning a case's migration to another published version of its process (the dry run), shared by
 * the per-case migration route and the dry run over every running case of a version: the target
 * version, the engine's plan (engine/runtime/migrateCase.ts) with what it read, and the case data
 * against the target's form.
 */
import { createWorkingCalendar, migrateCase, readPointer, type CalendarOverride, type CaseSnapshot, type JsonValue, type Migration, type OrgDirectory, type OrgPath } from '../../engine/index.js';
import { listSchemaFields, type FormSchema } from '../../forms/core/index.js';
import { calendarOverrides } from './calendarOverrides.js';
import { invalidData } from './httpError.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { versionFor } from './divisionVersions.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';

/** The case data against the target version's form. */
export interface DataCheck {
  /** Fields whose values the target form refuses (and the source form accepted). */
  invalid: { path: string; message: string }[];
  /** Fields with a value that the target form no longer has (kept in the data, no longer shown). */
  dropped: string[];
}

/** A planned migration of one case, with everything applying it needs. */
export interface PlannedMigration {
  record: PbRecord;
  from: LoadedWorkflow;
  to: LoadedWorkflow;
  snapshot: CaseSnapshot;
  data: Record<string, JsonValue>;
  migration: Migration;
  dataCheck: DataCheck;
  /** What the plan read, recorded on the event when applied. */
  commandId: string;
  overrides: CalendarOverride[];
  org?: OrgDirectory;
}

/** The published version `version` of process `key` for a case in `org` (its division's local rules, if any; divisionVersions.ts), or a 422 naming `/toVersion`. */
export function targetVersion(tx: PbApp, key: string, version: number, org: OrgPath): LoadedWorkflow {
  const record = versionFor(tx, key, version, org);
  if (!record) throw invalidData(`流程“${key}”没有已发布的第 ${version} 版。`, [{ path: '/toVersion', message: `流程“${key}”没有已发布的第 ${version} 版。` }]);
  return workflowByRecord(tx, record.id);
}

const fieldsOf = (schema: FormSchema | null): Set<string> => new Set(schema ? listSchemaFields(schema).map((f) => f.pointer) : []);

/** Whether `data` holds a value at a field pointer (`*` for any item of an array). */
function holds(data: JsonValue, pointer: string): boolean {
  const star = pointer.indexOf('/*');
  if (star < 0) return readPointer(data as Record<string, JsonValue>, pointer) !== undefined;
  const items = readPointer(data as Record<string, JsonValue>, pointer.slice(0, star));
  return Array.isArray(items) && items.some((item) => holds(item, pointer.slice(star + 2) || ''));
}

/** The case data against the target's form: new refusals and fields it no longer has. */
export function dataCheck(from: LoadedWorkflow, to: LoadedWorkflow, data: Record<string, JsonValue>): DataCheck {
  const source = from.validator ? from.validator.validate(data) : { valid: true as const };
  const before = new Set(source.valid ? [] : source.errors.map((e) => e.path));
  const result = to.validator ? to.validator.validate(data) : { valid: true as const };
  const invalid = result.valid ? [] : result.errors.filter((e) => !before.has(e.path)).map((e) => ({ path: `/data${e.path}`, message: e.message }));
  const target = fieldsOf(to.formSchema);
  const dropped = to.formSchema ? [...fieldsOf(from.formSchema)].filter((p) => !target.has(p) && holds(data, p)) : [];
  // A parent dropped stands for its children.
  return { invalid, dropped: dropped.filter((p) => !dropped.some((q) => q !== p && p.startsWith(`${q}/`))) };
}

/** Plans moving the case `record` to version `to` (nothing is written). */
export function planMigration(app: PbApp, record: PbRecord, to: LoadedWorkflow, request: { stepMap: Record<string, string>; actor: string; reason: string; at: Date }): PlannedMigration {
  const from = workflowByRecord(app, record.getString('workflow'));
  const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
  const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
  const overrides = calendarOverrides(app);
  const commandId = `migrate:${record.id}:${snapshot.version}`;
  const org = orgDirectoryFor(app, to.definition, record.getString('county'), commandId);
  const migration = migrateCase(from.compiled, to.compiled, snapshot, { stepMap: request.stepMap }, request.at, { calendar: createWorkingCalendar(overrides), data, actor: request.actor, reason: request.reason, caseId: record.id, ...(org ? { org } : {}) });
  // The plan names every timer the old tasks may have set; the answer names those still pending.
  const pending = new Set(app.findRecordsByFilter('timers', 'application = {:a} && status = "pending"', '', 500, 0, { a: record.id }).map((t) => t.getString('key')));
  migration.plan.timers.cancelled = migration.plan.timers.cancelled.filter((key) => pending.has(key));
  return { record, from, to, snapshot, data, migration, dataCheck: dataCheck(from, to, data), commandId, overrides, ...(org ? { org } : {}) };
}

/** The step map of a request body, checked: every value a step name. */
export function readStepMap(raw: Record<string, unknown> | undefined): Record<string, string> {
  const stepMap: Record<string, string> = {};
  for (const [oldName, newName] of Object.entries(raw ?? {})) {
    if (typeof newName !== 'string') throw invalidData('stepMap 的取值应为步骤名。', [{ path: `/stepMap/${oldName}`, message: '应为新版本中的步骤名。' }]);
    Object.defineProperty(stepMap, oldName, { value: newName, enumerable: true, writable: true, configurable: true });
  }
  return stepMap;
}
