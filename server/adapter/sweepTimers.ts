/**
 * The timer sweep: fires every pending timer that is due, each in its own transaction, through
 * `decide` as the system actor (`timer.elapsed` for a timer step; `deadline.remind` /
 * `deadline.overdue` for a task deadline's timers, by their key). A timer is claimed by compare-and-swap on its status, so a timer
 * fires once even when sweeps overlap, and one that fell due while the server was down fires at
 * the first sweep after the restart.
 */
import { createWorkingCalendar, decide, timerCommandOf, type Actor, type CaseSnapshot, type JsonValue } from '../../engine/index.js';
import { recusedStaff } from './actors.js';
import { commitDecision } from './caseWrites.js';
import { caseSubjectFacts } from './subjects.js';
import { followDecision } from './childCases.js';
import { caseIdNumberHashes } from './caseIdNumberHashes.js';
import { systemActorByValue } from './eventActor.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { readJson, type PbApp } from './pocketbase.js';
import { workflowByRecord } from './workflowCache.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates } from './panelCandidates.js';

const system: Actor = { id: 'system', kind: 'system', roles: [] };

/** Fires due timers; returns how many took effect. */
export function sweepTimers(app: PbApp, limit = 200): number {
  const at = now(app);
  const due = app.findRecordsByFilter('timers', 'status = "pending" && due_at <= {:now}', 'due_at', limit, 0, { now: at.toISOString().replace('T', ' ') });
  let fired = 0;
  for (const timer of due) {
    try {
    app.runInTransaction((tx) => {
      const claimed = tx.db().newQuery("UPDATE timers SET status = 'fired', fired_at = {:at} WHERE id = {:id} AND status = 'pending'").bind({ at: at.toISOString().replace('T', ' '), id: timer.id }).execute();
      if (claimed.rowsAffected() !== 1) return;
      const record = tx.findRecordById('applications', timer.getString('application'));
      const wf = workflowByRecord(tx, record.getString('workflow'));
      const snapshot = readJson<CaseSnapshot>(record, 'snapshot');
      const data = readJson<Record<string, JsonValue> | null>(record, 'data') ?? {};
      const commandId = `timer:${record.id}:${timer.getString('key')}`;
      const overrides = calendarOverrides(tx);
      const timerKey = timer.getString('key');
      const recused = recusedStaff(tx, caseIdNumberHashes(data, wf.idFields));
      const org = orgDirectoryFor(tx, wf.definition, record.getString('county'), commandId);
      const candidates = liveCandidates(tx);
      const subjectFacts = caseSubjectFacts(tx, wf, record, data);
      const decision = decide(wf.compiled, snapshot, system, { action: timerCommandOf(timerKey), version: snapshot.version, commandId, timerKey }, at, { calendar: createWorkingCalendar(overrides), data, recusedActors: recused, ...(org ? { org } : {}), caseId: record.id, panelCandidates: candidates.list, ...(subjectFacts ? { subjectFacts } : {}) });
      if (!decision.ok) return; // a stale timer (the step was left) is simply spent
      commitDecision(tx, record, wf, snapshot.version, decision, data, { at, commandId, dataPatch: null, actor: systemActorByValue, calendar: overrides, recused, timerKey, ...(org ? { org } : {}), panelCandidates: candidates.recorded, ...(subjectFacts ? { subjectFacts } : {}) });
      followDecision(tx, record, decision.snapshot, decision.effects, systemActorByValue, at);
      fired++;
    });
    } catch {
      // Left pending: the next sweep retries this timer.
    }
  }
  return fired;
}
