import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe } from '../../support/realtime.js';

const rawIdNumber = demoHousehold.applicant.idNumber;
const rawPhone = demoHousehold.applicant.phone;

describe('events keep personal data masked at every exit', () => {
  let server: TestServer;
  let caseId: string;
  beforeAll(async () => {
    server = await startPocketBase();
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    await command(a1, opened.case, 'submit');
    caseId = opened.case.id;
  });
  afterAll(() => server?.dispose());

  it('shows an officer the data patch with its x-mask fields masked, never the raw patch', async () => {
    const township = await server.login('township-a');
    const events = await township.collection('events').getFullList({ filter: `application = "${caseId}"`, sort: 'seq' });
    expect(events.map((e) => e.action)).toEqual(['start', 'submit']);
    for (const e of events) expect(Object.keys(e)).not.toContain('data_patch');
    for (const e of events) expect(Object.keys(e)).not.toContain('replay');
    const masked = events[0]!.data_masked as typeof demoHousehold;
    expect(masked.applicant.idNumber).toBe('320621********0023');
    expect(masked.applicant.phone).toBe('139****5678');
    expect(masked.household.members[1]!.idNumber).toBe('320621********0015');
    expect(masked.household.members[0]!.relation).toBe('本人');
    expect(JSON.stringify(events)).not.toContain(rawIdNumber);
    expect(JSON.stringify(events)).not.toContain(rawPhone);
  });

  it('finds nothing when an officer filters events on the raw ID number', async () => {
    const township = await server.login('township-a');
    const attacks = [
      `data_patch.applicant.idNumber ~ '19550312'`,
      `data_patch.applicant.idNumber = '${rawIdNumber}'`,
      `data_patch ~ '${rawIdNumber}'`,
      `replay ~ '${rawIdNumber.slice(0, 10)}'`,
      `data_masked.applicant.idNumber ~ '19550312'`,
    ];
    for (const filter of attacks) {
      const found = await township.collection('events').getList(1, 50, { filter: `application = "${caseId}" && ${filter}` }).then((r) => r.items.length, () => 0);
      expect(found, filter).toBe(0);
    }
    // The control: a filter on a readable field does find the events.
    expect((await township.collection('events').getList(1, 50, { filter: `application = "${caseId}" && action = 'start'` })).items).toHaveLength(1);
  });

  it('keeps the raw ID number out of events reached through expand', async () => {
    const township = await server.login('township-a');
    const expanded = await township.collection('events').getFullList({ filter: `application = "${caseId}"`, expand: 'application' });
    expect(expanded).toHaveLength(2);
    expect(JSON.stringify(expanded)).not.toContain(rawIdNumber);
  });

  it('sends new events over realtime without the raw patch', async () => {
    const township = await server.login('township-a');
    const subscription = await subscribe(server.url, township.authStore.token, ['events']);
    try {
      const a1 = await server.login('applicant-a1');
      await openCase(a1, demoHousehold);
      await subscription.waitFor(1);
      const created = subscription.messages.find((m) => m.action === 'create')!;
      expect(created.record.action).toBe('start');
      expect(created.record).not.toHaveProperty('data_patch');
      expect((created.record.data_masked as typeof demoHousehold).applicant.idNumber).toBe('320621********0023');
      expect(subscription.raw()).not.toContain(rawIdNumber);
    } finally {
      subscription.close();
    }
  });

  it('still keeps the raw patch for the server, where the hash chain covers it', async () => {
    const su = await server.superuser();
    const start = (await su.collection('events').getFullList({ filter: `application = "${caseId}" && seq = 1` }))[0]!;
    expect((start.data_patch as typeof demoHousehold).applicant.idNumber).toBe(rawIdNumber);
    await su.collection('events').update(start.id, { data_patch: { ...(start.data_patch as object), applicant: { ...demoHousehold.applicant, idNumber: '320621195503120031' } } });
    const county = await server.login('county');
    expect(await county.send(`/api/tongban/cases/${caseId}/verify`, {})).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });
});
