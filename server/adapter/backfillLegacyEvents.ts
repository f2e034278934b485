/**
 * Events written before the actor was recorded by value (`format` 0) get, once, at server start:
 * the masked copy of their data patch and the acting user's name and unit as they are at that
 * moment (the nearest that can still be known). Their hashes do not cover these fields, so the
 * chain stays valid; they are then marked `format` 1.
 */
import { actorByValue } from './eventActor.js';
import { actorOf } from './actors.js';
import { maskedPatch, publicActorName } from './eventView.js';
import { readJson, type PbApp } from './pocketbase.js';
import { workflowByRecord } from './workflowCache.js';

/** Fills in the readable fields of legacy events; returns how many were filled. */
export function backfillLegacyEvents(app: PbApp, batch = 500): number {
  let filled = 0;
  for (;;) {
    const events = app.findRecordsByFilter('events', 'format = 0', 'id', batch, 0);
    if (events.length === 0) return filled;
    app.runInTransaction((tx) => {
      for (const e of events) {
        const record = tx.findRecordById('applications', e.getString('application'));
        const wf = workflowByRecord(tx, record.getString('workflow'));
        e.set('data_masked', maskedPatch(readJson<Record<string, unknown> | null>(e, 'data_patch'), wf.masks));
        const actorId = e.getString('actor_id');
        let name = actorId ? '' : '系统';
        let unit = '';
        if (actorId) {
          try {
            const user = tx.findRecordById('users', actorId);
            const recorded = actorByValue(tx, actorOf(tx, user), user.getString('name'));
            name = publicActorName(recorded);
            unit = recorded.orgUnit?.name ?? '';
          } catch {
            // A user deleted before this migration: the id is all that is left.
          }
        }
        e.set('actor_name', name);
        e.set('actor_unit_name', unit);
        e.set('format', 1);
        tx.save(e);
        filled++;
      }
    });
  }
}
