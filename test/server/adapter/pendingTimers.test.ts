import { describe, expect, it } from 'vitest';
import { pendingTimersAmong } from '../../../server/adapter/pendingTimers.js';
import type { PbRecord } from '../../../server/adapter/pocketbase.js';

/** A timer row as a command holds it: only what the listing reads. */
const timer = (key: string, status: string, dueAt: string) => ({ getString: (field: string) => ({ key, status, due_at: dueAt, step: 'publicNotice' })[field] ?? '' }) as unknown as PbRecord;

describe('the waits a command’s answer lists from the timer rows it holds', () => {
  it('lists the pending waits soonest first, as the stored timers are read', () => {
    const rows = [
      timer('appeal#1', 'pending', '2026-03-09 16:00:00.000Z'),
      timer('publicNotice#1', 'pending', '2026-03-02 16:00:00.000Z'),
      timer('publicNotice#0', 'fired', '2026-02-01 16:00:00.000Z'),
      timer('reminder#2', 'cancelled', '2026-02-20 16:00:00.000Z'),
    ];
    expect(pendingTimersAmong(rows)).toEqual([
      { key: 'publicNotice#1', step: 'publicNotice', dueAt: '2026-03-02T16:00:00.000Z' },
      { key: 'appeal#1', step: 'publicNotice', dueAt: '2026-03-09T16:00:00.000Z' },
    ]);
  });

  it('leaves out the reminders and overdue timers of task deadlines, which the tasks carry', () => {
    const rows = [timer('remind:accept#1:1', 'pending', '2026-03-01 16:00:00.000Z'), timer('overdue:accept#1', 'pending', '2026-03-02 16:00:00.000Z'), timer('publicNotice#1', 'pending', '2026-03-03 16:00:00.000Z')];
    expect(pendingTimersAmong(rows).map((t) => t.key)).toEqual(['publicNotice#1']);
  });
});
