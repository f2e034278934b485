/**
 * Replay (DESIGN guarantee 6): rebuilds a case from its events alone — `startCase` with the first
 * event, then `decide` with each later one, as the actor recorded by value, at the recorded time,
 * with the recorded calendar version, data patch, return target, timer key, ballot, panel
 * candidates and task verb arguments — and compares the
 * result with the stored snapshot and data.
 *
 * The 近亲属 register's staff for the household, as decide read them, are recorded too (a case the
 * register names anyone for gets the relativeFiling flag), and so are the facts of the case's
 * subject that the definition's conditions read (they change when later cases set them).
 * Events written before the actor was recorded by value (`format` below 2) are replayed with what
 * can still be found: the user as they are now, today's calendar overrides and register, the step a
 * return went to; such a verdict says `legacy`.
 */
import { checkReportedAction, createWorkingCalendar, decide, reportActionOf, migrateAction, migrateCase, ownEntry, recountAction, recountDeadlines, startCase, stepActionNamed, type Actor, type CaseSnapshot, type DecidedEvent, type JsonValue, type WorkingCalendar } from '../../engine/index.js';
import { actorOf, recusedStaff } from './actors.js';
import { actorOnCase } from './access.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { calendarOverrides } from './calendarOverrides.js';
import { calendarVersion } from './calendarVersions.js';
import type { EventReplay, ReplayInputs } from './caseWrites.js';
import { dataAfterEffects } from './caseEffects.js';
import { engineActorOf, systemActorByValue } from './eventActor.js';
import { canonicalJson, currentEventFormat, type ChainedEvent } from './hashChain.js';
import { mergeCommandData, openingWrites } from './mergeCommandData.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { workflowByRecord, type LoadedWorkflow } from './workflowCache.js';
import { recordedCandidates } from './panelCandidates.js';

/** The verdict of {@link replayCase}. */
export interface ReplayVerdict {
  ok: boolean;
  /** Why not, in Chinese. */
  reason?: string;
  /** The event at which replay went astray, if one. */
  seq?: number;
  /** Some events predate the replay record and were replayed with today's users and calendar. */
  legacy?: boolean;
}

/** What replaying one event needs: the recorded inputs, with the actor and calendar made usable again. */
interface EventContext extends Omit<ReplayInputs, 'recused'> {
  actor: Actor;
  calendar: WorkingCalendar;
  recused: string[];
}

class ReplayFailure extends Error {
  constructor(readonly seq: number, message: string) {
    super(message);
  }
}

