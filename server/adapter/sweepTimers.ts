/**
 * The timer sweep: fires every pending timer that is due, each in its own transaction, through
 * `decide` as the system actor (`timer.elapsed` for a timer step; `deadline.remind` /
 * `deadline.overdue` for a task deadline's timers, by their key). A timer is claimed by compare-and-swap on its status, so a timer
 * fires once even when sweeps overlap, and one that fell due while the server was down fires at
 * the first sweep after the restart. A run reads the due timers a page at a time and goes on until
 * none is due or its time budget is spent (the rest wait for the next run); since every timer is
 * its own short transaction, commands take the write lock between two timers.
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
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { workflowByRecord } from './workflowCache.js';
import { orgDirectoryFor } from './orgDirectory.js';
import { liveCandidates } from './panelCandidates.js';

const system: Actor = { id: 'system', kind: 'system', roles: [] };

/** Wall time one sweep spends firing timers before leaving the rest to the next run (the cron runs every minute). */
export const sweepBudgetMs = 45_000;

/** Timers read per page. */
const pageSize = 200;

/** Fires due timers, page after page, until none is due or `budgetMs` is spent; returns how many took effect. */
export function sweepTimers(app: PbApp, budgetMs = sweepBudgetMs): number {
  const at = now(app);
  const startedMs = Date.now();
  // Each timer is tried once per run; one whose transaction failed stays pending for the next run.
  const tried = new Set<string>();
  let fired = 0;
  let unfired = 0;
  for (;;) {
    const page = app
      .findRecordsByFilter('timers', 'status = "pending" && due_at <= {:now}', 'due_at', pageSize + unfired, 0, { now: at.toISOString().replace('T', ' ') })
      .filter((t) => !tried.has(t.id));
    if (page.length === 0) return fired;
    for (const timer of page) {
      if (Date.now() - startedMs > budgetMs) return fired;
      tried.add(timer.id);
      if (fireTimer(app, timer, at)) fired++;
      else unfired++;
    }
  }
}

/** Fires one due timer in its own transaction; true when it took effect (false: spent, taken by another run, or failed and left pending). */
function fireTimer(app: PbApp, timer: PbRecord, at: Date): boolean {
  let fired = false;
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
      fired = true;
    });
  } catch {
    // Left pending: the next sweep retries this timer.
    fired = false;
  }
  return fired;
}
