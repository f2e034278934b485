/**
 * Importing a year's official holiday arrangement (the State Council notice published each
 * autumn): its days off and its 调休 make-up working days go into `calendar_overrides`, the year into
 * `calendar_arrangements` (both audited, naming the administrator), and every running case's
 * deadlines are counted anew on the new calendar — the statutory clock, open tasks' step deadlines,
 * pending working-day timers — each moved case getting a hash-chained `calendar.recount` event by
 * the system, which replay recounts with the recorded calendar version and starts. One transaction.
 */
import { checkInputSafety } from '../../forms/core/index.js';
import { createWorkingCalendar, recountDeadlines, type CalendarOverride, type CaseSnapshot, type DeadlineStarts, type JsonValue } from '../../engine/index.js';
import { calendarOverrides } from './calendarOverrides.js';
import { calendarVersionHash } from './calendarVersions.js';
import { commitDecision } from './caseWrites.js';
import { tagActor } from './configAudit.js';
import { systemActorByValue } from './eventActor.js';
import { now } from './clock.js';
import { badRequest, type FieldProblem } from './httpError.js';
import { newRecord, readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { workflowByRecord } from './workflowCache.js';

/** The body of `POST /api/tongban/admin/calendar/arrangements`. */
export interface ArrangementImport {
  year: number;
  /** The notice's days off (`YYYY-MM-DD`), 调休 bridges included. */
  holidays: string[];
  /** The notice's make-up working days (调休上班的周末). */
  workdays: string[];
  /** The notice's title or number, kept with each override. */
  note?: string;
}

const allowedKeys = new Set(['year', 'holidays', 'workdays', 'note']);
const maxDays = 60;

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** Checks the body; bad input is refused with 400 and every problem's path. */
export function parseArrangement(body: unknown): ArrangementImport {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('请求体必须是 JSON 对象。');
  const safety = checkInputSafety(body);
  if (safety.length > 0) throw badRequest('请求内容不安全或过大。', safety.map((e) => ({ path: e.path, message: e.message })));
  const obj = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(obj)) if (!allowedKeys.has(key)) problems.push({ path: `/${key}`, message: `不允许的字段“${key}”。` });
  const year = obj.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1901 && year <= 2099;
  if (!yearOk) problems.push({ path: '/year', message: '“year”应为 1901 至 2099 之间的年份。' });
  if (obj.note !== undefined && (typeof obj.note !== 'string' || obj.note.length > 200)) problems.push({ path: '/note', message: '“note”应为不超过 200 个字符的文本。' });
  const seen = new Map<string, string>();
  const lists: Record<'holidays' | 'workdays', string[]> = { holidays: [], workdays: [] };
  for (const list of ['holidays', 'workdays'] as const) {
    const raw = obj[list];
    if (!Array.isArray(raw) || raw.length > maxDays || (list === 'holidays' && raw.length === 0)) {
      problems.push({ path: `/${list}`, message: list === 'holidays' ? `“holidays”应为放假日期的列表（1 至 ${maxDays} 个）。` : `“workdays”应为调休上班日期的列表（至多 ${maxDays} 个，可为空）。` });
      continue;
    }
    raw.forEach((date, i) => {
      const path = `/${list}/${i}`;
      if (typeof date !== 'string' || !isCalendarDate(date)) problems.push({ path, message: '应为 YYYY-MM-DD 格式的有效日期。' });
      else if (yearOk && !(date.startsWith(`${year}-`) || date.startsWith(`${(year as number) - 1}-12-`))) problems.push({ path, message: `日期应在 ${year} 年内（或上一年 12 月，元旦假期）。` });
      else if (seen.has(date)) problems.push({ path, message: `日期 ${date} 重复（已见于 ${seen.get(date)}）。` });
      else {
        seen.set(date, path);
        lists[list].push(date);
      }
    });
  }
  if (problems.length > 0) throw badRequest('放假安排格式不正确。', problems);
  return { year: year as number, holidays: lists.holidays, workdays: lists.workdays, ...(typeof obj.note === 'string' && obj.note !== '' ? { note: obj.note } : {}) };
}

function upsertOverride(tx: PbApp, auth: PbRecord | null, date: string, working: boolean, note: string): void {
  const r = tx.findRecordsByFilter('calendar_overrides', 'date = {:d}', '', 1, 0, { d: date })[0] ?? newRecord(tx, 'calendar_overrides');
  r.set('date', date);
  r.set('working', working);
  r.set('note', note);
  tagActor(tx, r, auth);
  tx.save(r);
}