/** Reads the recorded context of events; calendars are built once per version. */
function contextReader(tx: PbApp, record: PbRecord, wf: LoadedWorkflow) {
  const calendars = new Map<string, WorkingCalendar>();
  let today: WorkingCalendar | undefined;
  const calendarOf = (hash: string, seq: number): WorkingCalendar => {
    let calendar = calendars.get(hash);
    if (!calendar) {
      calendar = calendarVersion(tx, hash);
      if (!calendar) throw new ReplayFailure(seq, `第 ${seq} 条事件所用的工作日历版本缺失`);
      calendars.set(hash, calendar);
    }
    return calendar;
  };
  return (e: ChainedEvent): EventContext => {
    if (e.format >= currentEventFormat) {
      const r = e.replay as EventReplay | null;
      if (!r || !r.actor) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件缺少重放记录`);
      return { actor: actorOnCase(engineActorOf(r.actor), record), calendar: calendarOf(r.calendar, e.seq), recused: r.recused ?? [], ...(r.org ? { org: r.org } : {}), ...(r.subjectFacts ? { subjectFacts: r.subjectFacts } : {}), ...(r.returnTo ? { returnTo: r.returnTo } : {}), ...(r.timerKey ? { timerKey: r.timerKey } : {}), ...(r.start ? { start: r.start } : {}), ...(r.ballot ? { ballot: r.ballot } : {}), ...(r.panelCandidates ? { panelCandidates: r.panelCandidates } : {}), ...(r.verb ? { verb: r.verb } : {}), ...(r.deadlineStarts ? { deadlineStarts: r.deadlineStarts } : {}), ...(r.child ? { child: r.child } : {}), ...(r.check ? { check: r.check } : {}) };
    }
    today ??= createWorkingCalendar(calendarOverrides(tx));
    let actor: Actor;
    if (e.kind === 'timer') actor = engineActorOf(systemActorByValue);
    else {
      try {
        actor = actorOnCase(actorOf(tx, tx.findRecordById('users', e.actor_id)), record);
      } catch {
        throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件（旧格式）的办理人已不存在，无法重放`);
      }
    }
    const timerPrefix = `timer:${record.id}:`;
    const applicant = record.getString('applicant');
    return {
      actor,
      calendar: today,
      recused: recusedStaff(tx, caseIdNumberHashes(readJson<Record<string, JsonValue> | null>(record, 'data') ?? {}, wf.idFields)),
      ...(e.kind === 'return' ? { returnTo: e.to_step } : {}),
      ...(e.command_id.startsWith(timerPrefix) ? { timerKey: e.command_id.slice(timerPrefix.length) } : {}),
      ...(e.seq === 1 ? { start: { applicant, org: { village: record.getString('village'), township: record.getString('township'), county: record.getString('county') }, filedBy: record.getString('filed_by') || applicant } } : {}),
    };
  };
}

function sameEvent(decided: DecidedEvent, e: ChainedEvent): boolean {
  return decided.action === e.action && decided.kind === e.kind && decided.from === e.from_step && decided.to === e.to_step && (decided.comment ?? '') === e.comment && decided.at === e.at && (decided.note ?? '') === (e.note ?? '');
}

const patchOf = (e: ChainedEvent): Record<string, JsonValue> | null => {
  const p = e.data_patch as Record<string, JsonValue> | null;
  return p && typeof p === 'object' && Object.keys(p).length > 0 ? p : null;
};

/** The version a migrated case began on: the `from` of its first migration (undefined when it never migrated). */
function firstVersionOf(events: ChainedEvent[]): string | undefined {
  const first = events.find((e) => e.action === migrateAction);
  return first ? (first.replay as EventReplay | null)?.migration?.from : undefined;
}

/**
 * Replays the events of `record` (in sequence order) and compares with its stored snapshot and data.
 * `current` is the case's version now; a migrated case is replayed from the version it began on and
 * switches versions at each migration event.
 */
