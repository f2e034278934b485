/**
 * The colleagues a task verb may name: `GET /api/tongban/cases/{id}/colleagues?verb=transfer|addSigner|cc`.
 * Only for whom the verb is offered on the case now (else 409 `not_allowed`; a case outside the
 * caller's jurisdiction is 404). Who is listed: 转办 — the active officers of the task's unit with
 * the task's duty; 加签 — the task's unit, or, where the step allows signers of other units, the
 * units of the case's chain at or below the caller's; 抄送 — the caller's unit and the case's units
 * below it. Never the caller, a disabled account or staff recused from the case (近亲属). Each
 * colleague is their name, unit and duties — nothing else of their account.
 */
import { availableVerbs, type Colleague, type ColleagueListAnswer, type OpenTask } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { verbsNotClaimedByOthers } from './claimedTask.js';
import { now } from './clock.js';
import { badRequest, conflict } from './httpError.js';
import { loadVisibleCase } from './loadVisibleCase.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

const verbs = ['transfer', 'addSigner', 'cc'] as const;
type ColleagueVerb = (typeof verbs)[number];
const chain = ['village', 'township', 'county'] as const;
/** Most colleagues one answer lists. */
const maxColleagues = 200;

/** The units of the case's chain at or below the caller's level (a unit beside the chain: none). */
function chainUnitsBelow(org: Partial<Record<(typeof chain)[number], string>>, callerLevel: string): string[] {
  const at = chain.indexOf(callerLevel as (typeof chain)[number]);
  if (at < 0) return [];
  return chain.slice(0, at + 1).map((level) => org[level]).filter((u): u is string => !!u);
}

/** `GET /api/tongban/cases/{id}/colleagues?verb=…`. */
export function listColleagues(app: PbApp, auth: PbRecord, caseId: string, verbParam: string): RouteAnswer {
  const verb = (verbs as readonly string[]).includes(verbParam) ? (verbParam as ColleagueVerb) : undefined;
  if (!verb) throw badRequest('“verb” 须为 transfer、addSigner 或 cc。', [{ path: '/verb', message: '须为 transfer、addSigner 或 cc。' }]);
  const { record, actor, wf, snapshot, data } = loadVisibleCase(app, auth, caseId);
  const recused = recusedStaff(app, caseIdNumberHashes(data, wf.idFields));
  const offer = verbsNotClaimedByOthers(app, record.id, actor, availableVerbs(wf.compiled, snapshot, actor, { data, recusedActors: recused }, now(app))).find((o) => o.verb === verb);
  if (!offer) throw conflict('您现在不能对此案件使用这个操作。', 'not_allowed');
  const task: OpenTask | undefined = snapshot.tasks.find((t) => t.key === offer.task);
  const own = actor.orgUnit?.id ?? '';
  const below = chainUnitsBelow(snapshot.org as Partial<Record<(typeof chain)[number], string>>, actor.orgUnit?.level ?? '');
  const taskUnit = task?.assigneeUnit ?? own;
  const units = verb === 'transfer' ? [taskUnit] : verb === 'addSigner' ? (offer.otherUnits ? [taskUnit, own, ...below] : [taskUnit]) : [own, ...below];
  const unitIds = [...new Set(units.filter((u) => u !== ''))];
  const excluded = new Set([actor.id, ...recused]);
  const colleagues: Colleague[] = [];
  for (const unitId of unitIds) {
    let unit: PbRecord;
    try {
      unit = app.findRecordById('org_units', unitId);
    } catch {
      continue;
    }
    const users = app.findRecordsByFilter('users', 'org_unit = {:u} && role = "officer" && disabled = false', 'name', maxColleagues, 0, { u: unitId });
    for (const user of users) {
      if (excluded.has(user.id)) continue;
      const duties = readJson<unknown[] | null>(user, 'duties') ?? [];
      const dutyList = Array.isArray(duties) ? duties.map(String) : [];
      // 转办 passes the task itself: the colleague must hold its duty.
      if (verb === 'transfer' && task?.role && !dutyList.includes(task.role)) continue;
      colleagues.push({ id: user.id, name: user.getString('name'), unit: { id: unit.id, name: unit.getString('name'), level: unit.getString('level') }, duties: dutyList });
    }
  }
  const body: ColleagueListAnswer = { verb, colleagues: colleagues.slice(0, maxColleagues) };
  return { status: 200, body };
}
