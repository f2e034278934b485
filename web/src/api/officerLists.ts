/**
 * The officers' lists: a village's printable 公示 list, the colleagues a task verb may name, the
 * villages and townships of the officer's jurisdiction (for pickers and queue filters), and where
 * "due within N working days" ends on the server's working calendar.
 */
import type { Colleague, ColleagueListAnswer, DueByAnswer, PublicNoticeListAnswer } from '../../../engine/index.js';
import { pb } from './client.js';

/** A unit of the administrative chain, as pickers show it. */
export interface ChainUnit {
  id: string;
  name: string;
  level: 'county' | 'township' | 'village';
  township: string;
}

/** The 公示 list of a village: running now, or those overlapping a period of China dates. */
export function publicNotices(village: string, period?: { from: string; until: string }): Promise<PublicNoticeListAnswer> {
  const query = new URLSearchParams({ village, ...(period ? period : {}) });
  return pb.send(`/api/tongban/public-notices?${query.toString()}`, {});
}

/** The colleagues `verb` (转办, 加签, 抄送) may name on a case now. */
export async function colleaguesFor(caseId: string, verb: 'transfer' | 'addSigner' | 'cc'): Promise<Colleague[]> {
  const answer = await pb.send<ColleagueListAnswer>(`/api/tongban/cases/${encodeURIComponent(caseId)}/colleagues?verb=${verb}`, {});
  return answer.colleagues;
}

/** Where the `workingDays`-th working day after today ends, by the server's working calendar and clock (PocketBase's date form). */
export async function dueByWorkingDays(workingDays: number): Promise<string> {
  const answer = await pb.send<DueByAnswer>(`/api/tongban/calendar/due-by?workingDays=${workingDays}`, {});
  return answer.dueBy.replace('T', ' ');
}

/** The townships and villages in the signed-in officer's jurisdiction (their own unit and the units below it), by name. */
export async function unitsInJurisdiction(): Promise<ChainUnit[]> {
  const own = pb.authStore.record?.org_unit as string | undefined;
  if (!own) return [];
  const list = await pb.collection('org_units').getFullList({
    filter: pb.filter('(level = "township" || level = "village") && (id = {:own} || township = {:own} || county = {:own})', { own }),
    sort: 'code',
    fields: 'id,name,level,township',
  });
  return list.map((u) => ({ id: u.id, name: String(u.name), level: u.level as ChainUnit['level'], township: String(u.township ?? '') }));
}

/** The signed-in officer's own unit (id, name, level), or undefined for an account without one. */
export async function ownUnit(): Promise<{ id: string; name: string; level: string } | undefined> {
  const own = pb.authStore.record?.org_unit as string | undefined;
  if (!own) return undefined;
  const unit = await pb.collection('org_units').getOne(own, { fields: 'id,name,level' });
  return { id: unit.id, name: String(unit.name), level: String(unit.level) };
}