export function replayCase(tx: PbApp, record: PbRecord, current: LoadedWorkflow, events: ChainedEvent[]): ReplayVerdict {
  const legacy = events.some((e) => e.format < currentEventFormat);
  const verdict = (v: ReplayVerdict): ReplayVerdict => (legacy ? { ...v, legacy: true } : v);
  try {
    const began = firstVersionOf(events);
    let wf = began ? workflowByRecord(tx, began) : current;
    const contextOf = contextReader(tx, record, wf);
    const first = events[0];
    if (!first || first.action !== 'start') return verdict({ ok: false, reason: '案件的第一条事件不是立案' });
    const c0 = contextOf(first);
    if (!c0.start) throw new ReplayFailure(1, '立案事件缺少申请人与所在单位');
    let data: Record<string, JsonValue> = {};
    const patch0 = patchOf(first);
    if (patch0) {
      const merged = mergeCommandData(wf, wf.definition.initial, openingWrites(wf), patch0, {});
      if (!merged.ok) throw new ReplayFailure(1, '立案事件的数据不能写入');
      data = merged.data;
    }
    const started = startCase(wf.compiled, c0.start, new Date(first.at), { calendar: c0.calendar, data, ...(c0.org ? { org: c0.org } : {}) });
    if (!sameEvent(started.event, first) || started.event.actor !== (first.actor_id || started.event.actor)) throw new ReplayFailure(1, '立案事件与重放结果不符');
    let snapshot: CaseSnapshot = started.snapshot;
    data = dataAfterEffects(data, started.effects);

    for (const e of events.slice(1)) {
      const c = contextOf(e);
      if (e.action === recountAction) {
        // A calendar change counted the running deadlines anew: recount with the recorded calendar and starts.
        const recount = c.deadlineStarts ? recountDeadlines(wf.compiled, snapshot, c.deadlineStarts, new Date(e.at), c.calendar, e.comment) : undefined;
        if (!recount || !sameEvent(recount.event, e)) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件（期限重算）与重放结果不符`);
        snapshot = recount.snapshot;
        continue;
      }
      if (e.action === migrateAction) {
        // An administrator moved the case to another version: migrate again with the recorded versions and step map.
        const m = (e.replay as EventReplay | null)?.migration;
        if (!m) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件（版本迁移）缺少迁移记录`);
        const target = workflowByRecord(tx, m.to);
        const migrated = migrateCase(wf.compiled, target.compiled, snapshot, m.stepMap ? { stepMap: m.stepMap } : {}, new Date(e.at), { calendar: c.calendar, data, actor: e.actor_id, reason: e.comment, caseId: record.id, ...(c.org ? { org: c.org } : {}) });
        if (!migrated.ok || !sameEvent(migrated.event, e)) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件（版本迁移）与重放结果不符`);
        snapshot = migrated.snapshot;
        wf = target;
        continue;
      }
      let next = data;
      const patch = patchOf(e);
      if (patch) {
        const step = ownEntry(wf.definition.steps, snapshot.step);
        // A check report writes through the step's report action (externalCheck.ts).
        const action = e.action === checkReportedAction ? reportActionOf(step) : stepActionNamed(step, e.action)?.action;
        const merged = mergeCommandData(wf, snapshot.step, action?.writes ?? [], patch, data);
        if (!merged.ok) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件的数据不能写入`);
        next = merged.data;
      }
      const decision = decide(
        wf.compiled,
        snapshot,
        c.actor,
        { action: e.action, version: snapshot.version, commandId: e.command_id, ...(e.comment ? { comment: e.comment } : {}), ...(c.returnTo ? { returnTo: c.returnTo } : {}), ...(c.timerKey ? { timerKey: c.timerKey } : {}), ...(c.ballot ? { ballot: c.ballot } : {}), ...(c.verb ? { verb: c.verb } : {}), ...(c.child ? { child: c.child } : {}), ...(c.check ? { check: c.check } : {}) },
        new Date(e.at),
        { calendar: c.calendar, data: next, recusedActors: c.recused, ...(c.org ? { org: c.org } : {}), ...(c.subjectFacts ? { subjectFacts: c.subjectFacts } : {}), caseId: record.id, panelCandidates: recordedCandidates(c.panelCandidates) },
      );
      if (!decision.ok) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件重放时被拒绝：${decision.rejection.message}`);
      if (!sameEvent(decision.event, e)) throw new ReplayFailure(e.seq, `第 ${e.seq} 条事件与重放结果不符`);
      snapshot = decision.snapshot;
      data = dataAfterEffects(next, decision.effects);
    }
    if (canonicalJson(snapshot) !== canonicalJson(readJson<CaseSnapshot>(record, 'snapshot'))) return verdict({ ok: false, reason: '重放所得的案件状态与存储的不一致' });
    if (canonicalJson(data) !== canonicalJson(readJson<Record<string, JsonValue> | null>(record, 'data') ?? {})) return verdict({ ok: false, reason: '重放所得的案件数据与存储的不一致' });
    return verdict({ ok: true });
  } catch (err) {
    if (err instanceof ReplayFailure) return verdict({ ok: false, seq: err.seq, reason: err.message });
    return verdict({ ok: false, reason: `重放出错：${err instanceof Error ? err.message : String(err)}` });
  }
}
