import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe } from '../../support/realtime.js';

const password = 'offboarding-1234';

describe('history that survives off-boarding', () => {
  let server: TestServer;
  let su: PocketBase;
  let townshipUnit: string;

  async function newOfficer(email: string, name: string): Promise<{ id: string; pb: PocketBase }> {
    const user = await su.collection('users').create({ email, password, passwordConfirm: password, name, role: 'officer', org_unit: townshipUnit, duties: ['dibao_officer'], verified: true });
    return { id: user.id, pb: await server.login(email, password) };
  }

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    townshipUnit = (await su.collection('users').getFirstListItem('email = "township-a@demo.tongban"')).org_unit as string;
  });
  afterAll(() => server?.dispose());

  it('keeps who acted, by value, when the officer is renamed, refused deletion and disabled; verify still passes', async () => {
    const officer = await newOfficer('leaver@demo.tongban', '周离职');
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    const submitted = await command(a1, opened.case, 'submit');
    await command(officer.pb, submitted.case, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });

    const refused = await failure(su.collection('users').delete(officer.id));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'user_has_history' });
    expect(refused.body.message).toContain('停用');
    await su.collection('users').update(officer.id, { name: '周改名', duties: [] });
    await su.collection('users').update(officer.id, { disabled: true });

    const county = await server.login('county');
    const events = await county.collection('events').getFullList({ filter: `application = "${opened.case.id}"`, sort: 'seq' });
    expect(events[2]).toMatchObject({ action: 'accept', actor_id: officer.id, actor_name: '周离职', actor_unit_name: '曲塘镇' });
    expect(events[0]).toMatchObject({ action: 'start', actor_name: '王*英' });
    expect(await county.send(`/api/tongban/cases/${opened.case.id}/verify`, {})).toMatchObject({ ok: true, events: 3, chain: { ok: true }, replay: { ok: true } });
  });

  it('shuts a disabled user out: no sign-in, and the token and realtime connection they already hold stop working', async () => {
    const officer = await newOfficer('disabled@demo.tongban', '吴停用');
    const subscription = await subscribe(server.url, officer.pb.authStore.token, ['events']);
    expect((await officer.pb.collection('applications').getList(1, 1)).totalItems).toBeGreaterThan(0);
    await su.collection('users').update(officer.id, { disabled: true });
    const a1 = await server.login('applicant-a1');
    await openCase(a1, demoHousehold);
    await new Promise((r) => setTimeout(r, 1000));
    subscription.close();
    expect(subscription.messages).toEqual([]);
    const signIn = await failure(new PocketBase(server.url).collection('users').authWithPassword('disabled@demo.tongban', password));
    expect(signIn.status).toBe(403);
    expect(signIn.body.message).toContain('停用');
    // The token no longer verifies: the record API answers as to a guest, who is shown no case (guestAccess.test), the routes refuse it.
    const count = (pb: PocketBase) => pb.collection('applications').getList(1, 1).then((r) => r.totalItems, (e: { status: number }) => e.status);
    expect(await count(officer.pb)).toBeOneOf([0, 401, 403]);
    expect(await count(officer.pb)).toBe(await count(new PocketBase(server.url)));
    expect((await failure(officer.pb.send('/api/tongban/cases', { method: 'POST', body: {} }))).status).toBeOneOf([401, 403]);
    expect((await failure(officer.pb.collection('users').authRefresh())).status).toBeOneOf([401, 403]);
  });

  it('lets nobody re-enable themselves, and deletes a user without history', async () => {
    const a1 = await server.login('applicant-a1');
    expect((await failure(a1.collection('users').update(a1.authStore.record!.id, { disabled: false }))).status).toBeGreaterThanOrEqual(400);
    const unused = await newOfficer('mistake@demo.tongban', '错建账号');
    await su.collection('users').delete(unused.id);
    expect((await failure(su.collection('users').getOne(unused.id))).status).toBe(404);
  });
});
