/**
 * The studio's working calendar and schedules: which years' holiday arrangements are known, entering
 * a year's arrangement (running deadlines are counted anew), single-day overrides (audited), and the
 * recurring schedules with their runs (docs/api.md, "The working calendar", "recurring schedules").
 */
import type { CalendarStatus, ScheduleListAnswer } from '../../../engine/index.js';
import { pb } from './client.js';

/** A single day made a working day or a day off. */
export interface CalendarOverride {
  id: string;
  date: string;
  working: boolean;
  note: string;
}

/** Which years' arrangements are known, and the warnings for years deadlines reach without one. */
export function calendarStatus(): Promise<CalendarStatus> {
  return pb.send('/api/tongban/admin/calendar/status', {});
}

/** Enters a year's official arrangement; answers how many running cases' deadlines moved. */
export async function enterArrangement(arrangement: { year: number; holidays: string[]; workdays: string[]; note: string }): Promise<{ year: number; holidays: number; workdays: number; recounted: unknown[] }> {
  return pb.send('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: arrangement });
}

/** Every single-day override, by date. */
export async function listOverrides(): Promise<CalendarOverride[]> {
  return (await pb.collection('calendar_overrides').getFullList({ sort: 'date' })).map((r) => ({ id: r.id, date: r.date as string, working: r.working === true, note: (r.note as string) ?? '' }));
}

/** Adds a single-day override (audited). */
export async function addOverride(override: Omit<CalendarOverride, 'id'>): Promise<void> {
  await pb.collection('calendar_overrides').create(override);
}

/** Removes a single-day override (audited). */
export async function removeOverride(id: string): Promise<void> {
  await pb.collection('calendar_overrides').delete(id);
}

/** The recurring schedules of every process, with their last run, next start and missed periods. */
export function listSchedules(): Promise<ScheduleListAnswer> {
  return pb.send('/api/tongban/admin/schedules', {});
}