function upsertArrangement(tx: PbApp, auth: PbRecord | null, year: number, note: string): void {
  const r = tx.findRecordsByFilter('calendar_arrangements', 'year = {:y}', '', 1, 0, { y: year })[0] ?? newRecord(tx, 'calendar_arrangements');
  r.set('year', year);
  r.set('note', note);
  tagActor(tx, r, auth);
  tx.save(r);
}

const isoOf = (stored: string) => new Date(stored.replace(' ', 'T')).toISOString();

/**
 * When the current step's deadlines began counting, for rows written before `opened_at` existed:
 * the latest event that entered the step from another one (or the case's first event).
 */
function enteredStepAt(tx: PbApp, caseId: string, step: string): string | undefined {
  const events = tx.findRecordsByFilter('events', 'application = {:a} && to_step = {:s}', '-seq', 50, 0, { a: caseId, s: step });
  const entering = events.find((e) => e.getString('from_step') !== step || e.getInt('seq') === 1);
  return entering ? entering.getString('at') : undefined;
}

/** When the case's open tasks and pending timer began counting. */
export function deadlineStartsOf(tx: PbApp, record: PbRecord, snapshot: CaseSnapshot): DeadlineStarts {
  const fallback = () => enteredStepAt(tx, record.id, snapshot.step);
  const tasks: Record<string, string> = {};
  for (const t of tx.findRecordsByFilter('tasks', 'application = {:a} && status = "open"', '', 200, 0, { a: record.id })) {
    const at = t.getString('opened_at') ? isoOf(t.getString('opened_at')) : fallback();
    if (at) Object.defineProperty(tasks, t.getString('key'), { value: at, enumerable: true, writable: true, configurable: true });
  }
  const timerRow = tx.findRecordsByFilter('timers', 'application = {:a} && status = "pending"', '-due_at', 1, 0, { a: record.id })[0];
  const timerStart = timerRow ? (timerRow.getString('opened_at') ? isoOf(timerRow.getString('opened_at')) : fallback()) : undefined;
  return { tasks, ...(timerRow && timerStart ? { timer: { key: timerRow.getString('key'), startedAt: timerStart, dueAt: isoOf(timerRow.getString('due_at')) } } : {}) };
}

/** A case whose deadlines moved. */
export interface RecountedCase {
  id: string;
  caseNo: string;
  /** The statutory clock's due date after the recount (null when not started). */
  dueAt: string | null;
}

/** Counts every running case's deadlines anew on `overrides`; records an event on each case that moved. */
export function recountRunningCases(tx: PbApp, overrides: CalendarOverride[], at: Date, comment: string): RecountedCase[] {
  const calendar = createWorkingCalendar(overrides);
  const commandId = `calendar:${calendarVersionHash(overrides).slice(0, 24)}`;
  const moved: RecountedCase[] = [];
  for (const record of tx.findRecordsByFilter('applications', 'status = "active"', 'created', 100000, 0)) {
    const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
    const wf = workflowByRecord(tx, record.getString('workflow'));
    const starts = deadlineStartsOf(tx, record, snapshot);
    const recount = recountDeadlines(wf.compiled, snapshot, starts, at, calendar, comment);
    if (!recount) continue;
    const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
    commitDecision(tx, record, wf, snapshot.version, recount, data, { at, commandId, dataPatch: null, actor: systemActorByValue, calendar: overrides, deadlineStarts: starts, comment });
    moved.push({ id: record.id, caseNo: record.getString('case_no'), dueAt: recount.snapshot.clock.dueAt ?? null });
  }
  return moved;
}

/** `POST /api/tongban/admin/calendar/arrangements`: imports a year's arrangement (administrators). */
export function importArrangement(app: PbApp, auth: PbRecord | null, body: unknown): RouteAnswer {
  const arrangement = parseArrangement(body);
  const note = (arrangement.note ?? `${arrangement.year} 年放假安排`).slice(0, 200);
  let recounted: RecountedCase[] = [];
  app.runInTransaction((tx) => {
    for (const date of arrangement.holidays) upsertOverride(tx, auth, date, false, note);
    for (const date of arrangement.workdays) upsertOverride(tx, auth, date, true, note);
    upsertArrangement(tx, auth, arrangement.year, note);
    recounted = recountRunningCases(tx, calendarOverrides(tx), now(tx), `已录入 ${arrangement.year} 年国务院放假安排，办理期限按新的工作日历重新计算。`);
  });
  return { status: 200, body: { year: arrangement.year, holidays: arrangement.holidays.length, workdays: arrangement.workdays.length, recounted } };
}
