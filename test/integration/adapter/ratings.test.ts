import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { demoUserId } from '../../support/staff.js';

describe('好差评: the applicant rates their ended case once', () => {
  let server: TestServer;
  let ended: CaseSummary;
  let running: CaseSummary;
  let a1Id: string;
  beforeAll(async () => {
    server = await startPocketBase();
    const a1 = await server.login('applicant-a1');
    a1Id = await demoUserId(server, 'applicant-a1');
    const opened = (await openCase(a1, demoHousehold)).case;
    ended = (await command(a1, opened, 'withdraw')).case;
    running = (await openCase(a1, demoHousehold)).case;
  });
  afterAll(() => server?.dispose());

  it('refuses a rating of a case that has not ended', async () => {
    const a1 = await server.login('applicant-a1');
    expect((await failure(a1.collection('ratings').create({ application: running.id, applicant: a1Id, score: 5 }))).status).toBe(400);
  });

  it('refuses a bad rating without a reason', async () => {
    const a1 = await server.login('applicant-a1');
    expect(ended.status).toBe('done');
    expect((await failure(a1.collection('ratings').create({ application: ended.id, applicant: a1Id, score: 2 }))).status).toBe(400);
  });

  it('refuses a rating by someone who is not the case’s applicant, even in their own name', async () => {
    const b1 = await server.login('applicant-b1');
    const b1Id = await demoUserId(server, 'applicant-b1');
    expect((await failure(b1.collection('ratings').create({ application: ended.id, applicant: b1Id, score: 5 }))).status).toBe(400);
    expect((await failure(b1.collection('ratings').create({ application: ended.id, applicant: a1Id, score: 5 }))).status).toBe(400);
  });

  it('takes the applicant’s bad rating with its reason once, and never a second or a change', async () => {
    const a1 = await server.login('applicant-a1');
    const rating = await a1.collection('ratings').create({ application: ended.id, applicant: a1Id, score: 1, reason: '等待时间太长' });
    expect(rating).toMatchObject({ score: 1, reason: '等待时间太长' });
    expect((await failure(a1.collection('ratings').create({ application: ended.id, applicant: a1Id, score: 5 }))).status).toBe(400);
    expect((await failure(a1.collection('ratings').update(rating.id, { score: 5 }))).status).toBe(403);
    expect((await a1.collection('ratings').getFullList()).map((r) => r.score)).toEqual([1]);
    const b1 = await server.login('applicant-b1');
    expect(await b1.collection('ratings').getFullList()).toEqual([]);
  });
});
