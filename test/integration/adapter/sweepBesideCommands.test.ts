import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommandLoad } from '../../bench/commandLoad.js';
import type { TestServer } from '../../support/pocketbase.js';
import { reviewRunOnSimulatedClock } from '../../support/reviewHouseholds.js';

const china = (local: string) => new Date(`${local}+08:00`);
const households = 40;

describe('the sweep decides timers beside commands on the same cases and still fires each once', () => {
  let server: TestServer;
  let su: PocketBase;
  let run: string;

  beforeAll(async () => {
    ({ server, su, run } = await reviewRunOnSimulatedClock(households));
  }, 300_000);
  afterAll(() => server?.dispose());

  it('fires every reminder once while officers save the same cases: one reminder event per case, none left due, every history verifies', async () => {
    await server.setClock(china('2026-03-19T09:00:00'));
    const cases = (await su.collection('applications').getFullList({ filter: `bulk_run = "${run}"`, fields: 'id,version' })).map((r) => ({ id: r.id, version: Number(r.version) }));
    expect(cases).toHaveLength(households);
    const load = startCommandLoad(await server.login('township-a'), cases, 4);
    load.phase('warm-up');
    await new Promise((r) => setTimeout(r, 2000)); // the officers are saving when the sweep starts
    load.phase('sweep');
    let fired = 0;
    for (let n = await server.sweep(); n > 0; n = await server.sweep()) fired += n;
    const saves = (await load.stop()).sweep;

    expect(fired).toBeGreaterThanOrEqual(households);
    expect(saves?.commands ?? 0).toBeGreaterThan(0); // the officers' saves committed beside the sweep
    const reminders = await su.collection('events').getFullList({ filter: `action = "deadline.remind" && application.bulk_run = "${run}"`, fields: 'application' });
    expect(reminders).toHaveLength(households);
    expect(new Set(reminders.map((e) => e.application as string)).size).toBe(households);
    expect((await su.collection('timers').getList(1, 1, { filter: `status = "pending" && due_at <= "2026-03-19 01:00:00.000Z"` })).totalItems).toBe(0);
    for (const c of cases) expect((await su.send<{ ok: boolean }>(`/api/tongban/cases/${c.id}/verify`, {})).ok, c.id).toBe(true);
  }, 300_000);
});
