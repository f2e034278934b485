import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficers } from '../../support/staff.js';

async function submittedCase(server: TestServer, applicant?: PocketBase): Promise<CaseSummary> {
  const a1 = applicant ?? (await server.login('applicant-a1'));
  const opened = await openCase(a1, demoHousehold);
  return (await command(a1, opened.case, 'submit')).case;
}

describe('the command guarantees (DESIGN.md §3)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => server?.dispose());

  it('lets exactly one of 20 concurrent approvals of one task win; the others get 409 and change nothing', async () => {
    const c = await submittedCase(server);
    const officers = await Promise.all(Array.from({ length: 20 }, () => server.login('township-a')));
    const results = await Promise.allSettled(officers.map((pb) => command(pb, c, 'accept')));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { status: number }).status)).toEqual(Array(19).fill(409));
    const su = await server.superuser();
    const events = await su.collection('events').getFullList({ filter: `application = "${c.id}"` });
    expect(events.map((e) => e.action)).toEqual(['start', 'submit', 'accept']);
    expect((await su.collection('applications').getOne(c.id)).version).toBe(c.version + 1);
  });

  it('takes a repeated commandId once and answers it identically', async () => {
    const c = await submittedCase(server);
    const township = await server.login('township-a');
    const commandId = randomUUID();
    const first = await command(township, c, 'accept', { commandId });
    const again = await command(township, c, 'accept', { commandId });
    expect(again).toEqual(first);
    const su = await server.superuser();
    expect(await su.collection('events').getFullList({ filter: `application = "${c.id}" && action = "accept"` })).toHaveLength(1);
    const other = await server.login('township-b');
    expect((await failure(command(other, c, 'accept', { commandId }))).status).toBe(409);
  });

  it('answers the same commandId sent 8 times at once with the first answer every time, with one event', async () => {
    // Copies arrive before, during and after the first one commits; each round must answer 8 × 200.
    const township = await server.login('township-a');
    const applicant = await server.login('applicant-a1');
    const su = await server.superuser();
    for (let round = 0; round < 4; round++) {
      const c = await submittedCase(server, applicant);
      const commandId = randomUUID();
      const data = { acceptance: { complete: true, relativeFiling: false } };
      const answers = await Promise.allSettled(Array.from({ length: 8 }, () => command(township, c, 'accept', { commandId, data })));
      const refused = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected').map((a) => (a.reason as { status: number; response: unknown }).response);
      expect(refused, `round ${round}`).toEqual([]);
      const values = answers.map((a) => (a as PromiseFulfilledResult<unknown>).value);
      for (const a of values) expect(a).toEqual(values[0]);
      expect(await su.collection('events').getFullList({ filter: `application = "${c.id}" && action = "accept"` })).toHaveLength(1);
    }
  });

  it('lets one of 30 officers sending one action with form data win; the 29 others get 409 stale_version with the current version', async () => {
    const c = await submittedCase(server);
    const officers = [await server.login('township-a'), ...(await addOfficers(server, 'township-a', 29)).map((o) => o.pb)];
    const data = { acceptance: { complete: true, relativeFiling: false } };
    const results = await Promise.allSettled(officers.map((pb) => command(pb, c, 'accept', { data })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => ({ status: (r.reason as { status: number }).status, ...((r.reason as { response: object }).response) }));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(29);
    for (const l of lost) expect(l).toMatchObject({ status: 409, code: 'stale_version', currentVersion: c.version + 1 });
    const su = await server.superuser();
    expect((await su.collection('events').getFullList({ filter: `application = "${c.id}" && action = "accept"` }))).toHaveLength(1);
  });

  it('answers a stale version with 409 stale_version and the current version before looking at the data', async () => {
    const c = await submittedCase(server);
    const township = await server.login('township-a');
    await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
    // At the new step `accept` writes no data; the stale version is what the client must hear about.
    const stale = await failure(command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } }));
    expect(stale).toMatchObject({ status: 409, body: { code: 'stale_version', currentVersion: c.version + 1 } });
  });

  it('refuses a commandId reused on another case or with another body with 409 command_id_reused, and still answers the first', async () => {
    const c1 = await submittedCase(server);
    const c2 = await submittedCase(server);
    const township = await server.login('township-a');
    const commandId = randomUUID();
    const first = await command(township, c1, 'accept', { commandId });
    const otherCase = await failure(command(township, c2, 'accept', { commandId }));
    expect(otherCase).toMatchObject({ status: 409, body: { code: 'command_id_reused' } });
    const otherBody = await failure(command(township, c1, 'accept', { commandId, comment: '另一条意见' }));
    expect(otherBody).toMatchObject({ status: 409, body: { code: 'command_id_reused' } });
    const otherRoute = await failure(openCase(await server.login('applicant-a1'), demoHousehold, { commandId }));
    expect(otherRoute.status).toBe(409);
    expect(await command(township, c1, 'accept', { commandId })).toEqual(first);
    const su = await server.superuser();
    expect((await su.collection('applications').getOne(c2.id)).version).toBe(c2.version);
  });

  it('answers bad input with clear Chinese errors and paths, and changes nothing', async () => {
    const c = await submittedCase(server);
    const township = await server.login('township-a');
    const url = `${server.url}/api/tongban/cases/${c.id}/commands`;
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: township.authStore.token }, body });

    const malformed = await post('{"action": "accept",');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toContain('JSON');

    const huge = await post(JSON.stringify({ action: 'accept', version: c.version, commandId: 'x', comment: 'a'.repeat(300 * 1024) }));
    expect(huge.status).toBe(413);

    const polluted = await post(`{"action":"accept","version":${c.version},"commandId":"p1","data":{"acceptance":{"__proto__":{"admin":true}}}}`);
    expect(polluted.status).toBe(400);
    expect((await polluted.json()).errors[0].path).toBe('/data/acceptance/__proto__');

    const unknownField = await failure(command(township, c, 'accept', { data: { acceptance: { complete: true, secret: 1 } } }));
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.errors).toContainEqual({ path: '/data/acceptance/secret', message: '不允许的字段“secret”。' });

    const wrongType = await failure(command(township, c, 'accept', { data: { acceptance: { complete: '是' } } }));
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors?.[0]).toMatchObject({ path: '/data/acceptance/complete', message: '“材料齐全”应为是/否。' });

    const readOnly = await failure(command(township, c, 'accept', { data: { income: { wages: 0 } } }));
    expect(readOnly.status).toBe(422);
    expect(readOnly.body.errors?.[0]?.path).toBe('/data/income');

    const noReason = await failure(command(township, c, 'refuseAcceptance'));
    expect(noReason.body).toMatchObject({ code: 'invalid_data', errors: [{ path: '/comment' }] });

    const stale = await failure(command(township, { ...c, version: c.version - 1 }, 'accept'));
    expect(stale).toMatchObject({ status: 409, body: { code: 'stale_version' } });

    const su = await server.superuser();
    expect((await su.collection('applications').getOne(c.id)).version).toBe(c.version);
    expect(await su.collection('events').getFullList({ filter: `application = "${c.id}"` })).toHaveLength(2);
  });

  it('refuses an officer of the wrong unit with 403 and an outsider with 404', async () => {
    const c = await submittedCase(server);
    expect((await failure(command(await server.login('village-a1'), c, 'accept'))).status).toBe(403);
    expect((await failure(command(await server.login('township-b'), c, 'accept'))).status).toBe(404);
  });

  it('fires a 公示 timer that fell due while the server was down, once, after the restart', async () => {
    const c0 = await submittedCase(server);
    const township = await server.login('township-a');
    const village = await server.login('village-a1');
    const county = await server.login('county');
    let c = (await command(township, c0, 'accept')).case;
    c = (await command(village, c, 'complete')).case;
    c = (await command(county, c, 'complete')).case;
    c = (await command(township, c, 'approve')).case;
    expect(c.step).toBe('publicNotice');
    await server.stop();
    // The simulated clock is stored in the database: move it while the server is down.
    await server.restart();
    await server.setClock(new Date('2026-03-20T09:00:00+08:00'));
    await server.stop();
    await server.restart();
    const after = await (await server.login('county')).send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {});
    expect(after.case.step).toBe('countyReview');
    const su = await server.superuser();
    expect(await su.collection('events').getFullList({ filter: `application = "${c.id}" && kind = "timer"` })).toHaveLength(1);
    expect(await server.sweep()).toBe(0);
  });

  it('loses no acknowledged command and leaves none half-applied when killed with SIGKILL mid-burst', async () => {
    const cases = await Promise.all(Array.from({ length: 8 }, () => submittedCase(server)));
    const clients = await Promise.all(cases.map(() => server.login('township-a')));
    const applicants = await Promise.all(cases.map(() => server.login('applicant-a1')));
    const acknowledged: { caseId: string; commandId: string }[] = [];
    let killed = false;
    let kill: Promise<void> | undefined;
    // Kill the server once 30 commands are acknowledged, while the others are in flight.
    const killAfterAcks = () => {
      if (!killed && acknowledged.length >= 30) {
        killed = true;
        kill = server.kill9();
      }
    };
    const bursts = cases.map(async (c0, i) => {
      let c = c0;
      for (let n = 0; n < 25 && !killed; n++) {
        const commandId = randomUUID();
        // Each case ping-pongs between the township's 补正 request and the applicant's resubmission.
        try {
          const action = c.step === 'accept' ? 'requestCorrection' : 'submit';
          const pb = c.step === 'accept' ? clients[i]! : applicants[i]!;
          const answer = await command(pb, c, action, { commandId, comment: '请补正：收入证明' });
          acknowledged.push({ caseId: c.id, commandId });
          killAfterAcks();
          c = answer.case;
        } catch {
          return;
        }
      }
    });
    await Promise.all(bursts);
    expect(killed).toBe(true);
    await kill;
    await server.restart();
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    const su = await server.superuser();
    for (const { caseId, commandId } of acknowledged) {
      expect(await su.collection('events').getFullList({ filter: `command_id = "${commandId}"` }), commandId).toHaveLength(1);
      void caseId;
    }
    for (const c of cases) {
      const record = await su.collection('applications').getOne(c.id);
      const events = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
      expect(record.version).toBe(events.length);
      expect(events[events.length - 1]!.to_step).toBe(record.step);
      const open = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` });
      expect(open.map((t) => t.step)).toEqual([record.step]);
      const county = await server.login('county');
      expect((await county.send<{ ok: boolean }>(`/api/tongban/cases/${c.id}/verify`, {})).ok).toBe(true);
    }
  });
});
