import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

describe('代办: a village officer files an application for a resident of their village', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('for a resident without an account: the filing officer submits it, and the case records who filed it', async () => {
    const village = await server.login('village-a1');
    const resident = { ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '赵桂兰', idNumber: freshIdNumber() } };
    const opened = await openCase(village, resident, { proxy: true });
    const submitted = await command(village, opened.case, 'submit');
    expect(submitted.case.step).toBe('accept');
    const su = await server.superuser();
    expect(await su.collection('applications').getOne(opened.case.id)).toMatchObject({ filed_by: village.authStore.record?.id, starter: 'proxy', applicant: '' });
  });

  it('for a resident with an account: the filing officer submits it for them (it answered 403 “此步骤只能由申请人本人办理” before), and the chain still verifies', async () => {
    const village = await server.login('village-a1');
    const su = await server.superuser();
    const resident = (await su.collection('users').getFirstListItem('email = "applicant-a1@demo.tongban"')).id;
    const opened = await openCase(village, demoHousehold, { applicant: resident });
    expect(opened.actions.map((a) => a.action)).toContain('submit');
    const submitted = await command(village, opened.case, 'submit');
    expect(submitted.case.step).toBe('accept');
    expect(await su.collection('applications').getOne(opened.case.id)).toMatchObject({ filed_by: village.authStore.record?.id, starter: 'proxy', applicant: resident });
    const verdict = await (await server.login('township-a')).send<{ ok: boolean }>(`/api/tongban/cases/${opened.case.id}/verify`, {});
    expect(verdict.ok).toBe(true);
  });

  it('another officer of the same village cannot act on the applicant step of a case they did not file', async () => {
    const village = await server.login('village-a1');
    const su = await server.superuser();
    const resident = (await su.collection('users').getFirstListItem('email = "applicant-a1@demo.tongban"')).id;
    const opened = await openCase(village, demoHousehold, { applicant: resident });
    expect(await failure(command(await server.login('township-a'), opened.case, 'submit'))).toMatchObject({ status: 403 });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
