/**
 * `GET /api/tongban/calendar/due-by?workingDays=N`: the instant the Nth 法定工作日 after today ends
 * on the server's working calendar (official holidays, 调休 and the administrators' overrides) and
 * by its clock — what a queue's "due within N working days" filter compares `due_at` with. Staff only.
 */
import { createWorkingCalendar, type DueByAnswer } from '../../engine/index.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { badRequest, forbidden } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** `GET /api/tongban/calendar/due-by`. */
export function dueBy(app: PbApp, auth: PbRecord, workingDaysParam: string): RouteAnswer {
  const role = auth.getString('role');
  if (role !== 'officer' && role !== 'admin') throw forbidden('只有工作人员可以查询工作日。');
  const workingDays = Number(workingDaysParam);
  if (workingDaysParam === '' || !Number.isInteger(workingDays) || workingDays < 0 || workingDays > 60) throw badRequest('“workingDays” 须为 0 到 60 的整数。', [{ path: '/workingDays', message: '须为 0 到 60 的整数。' }]);
  const at = now(app);
  const body: DueByAnswer = { now: at.toISOString(), workingDays, dueBy: createWorkingCalendar(calendarOverrides(app)).addWorkingDays(at, workingDays).toISOString() };
  return { status: 200, body };
}
