import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/**
 * On a server with the simulated clock the clock moves only when told, and so does the work that
 * follows it: the minute's cron (run here on demand through PocketBase's cron API, as it would run
 * at any minute between a test's steps) fires no timer and opens no schedule period; the admin sweep
 * does both at the moment the test chooses.
 */
describe('the minute’s cron on a simulated clock', () => {
  let server: TestServer;
  let su: PocketBase;
  const scheduleRuns = async () => (await su.collection('schedule_runs').getList(1, 1)).totalItems;
  const pendingTimers = async () => (await su.collection('timers').getList(1, 1, { filter: 'status = "pending"' })).totalItems;
  /** Runs the timers cron now and gives it time to finish, had it anything to do. */
  const runCron = async () => {
    await su.crons.run('tongban-timers');
    await new Promise((r) => setTimeout(r, 2000));
  };

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('opens no schedule period, though the shipped schedules’ start days have come', async () => {
    // 1 June: the shipped monthly 高龄津贴 run (and the yearly ones) have started.
    await server.setClock(china('2026-06-01T09:00:00'));
    expect((await su.crons.getFullList()).map((j) => j.id)).toContain('tongban-timers');
    await runCron();
    expect(await scheduleRuns()).toBe(0);
    const swept = await su.send<{ schedules: { opened: number } }>('/api/tongban/admin/sweep', { method: 'POST' });
    expect(swept.schedules.opened).toBeGreaterThan(0);
    expect(await scheduleRuns()).toBe(swept.schedules.opened);
  }, 120_000);

  it('fires no timer that has fallen due; the admin sweep fires them', async () => {
    // The scheduled cases' tasks carry deadlines: a year on, every one of their timers is due.
    const pending = await pendingTimers();
    expect(pending).toBeGreaterThan(0);
    await server.setClock(china('2027-06-01T09:00:00'));
    await runCron();
    expect(await pendingTimers()).toBe(pending);
    expect(await server.sweep()).toBeGreaterThan(0);
  }, 120_000);
});
