import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

describe('access to cases through PocketBase', () => {
  let server: TestServer;
  let theCase: CaseSummary;

  beforeAll(async () => {
    server = await startPocketBase();
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    theCase = (await command(a1, opened.case, 'submit')).case;
  });
  afterAll(() => server?.dispose());

  it('lets the applicant, their township and their county see the case', async () => {
    for (const user of ['applicant-a1', 'township-a', 'county', 'village-a1', 'admin']) {
      const pb = await server.login(user);
      const found = await pb.collection('applications').getList(1, 10, { filter: `id = "${theCase.id}"` });
      expect(found.items.map((r) => r.id), user).toEqual([theCase.id]);
    }
  });

  it('hides the case from another applicant, a neighbouring village and another township', async () => {
    for (const user of ['applicant-b1', 'village-a2', 'township-b', 'village-b1']) {
      const pb = await server.login(user);
      const list = await pb.collection('applications').getList(1, 50);
      expect(list.items.map((r) => r.id), user).not.toContain(theCase.id);
      expect((await failure(pb.collection('applications').getOne(theCase.id))).status, user).toBe(404);
      expect((await failure(pb.send(`/api/tongban/cases/${theCase.id}`, {}))).status, user).toBe(404);
      const tasks = await pb.collection('tasks').getList(1, 50, { filter: `application = "${theCase.id}"` });
      expect(tasks.items, user).toEqual([]);
    }
  });

  it('never exposes the raw case data through the record API, so it cannot be filtered on', async () => {
    const pb = await server.login('township-a');
    const record = await pb.collection('applications').getOne(theCase.id);
    expect(record.data).toBeUndefined();
    // A filter on the hidden field is refused or matches nothing; it never reveals which case matches.
    const probe = await pb.collection('applications').getList(1, 10, { filter: 'data.applicant.idNumber ~ "3206"' }).then(
      (list) => list.items.length,
      (e: { status: number }) => e.status,
    );
    expect([0, 400]).toContain(probe);
    // The same probe through a relation (tasks → application.data) does not work either.
    const viaTasks = await pb.collection('tasks').getList(1, 10, { filter: 'application.data.applicant.idNumber ~ "3206"' }).then(
      (list) => list.items.length,
      (e: { status: number }) => e.status,
    );
    expect([0, 400]).toContain(viaTasks);
    // Control: the probe does match for the superuser, so a 0 above means "refused", not "no such case".
    const su = await server.superuser();
    const control = await su.collection('applications').getList(1, 10, { filter: 'data.applicant.idNumber ~ "3206"' });
    expect(control.items.map((r) => r.id)).toContain(theCase.id);
  });

  it('refuses every generic write on workflow collections, by every kind of user, and changes nothing', async () => {
    const su = await server.superuser();
    const before = await su.collection('applications').getOne(theCase.id);
    const task = (await su.collection('tasks').getList(1, 1, { filter: `application = "${theCase.id}"` })).items[0]!;
    const event = (await su.collection('events').getList(1, 1, { filter: `application = "${theCase.id}"` })).items[0]!;
    for (const user of ['applicant-a1', 'township-a', 'county', 'admin']) {
      const pb = await server.login(user);
      expect((await failure(pb.collection('applications').update(theCase.id, { status: 'done', outcome: 'approved', version: 99 }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('applications').create({ case_no: 'X', applicant: pb.authStore.record!.id }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('applications').delete(theCase.id))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('tasks').update(task.id, { status: 'done' }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('events').update(event.id, { comment: 'forged' }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('events').create({ application: theCase.id, seq: 99 }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('documents').create({ application: theCase.id, html: '<b>x</b>' }))).status, user).toBeGreaterThanOrEqual(400);
      expect((await failure(pb.collection('timers').create({ application: theCase.id, key: 'x' }))).status, user).toBeGreaterThanOrEqual(400);
    }
    const after = await su.collection('applications').getOne(theCase.id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    expect((await su.collection('tasks').getOne(task.id)).status).toBe(task.status);
    expect((await su.collection('events').getOne(event.id)).comment).toBe(event.comment);
  });

  it('does not let a user promote themselves or move to another unit', async () => {
    const pb = await server.login('applicant-a1');
    const me = pb.authStore.record!;
    expect((await failure(pb.collection('users').update(me.id, { role: 'admin' }))).status).toBeGreaterThanOrEqual(400);
    expect((await failure(pb.collection('users').update(me.id, { duties: ['dibao_officer'] }))).status).toBeGreaterThanOrEqual(400);
    const su = await server.superuser();
    const otherUnit = (await su.collection('org_units').getFirstListItem('code = "320685004001"')).id;
    expect((await failure(pb.collection('users').update(me.id, { org_unit: otherUnit }))).status).toBeGreaterThanOrEqual(400);
    const officer = await server.login('village-a2');
    expect((await failure(officer.collection('users').update(officer.authStore.record!.id, { role: 'admin', org_unit: otherUnit }))).status).toBeGreaterThanOrEqual(400);
    expect((await failure(officer.collection('users').update(me.id, { name: '改名' }))).status).toBeGreaterThanOrEqual(400);
    const after = await su.collection('users').getOne(me.id);
    expect([after.role, after.org_unit, after.duties, after.name]).toEqual(['applicant', me.org_unit, [], me.name]);
    expect((await su.collection('users').getOne(officer.authStore.record!.id)).role).toBe('officer');
  });

  it('still lets a user change their own name and phone', async () => {
    const pb = await server.login('applicant-b1');
    const me = pb.authStore.record!;
    const updated = await pb.collection('users').update(me.id, { phone: '13800002222' });
    expect(updated.phone).toBe('13800002222');
  });
});
