/**
 * The audit log export for administrators: `GET /api/tongban/admin/audit?from&to&format=csv|json`,
 * entries whose time falls in [from, to], oldest first.
 */
import { toCsv } from './csv.js';
import { badRequest, forbidden, invalidData, unauthorized } from './httpError.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';

/** Most entries one export carries; a wider range is refused with a request to narrow it. */
export const maxExportEntries = 100_000;

/** The columns of an export, in order. */
export const auditColumns = ['at', 'action', 'actor_id', 'actor_name', 'actor_role', 'actor_unit', 'target_collection', 'target_id', 'application', 'field', 'reason', 'before', 'after'] as const;

/** One exported entry. */
export type AuditExportEntry = Record<(typeof auditColumns)[number], unknown>;

/** The query of an export. */
export interface AuditExportQuery {
  from: string;
  to: string;
  format: string;
}

/** The export as the route sends it. */
export interface AuditExportFile {
  contentType: string;
  fileName: string;
  body: string;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A bound of the range as an ISO instant; a date alone means the start (from) or the end (to) of that day in China time (UTC+8). */
function bound(value: string, name: 'from' | 'to'): string {
  if (value === '') return name === 'from' ? '0000-01-01T00:00:00.000Z' : '9999-12-31T23:59:59.999Z';
  const text = dateOnly.test(value) ? `${value}T${name === 'from' ? '00:00:00.000' : '23:59:59.999'}+08:00` : value;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw badRequest(`“${name}” 不是有效的日期或时间。`, [{ path: `/${name}`, message: '请使用 YYYY-MM-DD 或 ISO 8601 时间。' }]);
  return at.toISOString();
}

/** The date of a bound for the file name: as asked when a date, else the instant's UTC date. */
const fileDate = (asked: string, instant: string) => (dateOnly.test(asked) ? asked : instant.slice(0, 10));

function entryOf(r: PbRecord): AuditExportEntry {
  return {
    at: r.getString('at'),
    action: r.getString('action'),
    actor_id: r.getString('actor_id'),
    actor_name: r.getString('actor_name'),
    actor_role: r.getString('actor_role'),
    actor_unit: r.getString('actor_unit'),
    target_collection: r.getString('target_collection'),
    target_id: r.getString('target_id'),
    application: r.getString('application'),
    field: r.getString('field'),
    reason: r.getString('reason'),
    before: readJson(r, 'before'),
    after: readJson(r, 'after'),
  };
}

/** Whether the caller may export: administrators and superusers. Throws 401/403 otherwise. */
export function requireAuditReader(auth: PbRecord | null, isSuperuser: boolean): void {
  if (isSuperuser) return;
  if (!auth) throw unauthorized();
  if (auth.collection().name !== 'users' || auth.getString('role') !== 'admin') throw forbidden('只有管理员可以导出审计日志。');
}

/** Builds the export of the entries in the range. */
export function exportAudit(app: PbApp, query: AuditExportQuery): AuditExportFile {
  const format = query.format === '' ? 'json' : query.format;
  if (format !== 'csv' && format !== 'json') throw badRequest('“format” 只能是 csv 或 json。', [{ path: '/format', message: '请使用 csv 或 json。' }]);
  const from = bound(query.from, 'from');
  const to = bound(query.to, 'to');
  if (from > to) throw badRequest('“from” 晚于 “to”。', [{ path: '/from', message: '起始时间须早于结束时间。' }]);
  const entries: AuditExportEntry[] = [];
  const page = 1000;
  for (let offset = 0; ; offset += page) {
    const rows = app.findRecordsByFilter('audit_log', 'at >= {:from} && at <= {:to}', 'at,created,id', page, offset, { from, to });
    for (const r of rows) entries.push(entryOf(r));
    if (entries.length > maxExportEntries) throw invalidData(`所选时间段内的审计记录超过 ${maxExportEntries} 条，请缩小时间范围。`);
    if (rows.length < page) break;
  }
  const name = `audit-${fileDate(query.from, from)}-${fileDate(query.to, to)}`;
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', fileName: `${name}.json`, body: JSON.stringify({ from, to, entries }) };
  return {
    contentType: 'text/csv; charset=utf-8',
    fileName: `${name}.csv`,
    body: toCsv([...auditColumns], entries.map((e) => auditColumns.map((c) => e[c]))),
  };
}
