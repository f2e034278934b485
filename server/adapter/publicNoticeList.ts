/**
 * The printable 公示 list of a village: `GET /api/tongban/public-notices?village=<id>[&from=&until=]`.
 * The cases of the village waiting in a timer step (公示) — running now, or overlapping a chosen
 * period of China dates — each as its process module's `publicNoticeRow` shows it (name, household
 * size, amount) with when the 公示 began and ends. Only those fields leave the server: never an ID
 * number or contact detail. Officers of the village, its township or county (and administrators);
 * a village outside the caller's jurisdiction answers as a missing one (404).
 */
import { parseDeadlineTimerKey, type JsonValue, type PublicNoticeListAnswer, type PublicNoticeListRow } from '../../engine/index.js';
import { now } from './clock.js';
import { documentFormat } from './documents.js';
import { badRequest, forbidden, notFound } from './httpError.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { selectRows } from './sqlRows.js';
import { workflowByRecord } from './workflowCache.js';

/** Most rows one list answers (a village's 公示 rarely holds more than a few dozen). */
const maxRows = 500;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
/** 00:00 China time of a `YYYY-MM-DD` date. */
const chinaStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');
const isoOf = (stored: string) => new Date(stored.replace(' ', 'T')).toISOString();

/** The village record if `auth` may list its 公示 (its own village, township or county; admins any), else 404. */
function villageInJurisdiction(app: PbApp, auth: PbRecord, villageId: string): PbRecord {
  const role = auth.getString('role');
  if (role !== 'officer' && role !== 'admin') throw forbidden('只有工作人员可以查看公示名单。');
  let village: PbRecord;
  try {
    village = app.findRecordById('org_units', villageId);
  } catch {
    throw notFound('没有这个村（居）。');
  }
  if (village.getString('level') !== 'village') throw notFound('没有这个村（居）。');
  if (role === 'admin') return village;
  const unit = auth.getString('org_unit');
  const mine = unit !== '' && (village.id === unit || village.getString('township') === unit || village.getString('county') === unit);
  if (!mine) throw notFound('没有这个村（居）。');
  return village;
}

/** When the case last entered `step` before `endsAt` (the event that moved it there), ISO 8601. */
function enteredAt(app: PbApp, caseId: string, step: string, endsAt: string): string {
  const entries = selectRows(app, 'SELECT at FROM events WHERE application = {:a} AND to_step = {:s} AND from_step != {:s} ORDER BY seq DESC LIMIT 20', { a: caseId, s: step }, { at: '' });
  const entry = entries.find((e) => e.at !== '' && e.at <= endsAt) ?? entries[0];
  return entry ? new Date(entry.at).toISOString() : endsAt;
}

/** `GET /api/tongban/public-notices`: the village's 公示 list, running now or in a period. */
export function publicNoticeList(app: PbApp, auth: PbRecord, query: { village: string; from: string; until: string }): RouteAnswer {
  if (!query.village) throw badRequest('请指定村（居）：village。', [{ path: '/village', message: '请指定村（居）。' }]);
  const period = query.from || query.until ? { from: query.from, until: query.until } : null;
  if (period) {
    for (const key of ['from', 'until'] as const) {
      if (!datePattern.test(period[key]) || Number.isNaN(chinaStart(period[key]).getTime())) throw badRequest(`“${key}” 须为日期 YYYY-MM-DD。`, [{ path: `/${key}`, message: '须为日期 YYYY-MM-DD。' }]);
    }
    if (period.until < period.from) throw badRequest('结束日期不能早于开始日期。', [{ path: '/until', message: '结束日期不能早于开始日期。' }]);
  }
  const village = villageInJurisdiction(app, auth, query.village);
  const at = now(app);
  const periodStart = period ? chinaStart(period.from) : undefined;
  const periodEnd = period ? new Date(chinaStart(period.until).getTime() + 86_400_000) : undefined;
  // Running now: pending waits. A period: waits not cancelled that end after its start (their start is checked below).
  const timers = selectRows(
    app,
    `SELECT t.application AS case_id, t.key AS key, t.step AS step, t.due_at AS due_at, t.status AS status
     FROM timers t JOIN applications a ON a.id = t.application
     WHERE a.village = {:village} AND ${period ? "t.status != 'cancelled' AND t.due_at >= {:start}" : "t.status = 'pending'"}
     ORDER BY t.due_at, a.case_no LIMIT ${maxRows}`,
    { village: village.id, ...(periodStart ? { start: dbDate(periodStart) } : {}) },
    { case_id: '', key: '', step: '', due_at: '', status: '' },
  );
  const rows: PublicNoticeListRow[] = [];
  for (const t of timers) {
    if (parseDeadlineTimerKey(t.key)) continue;
    const record = app.findRecordById('applications', t.case_id);
    const wf = workflowByRecord(app, record.getString('workflow'));
    const step = Object.prototype.hasOwnProperty.call(wf.definition.steps, t.step) ? wf.definition.steps[t.step] : undefined;
    const rowOf = wf.compiled.process?.publicNoticeRow;
    if (!step || step.type !== 'timer' || !rowOf) continue;
    const endsAt = isoOf(t.due_at);
    const startsAt = enteredAt(app, record.id, t.step, endsAt);
    if (periodEnd && Date.parse(startsAt) >= periodEnd.getTime()) continue;
    const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
    const own = rowOf({ data, parameters: wf.compiled.parameters, format: documentFormat });
    // Only these fields are copied: whatever else a module's row held never leaves the server.
    rows.push({
      caseId: record.id,
      caseNo: record.getString('case_no'),
      process: wf.definition.name,
      name: String(own.name ?? ''),
      householdSize: typeof own.householdSize === 'number' ? own.householdSize : null,
      amount: typeof own.amount === 'number' || (typeof own.amount === 'string' && own.amount !== '') ? own.amount : null,
      stepName: step.name,
      startsAt,
      endsAt,
      running: t.status === 'pending' && Date.parse(endsAt) > at.getTime(),
    });
  }
  let township: PublicNoticeListAnswer['township'] = null;
  if (village.getString('township')) {
    try {
      const unit = app.findRecordById('org_units', village.getString('township'));
      township = { id: unit.id, name: unit.getString('name') };
    } catch {
      township = null;
    }
  }
  const body: PublicNoticeListAnswer = { village: { id: village.id, name: village.getString('name') }, township, period, now: at.toISOString(), rows };
  return { status: 200, body };
}
