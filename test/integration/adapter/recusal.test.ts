import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, registerRelative, type StaffMember } from '../../support/staff.js';

/** The demo household with a son whose ID number no other test uses. */
function householdWithSon(sonId: string) {
  const [self, son] = demoHousehold.household.members;
  return { ...demoHousehold, household: { members: [self!, { ...son!, idNumber: sonId }] } };
}

describe('recusal from the 近亲属 register (回避)', () => {
  let server: TestServer;
  let relative: StaffMember;
  let c: CaseSummary;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    relative = await addOfficer(server, 'township-a');
    const sonId = freshIdNumber();
    await registerRelative(server, relative.id, sonId, '张明');
    const a1 = await server.login('applicant-a1');
    c = (await command(a1, (await openCase(a1, householdWithSon(sonId))).case, 'submit')).case;
  });
  afterAll(() => server?.dispose());

  const actionsOf = async (pb: StaffMember['pb'], id: string) => (await pb.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${id}/actions`, {})).actions.map((a) => a.action);

  it('raises the 近亲属备案 flag of the case by itself when the register names a staff member', () => {
    expect(c.flags).toContain('relativeFiling');
  });

  it('keeps the registered officer out of 受理 although the township did not tick 近亲属备案, and lets a colleague act', async () => {
    expect(await actionsOf(relative.pb, c.id)).toEqual([]);
    const notTicked = { acceptance: { complete: true, relativeFiling: false } };
    expect(await failure(command(relative.pb, c, 'accept', { data: notTicked }))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    const su = await server.superuser();
    const task = await su.collection('tasks').getFirstListItem(`application = "${c.id}" && status = "open"`);
    expect(await failure(relative.pb.send(`/api/tongban/tasks/${task.id}/claim`, { method: 'POST' }))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    c = (await command(await server.login('township-a'), c, 'accept', { data: notTicked })).case;
    expect(c.step).toBe('investigation');
  });

  it('keeps them out of the 公示 wait too, and sends the case through the county home visit afterwards', async () => {
    const township = await server.login('township-a');
    c = (await command(await server.login('village-a1'), c, 'complete')).case;
    c = (await command(await server.login('county'), c, 'complete')).case;
    expect(await actionsOf(relative.pb, c.id)).toEqual([]);
    c = (await command(township, c, 'approve')).case;
    expect(c.step).toBe('publicNotice');
    expect(await actionsOf(relative.pb, c.id)).toEqual([]);
    expect(await failure(command(relative.pb, c, 'object', { comment: '群众反映收入不实' }))).toMatchObject({ status: 403, body: { code: 'not_your_task' } });
    await server.setClock(new Date('2026-03-20T09:00:00+08:00'));
    expect(await server.sweep()).toBe(1);
    const after = await township.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {});
    expect(after.case.step).toBe('countyVisit');
  });
});
