/**
 * The calendar status administrators read (`GET /api/tongban/admin/calendar/status`) and the
 * server log's start-up warning: per year from now to the last running deadline, whether the
 * official holiday arrangement is known (calendarArrangements.ts).
 */
import { chinaDateOf, lastDayOf, shippedArrangementYears, statutoryHolidays } from '../../engine/index.js';
import { enteredArrangementYears } from './calendarArrangements.js';
import { now } from './clock.js';
import type { PbApp } from './pocketbase.js';
import type { ArrangementYear, CalendarStatus } from '../../engine/index.js';

export type { ArrangementYear, CalendarStatus };


function latestDue(tx: PbApp): Date | null {
  const found = [
    tx.findRecordsByFilter('applications', 'status = "active" && due_at != ""', '-due_at', 1, 0)[0],
    tx.findRecordsByFilter('tasks', 'status = "open" && due_at != ""', '-due_at', 1, 0)[0],
    tx.findRecordsByFilter('timers', 'status = "pending" && due_at != ""', '-due_at', 1, 0)[0],
  ]
    .filter((r) => r !== undefined)
    .map((r) => new Date(r.getString('due_at').replace(' ', 'T')))
    .filter((d) => !Number.isNaN(d.getTime()));
  return found.length === 0 ? null : new Date(Math.max(...found.map((d) => d.getTime())));
}

/** Per year from now to the last running deadline: whether the official arrangement is known. */
export function calendarStatus(tx: PbApp): CalendarStatus {
  const today = chinaDateOf(now(tx));
  const latest = latestDue(tx);
  const latestDate = latest ? lastDayOf(latest) : null;
  const first = Number(today.slice(0, 4));
  const last = Math.max(first + 1, latestDate ? Number(latestDate.slice(0, 4)) : first);
  const shipped = new Set(shippedArrangementYears);
  const entered = new Set(enteredArrangementYears(tx));
  const years: ArrangementYear[] = [];
  const warnings: string[] = [];
  for (let year = first; year <= last; year++) {
    const source = shipped.has(year) ? 'package' : entered.has(year) ? 'entered' : null;
    if (source) years.push({ year, known: true, source });
    else {
      years.push({ year, known: false, source: null, statutoryHolidays: statutoryHolidays(year) });
      if (latestDate && year <= Number(latestDate.slice(0, 4))) warnings.push(`${year} 年的国务院放假安排尚未录入：期限落在该年的案件按法定节假日（不含调休）临时计算，请管理员导入该年的放假安排。`);
    }
  }
  return { today, latestDeadline: latestDate, years, warnings };
}

/** The start-up warning for the server log, or '' when every year a running deadline reaches is known. */
export function calendarStartupWarning(tx: PbApp): string {
  const status = calendarStatus(tx);
  return status.warnings.length === 0 ? '' : `tongban: 工作日历提醒：${status.warnings.join(' ')}`;
}
